#include "dev/reloader.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <utility>

#include "dev/free_port.hpp"
#include "project/virtualenv.hpp"

namespace apictl::dev {

namespace {

using Clock = std::chrono::steady_clock;

std::string format_duration(std::chrono::nanoseconds duration) {
  const double ms = std::chrono::duration<double, std::milli>(duration).count();
  if (ms < 1000) return fmt::format("{:.0f} ms", ms);
  return fmt::format("{:.1f} s", ms / 1000);
}

uv_timer_t* new_timer(uv_loop_t* loop, void* owner) {
  auto* timer = new uv_timer_t();
  uv_timer_init(loop, timer);
  timer->data = owner;
  return timer;
}

void close_timer(uv_timer_t*& timer) {
  if (timer == nullptr) return;
  uv_timer_stop(timer);
  uv_close(reinterpret_cast<uv_handle_t*>(timer),
           [](uv_handle_t* handle) { delete reinterpret_cast<uv_timer_t*>(handle); });
  timer = nullptr;
}

// "app/main.py", "app/main.py and 2 more files"
std::string describe_changes(const std::vector<std::string>& paths) {
  if (paths.empty()) return "a change";
  if (paths.size() == 1) return paths.front();
  return fmt::format("{} and {} more file{}", paths.front(), paths.size() - 1, paths.size() == 2 ? "" : "s");
}

}  // namespace

template <typename T>
void Reloader::destroy_later(std::unique_ptr<T> object) {
  // Called from the object's own exit handler, whose code is still on the stack: free it on the next turn.
  if (object) tasks_.post([held = std::shared_ptr<T>(std::move(object))] {});
}

Reloader::Reloader(uv_loop_t* loop, LoopTasks& tasks, ReloaderOptions options, TrafficControl traffic, Console& console)
    : loop_(loop), tasks_(tasks), options_(std::move(options)), traffic_(std::move(traffic)), console_(console) {
  if (options_.fixed_port != 0) options_.mode = ReloadMode::stop_first;
  restart_timer_ = new_timer(loop_, this);
  drain_timer_ = new_timer(loop_, this);
}

Reloader::~Reloader() {
  close_timer(restart_timer_);
  close_timer(drain_timer_);
  // Members' destructors stop whatever still runs and wait for it.
}

int Reloader::serving_port() const { return serving_ ? serving_->port() : 0; }

pid_t Reloader::serving_pid() const { return serving_ ? serving_->pid() : 0; }

bool Reloader::stopped() const {
  return !build_ && stopping_builds_.empty() && !candidate_ && !serving_ && retiring_.empty();
}

void Reloader::start() {
  if (traffic_.hold) traffic_.hold();  // the first requests wait for the first instance
  begin_cycle("starting");
}

void Reloader::changed(const std::vector<std::string>& paths) {
  if (shutting_down_) return;
  failures_ = 0;  // new code: whatever failed before may work now
  uv_timer_stop(restart_timer_);
  if (cycle_running_ && !waiting_for_old_ && restarts_ < options_.max_restarts &&
      Clock::now() - cycle_started_ < options_.restart_window) {
    // More of the same burst (a checkout the watcher saw as two batches because the machine was busy): start
    // over with all of it rather than finish an instance of code that is already stale.
    abort_cycle();
    ++restarts_;
    begin_cycle(describe_changes(paths) + " changed too, reloading with it");
    return;
  }
  if (cycle_running_) {
    pending_change_ = true;
    pending_.insert(pending_.end(), paths.begin(), paths.end());
    return;
  }
  restarts_ = 0;
  begin_cycle(describe_changes(paths) + " changed, reloading");
}

void Reloader::abort_cycle() {
  if (build_) {
    build_->stop();
    stopping_builds_.emplace_back(build_id_, std::move(build_));
  }
  if (candidate_) retire(std::move(candidate_), false);
  cycle_running_ = false;
}

void Reloader::begin_cycle(std::string reason) {
  cycle_running_ = true;
  cycle_started_ = Clock::now();
  cycle_reason_ = std::move(reason);
  if (started_once_) console_.info(cycle_reason_);
  if (options_.build.empty()) {
    launch_candidate();
    return;
  }
  ChildProcessOptions build_options;
  build_options.command = options_.build;
  build_options.working_directory = options_.app.working_directory;
  build_options.environment = project::virtualenv_environment(options_.app.working_directory);
  build_options.stop_grace = options_.app.stop_grace;
  build_id_ = ++build_serial_;
  build_ = std::make_unique<ChildProcess>(loop_, std::move(build_options), console_.lines("[build] "),
                                          [this, id = build_id_](const ChildExit& exit) { build_done(id, exit); });
  if (auto started = build_->start(); !started) {
    build_.reset();
    console_.diagnostic(started.error());
    if (!serving_ && traffic_.refuse) traffic_.refuse("the build command could not start: " + started.error().message);
    end_cycle();
  }
}

void Reloader::build_done(int id, const ChildExit& exit) {
  if (id != build_id_ || !build_) {  // a build of an aborted cycle
    auto stopped = std::ranges::find_if(stopping_builds_, [&](const auto& held) { return held.first == id; });
    if (stopped != stopping_builds_.end()) {
      destroy_later(std::move(stopped->second));
      stopping_builds_.erase(stopped);
    }
    return;
  }
  destroy_later(std::move(build_));
  if (shutting_down_) return;
  if (exit.exit_code == 0) {
    launch_candidate();
    return;
  }
  std::string what = "the build failed (" + exit.describe() + ")";
  if (serving_) {
    console_.error(fmt::format("{}; still serving the last good build (pid {})", what, serving_->pid()));
  } else {
    console_.error(what + "; waiting for a change to try again");
    if (traffic_.refuse) traffic_.refuse(what + ": see apictl's output; fix the code and save to try again");
  }
  end_cycle();
}

std::unique_ptr<AppInstance> Reloader::make_instance(int port) {
  AppInstanceEvents events{
      .on_healthy =
          [this](AppInstance& instance) {
            if (&instance == candidate_.get()) candidate_healthy();
          },
      .on_health_timeout =
          [this](AppInstance& instance) {
            if (&instance != candidate_.get()) return;
            const std::string& path = options_.app.health_path;
            candidate_failed(fmt::format("did not answer GET {} with 2xx within {}", path.empty() ? "/" : path,
                                         format_duration(options_.app.health_timeout)));
          },
      .on_exit = [this](AppInstance& instance, const ChildExit& exit) { instance_exited(&instance, exit); },
  };
  AppInstanceOptions options = options_.app;
  options.yield_cpu_while_starting = serving_ != nullptr;  // only swap mode starts one while another serves
  return std::make_unique<AppInstance>(loop_, tasks_, port, std::move(options), console_.lines("[app] "),
                                       std::move(events));
}

void Reloader::launch_candidate() {
  if (shutting_down_) return;
  if (options_.mode == ReloadMode::stop_first && serving_) {
    if (traffic_.hold) traffic_.hold();
    waiting_for_old_ = true;
    retire(std::move(serving_), true);
    return;  // instance_exited() launches the candidate once the old one is gone
  }
  int port = options_.fixed_port;
  if (port == 0) {
    auto free = free_loopback_port();
    if (!free) {
      console_.diagnostic(free.error());
      end_cycle();
      return;
    }
    port = *free;
  }
  candidate_ = make_instance(port);
  if (auto started = candidate_->start(); !started) {
    candidate_.reset();
    candidate_failed("could not start: " + started.error().message);
  }
}

void Reloader::candidate_healthy() {
  auto elapsed = Clock::now() - cycle_started_;
  if (traffic_.forward_to) traffic_.forward_to(candidate_->port());
  const bool first = !started_once_;
  started_once_ = true;
  failures_ = 0;
  std::unique_ptr<AppInstance> old = std::move(serving_);
  serving_ = std::move(candidate_);
  if (first) {
    console_.info(
        fmt::format("app ready in {} (pid {}, port {})", format_duration(elapsed), serving_->pid(), serving_->port()));
  } else {
    ++reloads_;
    console_.info(
        fmt::format("reloaded in {} (pid {}, port {})", format_duration(elapsed), serving_->pid(), serving_->port()));
  }
  if (old) retire(std::move(old), true);
  end_cycle();
}

void Reloader::candidate_failed(const std::string& what) {
  if (candidate_) {
    auto failed = std::move(candidate_);
    retire(std::move(failed), false);
  }
  if (shutting_down_) return;
  if (serving_) {
    console_.error(fmt::format("the new instance {}; still serving the last good one (pid {})", what, serving_->pid()));
    end_cycle();
    return;
  }
  schedule_restart(what);
  end_cycle();
}

void Reloader::schedule_restart(const std::string& what) {
  auto delay = options_.first_backoff * (1 << std::min(failures_, 16));
  delay = std::min(delay, options_.max_backoff);
  ++failures_;
  console_.error(
      fmt::format("the app {}; starting it again in {} (or when a file changes)", what, format_duration(delay)));
  if (traffic_.refuse) {
    traffic_.refuse(
        fmt::format("the app {}; apictl starts it again in {} or when a file changes", what, format_duration(delay)));
  }
  uv_timer_start(
      restart_timer_,
      [](uv_timer_t* timer) {
        auto* self = static_cast<Reloader*>(timer->data);
        if (self->cycle_running_ || self->serving_) return;
        self->begin_cycle("starting the app again");
      },
      static_cast<std::uint64_t>(delay.count()), 0);
}

void Reloader::end_cycle() {
  cycle_running_ = false;
  if (shutting_down_ || !pending_change_) return;
  pending_change_ = false;
  std::vector<std::string> paths;
  paths.swap(pending_);
  std::ranges::sort(paths);
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  begin_cycle(describe_changes(paths) + " changed, reloading");
}

void Reloader::retire(std::unique_ptr<AppInstance> instance, bool drain) {
  if (!instance->running()) return;  // never started, or already gone
  Retiring retiring{std::move(instance), Clock::now() + (drain ? options_.drain_timeout : Clock::duration::zero())};
  retiring_.push_back(std::move(retiring));
  check_drains();
  if (!retiring_.empty() && !uv_is_active(reinterpret_cast<uv_handle_t*>(drain_timer_))) {
    uv_timer_start(
        drain_timer_, [](uv_timer_t* timer) { static_cast<Reloader*>(timer->data)->check_drains(); }, 10, 10);
  }
}

void Reloader::check_drains() {
  const auto now = Clock::now();
  bool waiting = false;
  for (auto& retiring : retiring_) {
    if (retiring.stop_sent) continue;
    const int port = retiring.instance->port();
    const bool drained = !traffic_.drained || traffic_.drained(port) || shutting_down_;
    if (drained || now >= retiring.drain_deadline) {
      retiring.stop_sent = true;
      retiring.instance->stop();  // instance_exited() follows from the loop
    } else {
      waiting = true;
    }
  }
  if (!waiting) uv_timer_stop(drain_timer_);
}

void Reloader::instance_exited(AppInstance* instance, const ChildExit& exit) {
  auto retired = std::ranges::find_if(retiring_, [&](const Retiring& r) { return r.instance.get() == instance; });
  if (retired != retiring_.end()) {
    destroy_later(std::move(retired->instance));
    retiring_.erase(retired);
    if (waiting_for_old_ && !shutting_down_) {
      waiting_for_old_ = false;
      launch_candidate();
    }
    return;
  }
  if (instance == candidate_.get()) {
    destroy_later(std::move(candidate_));
    if (!shutting_down_) candidate_failed(exit.describe() + " before it was healthy");
    return;
  }
  if (instance == serving_.get()) {
    const bool was_stable = Clock::now() - serving_->started_at() >= options_.stable_after;
    destroy_later(std::move(serving_));
    if (shutting_down_) return;
    if (was_stable) failures_ = 0;
    if (cycle_running_) {
      // A reload is under way: its new instance takes over; until then nothing serves.
      console_.error("the app " + exit.describe() + "; a reload is under way");
      if (traffic_.refuse) traffic_.refuse("the app " + exit.describe() + "; a reload is under way");
      return;
    }
    schedule_restart(exit.describe());
  }
}

void Reloader::shutdown() {
  shutting_down_ = true;
  uv_timer_stop(restart_timer_);
  if (build_) build_->stop();
  if (candidate_) retire(std::move(candidate_), false);
  if (serving_) retire(std::move(serving_), false);
  check_drains();
}

}  // namespace apictl::dev
