// Running a program and capturing what it prints: posix_spawn, no shell, stdin from /dev/null.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace apictl {

struct ProcessOutput {
  int exit_status = 0;  // the program's exit code; 128 + N when signal N ended it
  std::string out;      // everything it wrote to stdout
  std::string err;      // everything it wrote to stderr
};

// Runs `argv[0]` (looked up on PATH) with `argv` as its arguments — passed as they are, never through a
// shell — and waits for it. `environment` holds NAME=VALUE entries set on top of this process's environment.
// Failing to start the program is the error value: code "command-not-found" when it is not installed,
// "spawn-failed" otherwise. A non-zero exit status is not an error here; callers judge it.
Result<ProcessOutput> run_process(std::span<const std::string> argv, std::span<const std::string> environment = {});

// This process's environment with `overrides` (NAME=VALUE) replacing or adding entries.
std::vector<std::string> merged_environment(std::span<const std::string> overrides);
// argv/envp for exec: pointers into `strings`, then a null.
std::vector<char*> pointers_to(std::vector<std::string>& strings);

}  // namespace apictl
