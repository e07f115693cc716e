// [dev] steps on an event loop of their own.
#include "slo/dev_step.hpp"

#include <fmt/format.h>

#include <optional>

#include "dev/event_loop.hpp"
#include "project/virtualenv.hpp"

namespace apictl::slo {

dev::ChildProcess::LineHandler OutputTail::handler() {
  return [this](dev::OutputStream, std::string_view line) {
    lines_.emplace_back(line);
    if (lines_.size() > 15) lines_.pop_front();
  };
}

std::string OutputTail::text() const {
  std::string text;
  for (const std::string& line : lines_) text += "\n    " + line;
  return text;
}

Result<void> run_dev_step(std::string_view name, const std::string& command, const std::filesystem::path& folder,
                          std::chrono::milliseconds timeout, std::chrono::milliseconds stop_grace) {
  auto loop = dev::EventLoop::open();
  if (!loop) return std::unexpected(loop.error());
  OutputTail tail;
  std::optional<dev::ChildExit> ended;
  dev::ChildProcessOptions child;
  child.command = command;
  child.working_directory = folder;
  child.environment = project::virtualenv_environment(folder);
  child.stop_grace = stop_grace;
  dev::ChildProcess process((*loop)->get(), std::move(child), tail.handler(),
                            [&](const dev::ChildExit& exit) { ended = exit; });
  if (auto started = process.start(); !started) return std::unexpected(started.error());
  if (!(*loop)->run_until([&] { return ended.has_value(); }, timeout)) {
    process.stop();
    (*loop)->run_until([&] { return ended.has_value(); }, stop_grace + std::chrono::seconds(5));
    return fail("slo-step-failed", fmt::format("[dev] {} did not finish in {} s", name,
                                               std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
  }
  if (ended->exit_code != 0) {
    return fail("slo-step-failed",
                fmt::format("[dev] {} failed ({}): {}{}", name, ended->describe(), command, tail.text()), {},
                name == "setup" ? "fix it, or measure without it: --no-setup" : "fix it and measure again");
  }
  return {};
}

}  // namespace apictl::slo
