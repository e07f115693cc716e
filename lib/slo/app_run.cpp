// AppRun with lib/dev's event loop, child process, free port and health probe.
#include "slo/app_run.hpp"

#include <fmt/format.h>

#include <atomic>
#include <optional>
#include <thread>

#include "dev/app_instance.hpp"
#include "dev/child_process.hpp"
#include "dev/event_loop.hpp"
#include "dev/free_port.hpp"
#include "dev/health_probe.hpp"
#include "dev/loop_tasks.hpp"
#include "slo/dev_step.hpp"

namespace apictl::slo {

// Declared in the order they must be destroyed in reverse: the probe and the process before the loop's tasks,
// and those before the loop.
struct AppRun::State {
  std::unique_ptr<dev::EventLoop> loop;
  std::unique_ptr<dev::LoopTasks> tasks;
  OutputTail tail;
  std::optional<dev::ChildExit> ended;
  std::optional<Clock::time_point> listening;
  std::optional<Clock::time_point> answered;
  Times times;
  int port = 0;
  std::chrono::milliseconds stop_grace{};
  std::unique_ptr<dev::ChildProcess> process;
  std::unique_ptr<dev::HealthProbe> probe;

  void stop() {
    probe.reset();
    if (process && process->running()) process->stop();
    if (process) loop->run_until([this] { return ended.has_value(); }, stop_grace + std::chrono::seconds(5));
    process.reset();
  }
};

AppRun::AppRun(std::unique_ptr<State> state) : state_(std::move(state)) {}

AppRun::~AppRun() {
  if (state_) state_->stop();
}

int AppRun::port() const { return state_->port; }

const AppRun::Times& AppRun::times() const { return state_->times; }

Result<std::unique_ptr<AppRun>> AppRun::start(const project::DevConfig& dev_config, const std::filesystem::path& folder,
                                              const AppRunOptions& options) {
  auto state = std::make_unique<State>();
  auto loop = dev::EventLoop::open();
  if (!loop) return std::unexpected(loop.error());
  state->loop = std::move(*loop);
  state->tasks = std::make_unique<dev::LoopTasks>(state->loop->get());
  state->stop_grace = options.stop_grace;
  auto port = dev::free_loopback_port();
  if (!port) return std::unexpected(port.error());
  state->port = *port;
  State& s = *state;
  dev::ChildProcessOptions child;
  child.command = dev::command_for_port(dev_config.command, s.port);
  child.working_directory = folder;
  child.environment = dev::app_environment(folder, s.port);
  child.stop_grace = options.stop_grace;
  s.process = std::make_unique<dev::ChildProcess>(s.loop->get(), std::move(child), s.tail.handler(),
                                                  [&s](const dev::ChildExit& exit) { s.ended = exit; });
  const auto poll = std::chrono::milliseconds(5);
  s.times.started = Clock::now();
  if (auto started = s.process->start(); !started) return std::unexpected(started.error());
  s.probe = std::make_unique<dev::HealthProbe>(
      *s.tasks, s.port, "", [&s] { s.listening = Clock::now(); }, poll);
  // Two probes one after the other: the port accepting, then a 2xx on the health path.
  bool probing_health = false;
  Clock::time_point deadline = s.times.started + options.response_timeout;
  while (!s.answered && !s.ended && Clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    s.loop->run_until([&] { return s.answered || s.ended || (s.listening && !probing_health); },
                      left + std::chrono::milliseconds(1));
    if (s.listening && !probing_health && !s.answered && !s.ended) {
      probing_health = true;
      if (dev_config.health.empty()) {
        s.answered = s.listening;  // no health path: accepting connections is all the app promises
      } else {
        if (options.progress) options.progress("first response");
        s.probe = std::make_unique<dev::HealthProbe>(
            *s.tasks, s.port, dev_config.health, [&s] { s.answered = Clock::now(); }, poll);
      }
    }
  }
  if (!s.answered) {
    std::string why =
        s.ended ? "the app stopped before answering (" + s.ended->describe() + ")"
                : fmt::format("the app did not answer 2xx on {} within {} s",
                              dev_config.health.empty() ? "its port" : dev_config.health,
                              std::chrono::duration_cast<std::chrono::seconds>(options.response_timeout).count());
    std::string output = s.tail.text();
    s.stop();
    return fail("slo-no-response", why + ": " + dev_config.command + output, {},
                "try it with apictl dev in the project; a missing package needs [dev] setup (drop --no-setup)");
  }
  s.probe.reset();
  s.times.listening = *s.listening;
  s.times.answered = *s.answered;
  return std::unique_ptr<AppRun>(new AppRun(std::move(state)));
}

void AppRun::run_alongside(const std::function<void()>& work) {
  std::atomic<bool> done = false;
  std::jthread worker([&] {
    work();
    done = true;
    state_->tasks->post([] {});  // wakes the loop
  });
  while (!done) state_->loop->run_until([&] { return done.load(); }, std::chrono::seconds(1));
}

}  // namespace apictl::slo
