// A `--header 'Name: value'` flag of `contract test`: its name checked, its value with ${NAME} taken from the
// environment for sending, and kept as written for reports, so secrets never reach them.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::contract_test {

struct HeaderFlag {
  std::string name;
  std::string value;  // as sent: each ${NAME} replaced by the environment variable's value
  std::string shown;  // as written, ${NAME} kept
};

// Errors ("usage"): no colon, a name that is not an HTTP token, a ${NAME} that is not set.
Result<HeaderFlag> parse_header_flag(std::string_view flag);

// Replaces each ${NAME} in `text` with the environment variable's value; the error is the first unset NAME.
std::expected<std::string, std::string> expand_environment(std::string_view text);

}  // namespace apictl::contract_test
