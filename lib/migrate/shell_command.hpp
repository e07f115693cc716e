// Running a migration's shell commands (preconditions, `run` steps, undo and verify commands): `sh -c` in the
// project root, stdin from /dev/null, stdout and stderr captured together in the order they were written.
#pragma once

#include <filesystem>
#include <string>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct ShellOutcome {
  int exit_status = 0;  // 128 + N when signal N ended it
  std::string output;   // stdout and stderr, interleaved
};

// Starting `sh` failing is the error value; a non-zero exit status is for the caller to judge.
Result<ShellOutcome> run_shell(const std::filesystem::path& folder, const std::string& command);

// The last `lines` lines of `output`, for messages.
std::string last_lines(std::string_view output, std::size_t lines);

}  // namespace apictl::migrate
