// One PEP 508 requirement ("pydantic[email] >=1.10,<3 ; python_version >= '3.8'") split into byte ranges,
// so a version can be replaced without touching extras, markers or comments.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace apictl::migrate {

struct RequirementParts {
  std::size_t name_begin = 0;
  std::size_t name_end = 0;
  std::size_t spec_begin = 0;  // the specifier set; spec_begin == spec_end when there is none
  std::size_t spec_end = 0;
};

// nullopt when `text` does not start with a requirement (after blanks), or is a direct URL reference
// (`name @ https://...`), which has no version to change.
std::optional<RequirementParts> split_requirement(std::string_view text);

}  // namespace apictl::migrate
