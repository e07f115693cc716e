// Reloader: keeps one healthy instance of the app serving while the code changes under it.
//
// A reload, in the default `swap` mode: build (when configured), start a new instance on a fresh port, wait
// for its health check, point the proxy at it, let the old one finish the requests it has (drain), then stop
// it. A failed build or a new instance that exits or never gets healthy changes nothing for the client: the
// old instance keeps serving and the error is printed. In `stop_first` mode, for apps that cannot run twice,
// the proxy holds new requests while the old instance stops and the new one starts.
#pragma once

#include <uv.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dev/app_instance.hpp"
#include "dev/console.hpp"
#include "dev/loop_tasks.hpp"

namespace apictl::dev {

enum class ReloadMode { swap, stop_first };

struct ReloaderOptions {
  AppInstanceOptions app;
  std::string build;  // shell command run before each start; "" for none
  ReloadMode mode = ReloadMode::swap;
  int fixed_port = 0;  // not 0: every instance gets this port (no proxy; implies stop_first)
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(10)};  // the old instance's in-flight requests
  std::chrono::milliseconds first_backoff{500};                       // restart delays double from here ...
  std::chrono::milliseconds max_backoff{std::chrono::seconds(30)};    // ... up to here
  std::chrono::milliseconds stable_after{std::chrono::seconds(10)};   // healthy this long: the next crash is a first
  // A change this soon after a reload began restarts it with the new code (at most max_restarts times in a
  // row), so one burst of changes that reaches the reloader in pieces still gives one reload.
  std::chrono::milliseconds restart_window{500};
  int max_restarts = 3;
};

// How the reloader steers the proxy; every member may be empty (no proxy).
struct TrafficControl {
  std::function<void(int port)> forward_to;        // send requests to the instance on `port`
  std::function<void()> hold;                      // make requests wait for the next forward_to or refuse
  std::function<void(std::string reason)> refuse;  // answer 503 with `reason`: nothing can serve
  std::function<bool(int port)> drained;           // no request to `port` is in flight
};

class Reloader {
 public:
  Reloader(uv_loop_t* loop, LoopTasks& tasks, ReloaderOptions options, TrafficControl traffic, Console& console);
  ~Reloader();
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  // Builds and starts the first instance.
  void start();
  // Files changed (paths relative to the project): build and swap in a new instance. Changes that come while a
  // reload is under way are gathered into one more reload after it.
  void changed(const std::vector<std::string>& paths);
  // Stops the build and every instance; stopped() tells when all are gone.
  void shutdown();
  bool stopped() const;

  // The instance serving now (port, pid), 0 when none; for the session's banner and for tests.
  int serving_port() const;
  pid_t serving_pid() const;
  int reloads() const { return reloads_; }  // instances swapped in after the first

 private:
  void begin_cycle(std::string reason);
  void abort_cycle();
  void build_done(int id, const ChildExit& exit);
  void launch_candidate();
  void candidate_healthy();
  void candidate_failed(const std::string& what);
  void end_cycle();
  void retire(std::unique_ptr<AppInstance> instance, bool drain);
  void check_drains();
  void instance_exited(AppInstance* instance, const ChildExit& exit);
  void schedule_restart(const std::string& what);
  std::unique_ptr<AppInstance> make_instance(int port);
  template <typename T>
  void destroy_later(std::unique_ptr<T> object);

  uv_loop_t* loop_;
  LoopTasks& tasks_;
  ReloaderOptions options_;
  TrafficControl traffic_;
  Console& console_;

  std::unique_ptr<AppInstance> serving_;
  std::unique_ptr<AppInstance> candidate_;
  struct Retiring {
    std::unique_ptr<AppInstance> instance;
    std::chrono::steady_clock::time_point drain_deadline;  // stopped then, drained or not
    bool stop_sent = false;
  };
  std::vector<Retiring> retiring_;  // swapped out: draining, then stopping
  std::unique_ptr<ChildProcess> build_;
  int build_id_ = 0;  // of build_; exit handlers name their build by id
  int build_serial_ = 0;
  std::vector<std::pair<int, std::unique_ptr<ChildProcess>>> stopping_builds_;  // of aborted cycles, until they exit
  int restarts_ = 0;                                                            // of the cycle under way
  bool cycle_running_ = false;
  bool waiting_for_old_ = false;      // stop_first: the candidate starts once the old instance is gone
  std::vector<std::string> pending_;  // changes seen during a cycle
  bool pending_change_ = false;
  bool shutting_down_ = false;
  std::string cycle_reason_;
  std::chrono::steady_clock::time_point cycle_started_{};
  int failures_ = 0;  // consecutive starts that failed, for the backoff
  int reloads_ = 0;
  bool started_once_ = false;
  uv_timer_t* restart_timer_ = nullptr;  // freed by its close callback
  uv_timer_t* drain_timer_ = nullptr;    // polls the retiring instances' in-flight requests
};

}  // namespace apictl::dev
