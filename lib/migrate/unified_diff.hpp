// Unified diffs of file contents (the `plan` output and the hunks shown when a rollback meets drift).
#pragma once

#include <string>
#include <string_view>

namespace apictl::migrate {

// A unified diff with three lines of context: `--- OLD_LABEL`, `+++ NEW_LABEL`, then hunks; a last line
// without a line break is marked "\ No newline at end of file" as diff(1) does. "" when the texts are equal.
// Contents holding a NUL byte are reported as "Binary files ... differ".
std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label);

}  // namespace apictl::migrate
