// AppInstance: one run of the app on one port, from start to healthy to stopped.
#pragma once

#include <uv.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dev/child_process.hpp"
#include "dev/health_probe.hpp"
#include "dev/loop_tasks.hpp"

namespace apictl::dev {

struct AppInstanceOptions {
  std::string command;                      // [dev] command; every "{port}" becomes the instance's port
  std::filesystem::path working_directory;  // the project's root
  std::string health_path;                  // "" : healthy once the port accepts connections
  std::chrono::milliseconds health_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds stop_grace{std::chrono::seconds(5)};
  // While another instance serves: start at a low CPU priority (its session's autogroup at nice 10), back to
  // normal once healthy or after `yield_at_most`. On a machine with few cores a starting Python app takes a
  // whole core for a few hundred milliseconds; the one serving should not wait for it.
  bool yield_cpu_while_starting = false;
  std::chrono::milliseconds yield_at_most{std::chrono::seconds(1)};
};

class AppInstance;

// Each event names its instance, so one owner can tell several apart.
struct AppInstanceEvents {
  std::function<void(AppInstance&)> on_healthy;                 // the health check passed
  std::function<void(AppInstance&)> on_health_timeout;          // not healthy after health_timeout (the app still runs)
  std::function<void(AppInstance&, const ChildExit&)> on_exit;  // the app and its group are gone
};

class AppInstance {
 public:
  AppInstance(uv_loop_t* loop, LoopTasks& tasks, int port, AppInstanceOptions options,
              ChildProcess::LineHandler on_line, AppInstanceEvents events);
  ~AppInstance();  // stops the app if it runs and waits for it (ChildProcess's destructor)
  AppInstance(const AppInstance&) = delete;
  AppInstance& operator=(const AppInstance&) = delete;

  // Starts the app with PORT=port in its environment and the probe polling its health.
  Result<void> start();
  // SIGTERM to its group, SIGKILL after the grace period; on_exit follows.
  void stop();

  int port() const { return port_; }
  pid_t pid() const { return process_.pid(); }
  bool healthy() const { return healthy_; }
  bool running() const { return process_.running(); }
  // The lower priority of yield_cpu_while_starting is still wanted, or still in effect.
  bool yielding_cpu() const { return wanted_nice_ != 0 || applied_nice_ != 0; }
  std::chrono::steady_clock::time_point started_at() const { return started_at_; }

 private:
  void close_timer();
  void apply_priority();
  void close_priority_timer();

  int port_;
  AppInstanceEvents events_;
  LoopTasks& tasks_;
  std::string health_path_;
  std::chrono::milliseconds health_timeout_;
  ChildProcess process_;
  std::unique_ptr<HealthProbe> probe_;
  uv_timer_t* health_timer_ = nullptr;    // freed by its close callback
  uv_timer_t* priority_timer_ = nullptr;  // the yield_at_most limit, and retries when the kernel is busy
  bool yield_cpu_ = false;
  std::chrono::milliseconds yield_at_most_;
  std::chrono::steady_clock::time_point yield_until_{};
  int wanted_nice_ = 0;   // of the session's autogroup
  int applied_nice_ = 0;  // what the kernel took
  int busy_retries_ = 0;
  bool healthy_ = false;
  std::chrono::steady_clock::time_point started_at_{};
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // posted callbacks check it
};

// `command` with every "{port}" replaced by `port`.
std::string command_for_port(std::string command, int port);

// What an app started in `folder` on `port` gets on top of apictl's environment: the project's .venv first on
// PATH, PORT, and PYTHONUNBUFFERED=1 (Python holds stdout back when it is a pipe; a traceback or log line
// seen late is one lost in a crash).
std::vector<std::string> app_environment(const std::filesystem::path& folder, int port);

}  // namespace apictl::dev
