#include "dev/app_instance.hpp"

#include <chrono>
#include <cstdint>
#include <utility>

#include "dev/session_priority.hpp"
#include "project/virtualenv.hpp"

namespace apictl::dev {

std::string command_for_port(std::string command, int port) {
  const std::string placeholder = "{port}";
  const std::string value = std::to_string(port);
  for (auto at = command.find(placeholder); at != std::string::npos; at = command.find(placeholder, at)) {
    command.replace(at, placeholder.size(), value);
    at += value.size();
  }
  return command;
}

std::vector<std::string> app_environment(const std::filesystem::path& folder, int port) {
  std::vector<std::string> environment = project::virtualenv_environment(folder);
  environment.push_back("PORT=" + std::to_string(port));
  environment.push_back("PYTHONUNBUFFERED=1");
  return environment;
}

namespace {

ChildProcessOptions child_options(const AppInstanceOptions& options, int port) {
  ChildProcessOptions child;
  child.command = command_for_port(options.command, port);
  child.working_directory = options.working_directory;
  child.environment = app_environment(options.working_directory, port);
  child.stop_grace = options.stop_grace;
  return child;
}

}  // namespace

AppInstance::AppInstance(uv_loop_t* loop, LoopTasks& tasks, int port, AppInstanceOptions options,
                         ChildProcess::LineHandler on_line, AppInstanceEvents events)
    : port_(port),
      events_(std::move(events)),
      tasks_(tasks),
      health_path_(options.health_path),
      health_timeout_(options.health_timeout),
      process_(loop, child_options(options, port), std::move(on_line),
               [this](const ChildExit& exit) {
                 probe_.reset();
                 close_timer();
                 close_priority_timer();
                 if (events_.on_exit) events_.on_exit(*this, exit);
               }),
      yield_cpu_(options.yield_cpu_while_starting),
      yield_at_most_(options.yield_at_most) {
  health_timer_ = new uv_timer_t();
  uv_timer_init(loop, health_timer_);
  health_timer_->data = this;
  priority_timer_ = new uv_timer_t();
  uv_timer_init(loop, priority_timer_);
  priority_timer_->data = this;
}

AppInstance::~AppInstance() {
  *alive_ = false;
  probe_.reset();
  close_timer();
  close_priority_timer();
}

void AppInstance::close_priority_timer() {
  if (priority_timer_ == nullptr) return;
  uv_timer_stop(priority_timer_);
  uv_close(reinterpret_cast<uv_handle_t*>(priority_timer_),
           [](uv_handle_t* handle) { delete reinterpret_cast<uv_timer_t*>(handle); });
  priority_timer_ = nullptr;
}

void AppInstance::apply_priority() {
  if (priority_timer_ == nullptr) return;
  const auto now = std::chrono::steady_clock::now();
  if (wanted_nice_ != 0 && now >= yield_until_) wanted_nice_ = 0;
  if (wanted_nice_ != applied_nice_) {
    switch (set_session_nice(process_.supervisor_pid(), wanted_nice_)) {
      case SessionNice::applied:
        applied_nice_ = wanted_nice_;
        break;
      // One autogroup change per 100 ms from an unprivileged user, machine-wide: the previous instance's
      // change may have just taken the slot. Try again a little later, a few times.
      case SessionNice::busy:
        if (++busy_retries_ <= 20) break;
        [[fallthrough]];
      case SessionNice::unsupported:
        if (applied_nice_ == 0) wanted_nice_ = 0;  // never lowered: nothing to undo
        uv_timer_stop(priority_timer_);
        return;
    }
  }
  if (wanted_nice_ != applied_nice_) {
    uv_timer_start(
        priority_timer_, [](uv_timer_t* timer) { static_cast<AppInstance*>(timer->data)->apply_priority(); }, 110, 0);
  } else if (wanted_nice_ != 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(yield_until_ - now);
    uv_timer_start(
        priority_timer_, [](uv_timer_t* timer) { static_cast<AppInstance*>(timer->data)->apply_priority(); },
        static_cast<std::uint64_t>(left.count()), 0);
  } else {
    uv_timer_stop(priority_timer_);
  }
}

void AppInstance::close_timer() {
  if (health_timer_ == nullptr) return;
  uv_timer_stop(health_timer_);
  uv_close(reinterpret_cast<uv_handle_t*>(health_timer_),
           [](uv_handle_t* handle) { delete reinterpret_cast<uv_timer_t*>(handle); });
  health_timer_ = nullptr;
}

Result<void> AppInstance::start() {
  started_at_ = std::chrono::steady_clock::now();
  if (auto started = process_.start(); !started) return started;
  // The supervisor heads the app's session: its autogroup is the whole tree's.
  if (yield_cpu_) {
    wanted_nice_ = 10;
    yield_until_ = started_at_ + yield_at_most_;
    apply_priority();
  }
  probe_ = std::make_unique<HealthProbe>(tasks_, port_, health_path_, [this, alive = alive_] {
    if (!*alive || healthy_ || !process_.running()) return;
    healthy_ = true;
    probe_.reset();  // joins a thread that has already returned
    close_timer();
    wanted_nice_ = 0;
    apply_priority();
    if (events_.on_healthy) events_.on_healthy(*this);
  });
  uv_timer_start(
      health_timer_,
      [](uv_timer_t* timer) {
        auto* self = static_cast<AppInstance*>(timer->data);
        self->probe_.reset();
        self->close_timer();
        if (self->events_.on_health_timeout) self->events_.on_health_timeout(*self);
      },
      static_cast<std::uint64_t>(health_timeout_.count()), 0);
  return {};
}

void AppInstance::stop() {
  probe_.reset();
  close_timer();
  process_.stop();
}

}  // namespace apictl::dev
