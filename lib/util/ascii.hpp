// ASCII text helpers for protocol text (header values, media types, keywords), where locale must not matter.
#pragma once

#include <string>
#include <string_view>

namespace apictl {

std::string ascii_lower(std::string_view text);
// `text` without leading and trailing spaces and tabs.
std::string trim_blanks(std::string_view text);

}  // namespace apictl
