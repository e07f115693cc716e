// The project's Python virtual environment, `.venv` beside apictl.toml: the [dev] steps apictl runs (the
// setup's later lines, the build, the app, the tests, a migration's verify) find its python3 first, as after
// `source .venv/bin/activate`, so what [dev] setup installed there is what they import.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace apictl::project {

// NAME=VALUE entries for a step's environment: PATH with ROOT/.venv/bin first, and VIRTUAL_ENV. None when
// ROOT has no .venv/bin/python (no virtual environment, or not yet made by the setup).
std::vector<std::string> virtualenv_environment(const std::filesystem::path& root);

// The PATH those steps search: the entries' PATH, else this process's.
std::string step_search_path(const std::vector<std::string>& environment);

}  // namespace apictl::project
