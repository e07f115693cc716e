// Glob matching for JSON pointers and file paths: `*` stays within one `/` segment, `**` spans any number.
#pragma once

#include <string_view>

namespace apictl {

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace apictl
