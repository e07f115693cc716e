// Running one [dev] step (setup, build) to its end, as `apictl dev` runs it: `sh -c` in the project's folder
// under lib/dev's child process supervisor.
#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>

#include "dev/child_process.hpp"
#include "diagnostic.hpp"

namespace apictl::slo {

// The last lines a child wrote, for the message when it fails.
class OutputTail {
 public:
  dev::ChildProcess::LineHandler handler();
  std::string text() const;  // each line on its own, indented, after a newline; "" when nothing was written

 private:
  std::deque<std::string> lines_;
};

// Fails ("slo-step-failed") with the step's last lines when it exits non-zero or outlives `timeout` (then it is
// stopped: SIGTERM, SIGKILL after `stop_grace`).
Result<void> run_dev_step(std::string_view name, const std::string& command, const std::filesystem::path& folder,
                          std::chrono::milliseconds timeout, std::chrono::milliseconds stop_grace);

}  // namespace apictl::slo
