// AppInstance's CPU yield: an instance started while another serves runs its session's autogroup at nice 10
// until it is healthy (or for yield_at_most at most), then at 0 again; one started normally is left alone.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "dev/app_instance.hpp"
#include "dev/event_loop.hpp"
#include "dev/free_port.hpp"
#include "dev/loop_tasks.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::dev;
using namespace std::chrono_literals;

namespace {

// "/autogroup-123 nice 10" -> 10; -1 when the kernel has no autogroups or the process is gone.
int session_nice(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/autogroup");
  std::string group, word;
  int nice = -1;
  in >> group >> word >> nice;
  return word == "nice" ? nice : -1;
}

struct Run {
  explicit Run(AppInstanceOptions options) {
    auto opened = EventLoop::open();
    REQUIRE(opened.has_value());
    loop = std::move(*opened);
    tasks = std::make_unique<LoopTasks>(loop->get());
    auto port = free_loopback_port();
    REQUIRE(port.has_value());
    options.working_directory = scratch.path();
    options.stop_grace = 2s;
    AppInstanceEvents events{.on_healthy = [this](AppInstance&) { healthy = true; },
                             .on_health_timeout = [](AppInstance&) {},
                             .on_exit = [this](AppInstance&, const ChildExit&) { exited = true; }};
    instance = std::make_unique<AppInstance>(
        loop->get(), *tasks, *port, std::move(options), [](OutputStream, std::string_view) {}, std::move(events));
  }
  ~Run() {
    instance->stop();
    loop->run_until([&] { return exited; }, 10s);
    instance.reset();
    tasks.reset();
  }

  test::ScratchFolder scratch{"app-instance"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<LoopTasks> tasks;
  std::unique_ptr<AppInstance> instance;
  bool healthy = false;
  bool exited = false;
};

AppInstanceOptions serving_app(bool yield) {
  AppInstanceOptions options;
  options.command = "exec /usr/bin/python3 -m http.server {port} --bind 127.0.0.1";
  options.health_path = "/";
  options.health_timeout = 20s;
  options.yield_cpu_while_starting = yield;
  return options;
}

}  // namespace

TEST_CASE("an instance started to yield runs at autogroup nice 10 until healthy, then at 0", "[dev][app_instance]") {
  if (!std::filesystem::exists("/proc/self/autogroup")) {
    WARN("this kernel has no autogroups: nothing to check");
    return;
  }
  Run run(serving_app(true));
  REQUIRE(run.instance->start().has_value());
  CHECK(run.instance->yielding_cpu());
  // Unprivileged, the kernel may refuse the first change for up to 100 ms (its rate limit); the app may then
  // be healthy before nice 10 is ever applied. The next test sees it applied; this one sees it undone.
  REQUIRE(run.loop->run_until([&] { return run.healthy && !run.instance->yielding_cpu(); }, 20s));
  CHECK(session_nice(run.instance->pid()) == 0);
}

TEST_CASE("an instance that is not healthy within yield_at_most gets its normal priority back", "[dev][app_instance]") {
  if (!std::filesystem::exists("/proc/self/autogroup")) {
    WARN("this kernel has no autogroups: nothing to check");
    return;
  }
  AppInstanceOptions options = serving_app(true);
  options.command = "exec sleep 30";  // never listens
  options.yield_at_most = 600ms;      // past the kernel's 100 ms rate limit, with room
  Run run(options);
  REQUIRE(run.instance->start().has_value());
  CHECK(run.loop->run_until([&] { return session_nice(run.instance->pid()) == 10; }, 250ms));

  REQUIRE(run.loop->run_until([&] { return !run.instance->yielding_cpu(); }, 10s));
  CHECK_FALSE(run.healthy);
  CHECK(session_nice(run.instance->pid()) == 0);
}

TEST_CASE("an instance started normally keeps the normal priority", "[dev][app_instance]") {
  Run run(serving_app(false));
  REQUIRE(run.instance->start().has_value());
  CHECK_FALSE(run.instance->yielding_cpu());
  const int before = session_nice(run.instance->pid());
  REQUIRE(run.loop->run_until([&] { return run.healthy; }, 20s));
  CHECK(session_nice(run.instance->pid()) == before);
  CHECK(before <= 0);  // 0, or -1 on a kernel without autogroups
}
