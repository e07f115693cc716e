// ChildProcess with real processes: output as lines, SIGTERM then SIGKILL, the whole process group reaped, and
// no process left behind when the process that started the app is killed with SIGKILL.
//
// "Gone" means kill(pid, 0) fails with ESRCH: a zombie still answers, so this also checks that everything
// was reaped.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "dev/child_process.hpp"
#include "dev/event_loop.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::dev;
using namespace std::chrono_literals;

namespace {

constexpr auto generous = 10s;  // a loaded machine may be slow; a passing run takes milliseconds

bool process_gone(pid_t pid) { return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH; }

// One app run on a loop of its own, with every line and the exit it reported.
class AppRun {
 public:
  explicit AppRun(ChildProcessOptions options) {
    auto loop = EventLoop::open();
    REQUIRE(loop.has_value());
    loop_ = std::move(*loop);
    child_ = std::make_unique<ChildProcess>(
        loop_->get(), std::move(options),
        [this](OutputStream stream, std::string_view line) {
          (stream == OutputStream::out ? out_lines : err_lines).emplace_back(line);
        },
        [this](const ChildExit& ended) { exit = ended; });
  }
  ~AppRun() {
    child_.reset();
    loop_.reset();
  }

  ChildProcess& child() { return *child_; }
  void destroy_child() { child_.reset(); }

  bool wait_for_out_lines(std::size_t count) {
    return loop_->run_until([&] { return out_lines.size() >= count; }, generous);
  }
  bool wait_for_exit() {
    return loop_->run_until([&] { return exit.has_value(); }, generous);
  }

  std::vector<std::string> out_lines;
  std::vector<std::string> err_lines;
  std::optional<ChildExit> exit;

 private:
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<ChildProcess> child_;
};

ChildProcessOptions app(std::string command, std::chrono::milliseconds grace = 5s) {
  ChildProcessOptions options;
  options.command = std::move(command);
  options.stop_grace = grace;
  return options;
}

pid_t parse_pid(const std::string& text) {
  try {
    return static_cast<pid_t>(std::stol(text));
  } catch (...) {
    return 0;
  }
}

}  // namespace

TEST_CASE("child process output arrives as lines on each stream, with the environment and folder asked for",
          "[dev][child]") {
  test::ScratchFolder scratch("child-output");
  ChildProcessOptions options =
      app("echo first; echo oops >&2; echo \"port=$PORT dir=$(basename \"$PWD\")\"; printf 'crlf\\r\\n'; "
          "printf 'no newline at the end'; exit 3");
  options.environment = {"PORT=8123"};
  options.working_directory = scratch.path();
  AppRun run(options);
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.child().running());
  pid_t app_pid = run.child().pid();
  pid_t supervisor = run.child().supervisor_pid();
  CHECK(app_pid > 0);
  REQUIRE(run.wait_for_exit());

  std::string folder = scratch.path().filename().string();
  CHECK(run.out_lines == std::vector<std::string>{"first", "port=8123 dir=" + folder, "crlf", "no newline at the end"});
  CHECK(run.err_lines == std::vector<std::string>{"oops"});
  CHECK(run.exit->exit_code == 3);
  CHECK(run.exit->signal == 0);
  CHECK_FALSE(run.exit->forced);
  CHECK(run.exit->describe() == "exited with status 3");
  CHECK_FALSE(run.child().running());
  CHECK(process_gone(app_pid));
  CHECK(process_gone(supervisor));
}

