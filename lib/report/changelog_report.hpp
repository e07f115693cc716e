// Writing a changelog section: markdown to prepend to CHANGELOG.md, text for a terminal, json for tools.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff/changelog.hpp"

namespace apictl::report {

enum class ChangelogFormat { markdown, text, json };
std::optional<ChangelogFormat> parse_changelog_format(std::string_view name);
std::vector<std::string> changelog_format_names();

void write_changelog(std::ostream& out, const diff::Changelog& changelog, ChangelogFormat format);

}  // namespace apictl::report
