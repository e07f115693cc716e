// Post-generation hooks: each a shell command run in the new project, in template order.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/generator.hpp"

namespace apictl::scaffold {

// Runs each hook with `sh -c` in `project`, its stdout and stderr going to this process's stderr (so
// stdout stays the command's own), announcing each on `log`. Stops at the first that fails; the error names
// it and its exit status.
Result<void> run_hooks(const std::vector<PlannedHook>& hooks, const std::filesystem::path& project, std::ostream& log);

}  // namespace apictl::scaffold
