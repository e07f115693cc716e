#include "dev/app_instance.hpp"

#include <utility>

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

namespace {

ChildProcessOptions child_options(const AppInstanceOptions& options, int port) {
  ChildProcessOptions child;
  child.command = command_for_port(options.command, port);
  child.working_directory = options.working_directory;
  // Python holds stdout back when it is a pipe; a traceback or log line seen late is one lost in a crash.
  child.environment = {"PORT=" + std::to_string(port), "PYTHONUNBUFFERED=1"};
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
      process_(loop, child_options(options, port), std::move(on_line), [this](const ChildExit& exit) {
        probe_.reset();
        close_timer();
        if (events_.on_exit) events_.on_exit(*this, exit);
      }) {
  health_timer_ = new uv_timer_t();
  uv_timer_init(loop, health_timer_);
  health_timer_->data = this;
}

AppInstance::~AppInstance() {
  *alive_ = false;
  probe_.reset();
  close_timer();
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
  probe_ = std::make_unique<HealthProbe>(tasks_, port_, health_path_, [this, alive = alive_] {
    if (!*alive || healthy_ || !process_.running()) return;
    healthy_ = true;
    probe_.reset();  // joins a thread that has already returned
    close_timer();
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
