// A change set as a git-style patch (`diff --git` headers, new/deleted file modes, renames, unified hunks),
// which `git apply` accepts: the exact output of `apictl migrate plan`.
#pragma once

#include <string>

#include "migrate/work_tree.hpp"

namespace apictl::migrate {

std::string change_set_diff(const ChangeSet& changes);

}  // namespace apictl::migrate
