// AppRun: the project's app started as `apictl dev` starts it — [dev] command with {port} on a free 127.0.0.1
// port, its own process group under lib/dev's supervisor — and held until its health path answers 2xx.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "diagnostic.hpp"
#include "project/project_config.hpp"

namespace apictl::slo {

struct AppRunOptions {
  std::chrono::milliseconds response_timeout{std::chrono::seconds(60)};  // start to first 2xx
  std::chrono::milliseconds stop_grace{std::chrono::seconds(5)};
  std::function<void(std::string_view)> progress;  // "first response"; may be empty
};

class AppRun {
 public:
  using Clock = std::chrono::steady_clock;
  struct Times {
    Clock::time_point started;    // the process was created
    Clock::time_point listening;  // its port accepted a connection
    Clock::time_point answered;   // GET [dev] health answered 2xx (= listening without a health path)
  };

  // Returns once the app answers. Fails ("slo-no-response") when it exits first or does not answer within
  // response_timeout, with its last lines; it is stopped and reaped then.
  static Result<std::unique_ptr<AppRun>> start(const project::DevConfig& dev, const std::filesystem::path& folder,
                                               const AppRunOptions& options);
  // Stops the app (SIGTERM to its group, SIGKILL after stop_grace) and reaps everything it started.
  ~AppRun();
  AppRun(const AppRun&) = delete;
  AppRun& operator=(const AppRun&) = delete;

  int port() const;
  const Times& times() const;
  // Runs `work` on a thread of its own while this thread keeps reading the app's output (an app that logs every
  // request would otherwise block once the pipe is full). Returns when `work` has.
  void run_alongside(const std::function<void()>& work);

 private:
  struct State;
  explicit AppRun(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace apictl::slo
