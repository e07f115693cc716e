// Parses contract test's --header flags; expands ${NAME} from the environment without ever showing the value.
#include "contract_test/header_flag.hpp"

#include <cstdlib>

namespace apictl::contract_test {

std::expected<std::string, std::string> expand_environment(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t close = text.substr(i).starts_with("${") ? text.find('}', i + 2) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += text[i];
      continue;
    }
    std::string name(text.substr(i + 2, close - i - 2));
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::unexpected(name);
    out += value;
    i = close;
  }
  return out;
}

Result<HeaderFlag> parse_header_flag(std::string_view flag) {
  std::size_t colon = flag.find(':');
  std::string_view name = flag.substr(0, colon);
  // RFC 9110's token: no separators, no spaces.
  bool token = !name.empty() && name.find_first_of(" \t\r\n\"(),/;<=>?@[\\]{}") == std::string_view::npos;
  if (colon == std::string_view::npos || !token) {
    return fail("usage", "--header '" + std::string(flag) + "' is not 'Name: value'", {},
                "e.g. --header 'Authorization: Bearer ${API_TOKEN}'");
  }
  std::string_view shown = flag.substr(colon + 1);
  shown.remove_prefix(std::min(shown.find_first_not_of(" \t"), shown.size()));
  auto value = expand_environment(shown);
  if (!value) {
    return fail("usage", "--header '" + std::string(flag) + "' names ${" + value.error() + "}, which is not set", {},
                "export " + value.error() + "=... first (the value is sent, never printed)");
  }
  return HeaderFlag{std::string(name), std::move(*value), std::string(shown)};
}

}  // namespace apictl::contract_test