TEST_CASE("child process lines longer than 64 KiB come in pieces", "[dev][child]") {
  AppRun run(app("head -c 200000 /dev/zero | tr '\\0' a; echo; echo after"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_exit());
  REQUIRE(run.out_lines.size() >= 3);
  CHECK(run.out_lines.back() == "after");
  std::size_t total = 0;
  for (std::size_t i = 0; i + 1 < run.out_lines.size(); ++i) {
    CHECK(run.out_lines[i].size() <= 128 * 1024);
    total += run.out_lines[i].size();
  }
  CHECK(total == 200000);
}

TEST_CASE("child process stop() sends SIGTERM and the app exits on it", "[dev][child]") {
  // A foreground loop rather than `sleep 100 &`: a background child that the SIGTERM reaches between its fork
  // and exec runs the shell's trap handler, loses the signal and would rightly be SIGKILLed after the grace.
  AppRun run(app("trap 'echo got TERM; exit 0' TERM; echo ready; while :; do sleep 0.1; done"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_out_lines(1));
  run.child().stop();
  REQUIRE(run.wait_for_exit());
  CHECK(run.out_lines == std::vector<std::string>{"ready", "got TERM"});
  CHECK(run.exit->exit_code == 0);
  CHECK_FALSE(run.exit->forced);
  CHECK(process_gone(run.child().pid()));
}

TEST_CASE("child process that ignores SIGTERM gets SIGKILL after the grace period", "[dev][child]") {
  AppRun run(app("trap '' TERM; echo ready; sleep 100 & wait", 300ms));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_out_lines(1));
  auto asked = std::chrono::steady_clock::now();
  run.child().stop();
  REQUIRE(run.wait_for_exit());
  CHECK(std::chrono::steady_clock::now() - asked >= 300ms);
  CHECK(run.exit->signal == SIGKILL);
  CHECK(run.exit->forced);
  CHECK_THAT(run.exit->describe(), Catch::Contains("signal 9"));
  CHECK(process_gone(run.child().pid()));
}

TEST_CASE("child process stop() ends and reaps the grandchildren too", "[dev][child]") {
  AppRun run(app("sleep 100 & echo $!; wait"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_out_lines(1));
  pid_t grandchild = parse_pid(run.out_lines[0]);
  REQUIRE(grandchild > 0);
  CHECK_FALSE(process_gone(grandchild));
  run.child().stop();
  REQUIRE(run.wait_for_exit());
  CHECK(run.exit->signal == SIGTERM);
  CHECK(process_gone(grandchild));
  CHECK(process_gone(run.child().pid()));
  CHECK(process_gone(run.child().supervisor_pid()));
}

TEST_CASE("child process that exits leaves nothing of its group behind", "[dev][child]") {
  AppRun run(app("sleep 100 & echo $!; exit 0"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_exit());
  REQUIRE(run.out_lines.size() == 1);
  pid_t grandchild = parse_pid(run.out_lines[0]);
  REQUIRE(grandchild > 0);
  CHECK(run.exit->exit_code == 0);
  CHECK(process_gone(grandchild));
}

TEST_CASE("child process destroyed while running stops and reaps everything before it returns", "[dev][child]") {
  AppRun run(app("sleep 100 & echo $!; wait"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_out_lines(1));
  pid_t grandchild = parse_pid(run.out_lines[0]);
  pid_t app_pid = run.child().pid();
  pid_t supervisor = run.child().supervisor_pid();
  run.destroy_child();
  CHECK(process_gone(grandchild));
  CHECK(process_gone(app_pid));
  CHECK(process_gone(supervisor));
  CHECK_FALSE(run.exit.has_value());  // no callback from a destructor
}

TEST_CASE("child process start() fails clearly for a missing working folder", "[dev][child]") {
  test::ScratchFolder scratch("child-missing");
  ChildProcessOptions options = app("true");
  options.working_directory = scratch.path() / "missing";
  AppRun run(options);
  auto started = run.child().start();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().code == "spawn-failed");
  CHECK_THAT(started.error().message, Catch::Contains("no such folder"));
  CHECK_FALSE(run.child().running());
}

TEST_CASE("child process command not found is exit status 127 with the shell's message", "[dev][child]") {
  AppRun run(app("apictl-no-such-command-anywhere"));
  REQUIRE(run.child().start().has_value());
  REQUIRE(run.wait_for_exit());
  CHECK(run.exit->exit_code == 127);
  REQUIRE(run.err_lines.size() == 1);
  CHECK_THAT(run.err_lines[0], Catch::Contains("apictl-no-such-command-anywhere"));
}

TEST_CASE("forward_lines prefixes each line and keeps the streams apart", "[dev][child]") {
  std::ostringstream out;
  std::ostringstream err;
  auto forward = forward_lines("[app] ", out, err);
  forward(OutputStream::out, "started");
  forward(OutputStream::err, "warning");
  forward(OutputStream::out, "");
  CHECK(out.str() == "[app] started\n[app] \n");
  CHECK(err.str() == "[app] warning\n");
}

namespace {

// Makes this process the reaper of its orphaned descendants while alive: the supervisor outlives the killed
// harness and must be reaped by someone, and this machine's init may not.
class SubreaperScope {
 public:
  SubreaperScope() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }
  ~SubreaperScope() { ::prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0); }
};

// The stand-in for apictl: starts the app, reports "APP GRANDCHILD SUPERVISOR" and waits to be killed.
[[noreturn]] void run_harness(int report_fd) {
  try {
    auto loop = EventLoop::open();
    if (!loop) ::_exit(3);
    std::string grandchild;
    ChildProcess child((*loop)->get(), app("sleep 100 & echo $!; wait", 500ms),
                       [&](OutputStream, std::string_view line) {
                         if (grandchild.empty()) grandchild = line;
                       },
                       {});
    if (!child.start()) ::_exit(4);
    if (!(*loop)->run_until([&] { return !grandchild.empty(); }, generous)) ::_exit(5);
    std::string report =
        std::to_string(child.pid()) + " " + grandchild + " " + std::to_string(child.supervisor_pid()) + "\n";
    if (::write(report_fd, report.data(), report.size()) != static_cast<ssize_t>(report.size())) ::_exit(6);
    for (;;) ::pause();
  } catch (...) {
    ::_exit(7);
  }
}

// Kills and reaps the harness however the test ends.
struct HarnessGuard {
  pid_t pid = 0;
  ~HarnessGuard() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
};

}  // namespace

TEST_CASE("child process group is gone after its starter is killed with SIGKILL", "[dev][child]") {
  SubreaperScope subreaper;
  int report[2];
  REQUIRE(::pipe(report) == 0);
  HarnessGuard harness;
  harness.pid = ::fork();
  REQUIRE(harness.pid >= 0);
  if (harness.pid == 0) {
    ::close(report[0]);
    run_harness(report[1]);
  }
  ::close(report[1]);

  std::string text;
  auto deadline = std::chrono::steady_clock::now() + generous;
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd polled{report[0], POLLIN, 0};
    if (::poll(&polled, 1, 100) <= 0) continue;
    char buffer[128];
    ssize_t got = ::read(report[0], buffer, sizeof buffer);
    if (got <= 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(report[0]);
  std::istringstream fields(text);
  pid_t app_pid = 0;
  pid_t grandchild = 0;
  pid_t supervisor = 0;
  fields >> app_pid >> grandchild >> supervisor;
  INFO("harness reported: " << text);
  REQUIRE(app_pid > 0);
  REQUIRE(grandchild > 0);
  REQUIRE(supervisor > 0);
  CHECK_FALSE(process_gone(grandchild));

  REQUIRE(::kill(harness.pid, SIGKILL) == 0);
  REQUIRE(::waitpid(harness.pid, nullptr, 0) == harness.pid);
  harness.pid = 0;

  // The supervisor, now this process's child, stops the group, reaps it and exits; reap it in turn.
  bool supervisor_reaped = false;
  deadline = std::chrono::steady_clock::now() + generous;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!supervisor_reaped && ::waitpid(supervisor, nullptr, WNOHANG) == supervisor) supervisor_reaped = true;
    if (supervisor_reaped && process_gone(app_pid) && process_gone(grandchild)) break;
    std::this_thread::sleep_for(20ms);
  }
  if (!supervisor_reaped) {
    ::kill(supervisor, SIGKILL);  // leave nothing behind even when failing
    ::waitpid(supervisor, nullptr, 0);
  }
  CHECK(supervisor_reaped);
  CHECK(process_gone(app_pid));
  CHECK(process_gone(grandchild));
  CHECK(process_gone(supervisor));
  if (!process_gone(app_pid) || !process_gone(grandchild)) {
    // The supervisor failed at its job; do it here (its orphans are this process's children by now).
    ::kill(-app_pid, SIGKILL);
    while (::waitpid(-app_pid, nullptr, 0) > 0) {
    }
  }
}
