// Reloader with a real app (a small Python HTTP server whose answer is the "version" it read at start): the
// new instance serves only once healthy, failures leave the last good one serving, crashes restart with
// backoff, stop-first runs one instance at a time, and shutdown leaves no process behind.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dev/event_loop.hpp"
#include "dev/reloader.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::dev;
using namespace std::chrono_literals;

namespace {

constexpr auto generous = 20s;  // a loaded machine may be slow; a passing run takes a fraction of a second

bool process_gone(pid_t pid) { return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH; }

// Reads version.txt once at start: "crash" exits at once, "hang" never listens; otherwise it answers every
// GET with the version, and GET /die makes it exit with status 5.
constexpr std::string_view app_source = R"(import http.server, os, sys, time
port = int(sys.argv[1])
version = open("version.txt").read().strip()
if version == "crash":
    print("cannot start: crash requested", file=sys.stderr, flush=True)
    sys.exit(3)
if version == "hang":
    time.sleep(60)
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/die":
            os._exit(5)
        body = version.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
print("serving", version, flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
)";

std::string get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(2);
  auto result = client.Get(path);
  return result ? result->body : std::string("(no answer)");
}

// One project folder, one loop, one reloader, and what it told the proxy.
class Harness {
 public:
  explicit Harness(std::string version, ReloaderOptions options = {}) : scratch_("reloader") {
    scratch_.write("app.py", app_source);
    set_version(version);
    auto loop = EventLoop::open();
    REQUIRE(loop.has_value());
    loop_ = std::move(*loop);
    tasks_ = std::make_unique<LoopTasks>(loop_->get());
    console_ = std::make_unique<Console>(out_, err_, TerminalStyle{});
    options.app.command = "exec /usr/bin/python3 app.py {port}";
    options.app.working_directory = scratch_.path();
    options.app.health_path = "/healthz";
    if (options.app.health_timeout == AppInstanceOptions{}.health_timeout) options.app.health_timeout = 10s;
    options.app.stop_grace = 2s;
    options.first_backoff = 100ms;
    TrafficControl traffic{
        .forward_to = [this](int port) { forwarded.push_back(port); },
        .hold = [this] { ++holds; },
        .refuse = [this](std::string reason) { refusals.push_back(std::move(reason)); },
        .drained = [](int) { return true; },
    };
    reloader_ = std::make_unique<Reloader>(loop_->get(), *tasks_, std::move(options), std::move(traffic), *console_);
  }
  ~Harness() {
    if (reloader_) {
      reloader_->shutdown();
      loop_->run_until([&] { return reloader_->stopped(); }, generous);
    }
    reloader_.reset();
    tasks_.reset();
    loop_.reset();
  }

  void set_version(const std::string& version) { scratch_.write("version.txt", version); }
  Reloader& reloader() { return *reloader_; }
  EventLoop& loop() { return *loop_; }
  std::string errors() const { return err_.str(); }
  std::string output() const { return out_.str(); }

  bool wait_for_forwards(std::size_t count) {
    return loop_->run_until([&] { return forwarded.size() >= count; }, generous);
  }
  bool wait_for_refusals(std::size_t count) {
    return loop_->run_until([&] { return refusals.size() >= count; }, generous);
  }
  bool wait_for_error(std::string_view text) {
    return loop_->run_until([&] { return err_.str().find(text) != std::string::npos; }, generous);
  }
  bool wait_until_gone(pid_t pid) {
    return loop_->run_until([&] { return process_gone(pid); }, generous);
  }
  // Runs the loop while a blocking request is made on another thread, so the app's supervisor stays served.
  std::string get_serving(const std::string& path) {
    std::string answer;
    std::jthread client([&] { answer = get(reloader_->serving_port(), path); });
    loop_->run_for(50ms);
    client.join();
    return answer;
  }

  std::vector<int> forwarded;
  std::vector<std::string> refusals;
  int holds = 0;

 private:
  test::ScratchFolder scratch_;
  std::ostringstream out_;
  std::ostringstream err_;
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<LoopTasks> tasks_;
  std::unique_ptr<Console> console_;
  std::unique_ptr<Reloader> reloader_;
};

}  // namespace

TEST_CASE("the first instance serves once healthy; a change swaps in a new one and stops the old", "[dev][reloader]") {
  Harness harness("1");
  harness.reloader().start();
  CHECK(harness.holds == 1);  // requests wait for the first instance
  REQUIRE(harness.wait_for_forwards(1));
  CHECK(harness.forwarded[0] == harness.reloader().serving_port());
  CHECK(get(harness.forwarded[0], "/") == "1");
  pid_t first = harness.reloader().serving_pid();

  harness.set_version("2");
  harness.reloader().changed({"app.py"});
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(harness.forwarded[1] != harness.forwarded[0]);
  CHECK(get(harness.forwarded[1], "/") == "2");
  CHECK(harness.reloader().reloads() == 1);
  CHECK(harness.wait_until_gone(first));
  CHECK(harness.refusals.empty());
}

TEST_CASE("a failing build keeps the last good instance serving and says so", "[dev][reloader]") {
  ReloaderOptions options;
  options.build = "test \"$(cat version.txt)\" != broken || { echo 'main.c:3:1: error: expected ;' >&2; exit 2; }";
  Harness harness("1", options);
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t serving = harness.reloader().serving_pid();

  harness.set_version("broken");
  harness.reloader().changed({"main.c"});
  REQUIRE(harness.wait_for_error("the build failed (exited with status 2); still serving the last good build"));
  CHECK(harness.errors().find("[build] main.c:3:1: error: expected ;") != std::string::npos);
  CHECK(harness.forwarded.size() == 1);
  CHECK(harness.reloader().serving_pid() == serving);
  CHECK(harness.get_serving("/") == "1");
}

TEST_CASE("a new instance that exits at once leaves the old one serving", "[dev][reloader]") {
  Harness harness("1");
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t serving = harness.reloader().serving_pid();

  harness.set_version("crash");
  harness.reloader().changed({"app.py"});
  REQUIRE(harness.wait_for_error("exited with status 3 before it was healthy; still serving the last good one"));
  CHECK(harness.errors().find("[app] cannot start: crash requested") != std::string::npos);
  CHECK(harness.forwarded.size() == 1);
  CHECK(harness.reloader().serving_pid() == serving);
  CHECK(harness.get_serving("/") == "1");

  harness.set_version("3");  // fixed: the next change swaps again
  harness.reloader().changed({"app.py"});
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(get(harness.forwarded[1], "/") == "3");
}

TEST_CASE("a new instance that never gets healthy is stopped after the health timeout", "[dev][reloader]") {
  ReloaderOptions options;
  options.app.health_timeout = 700ms;
  Harness harness("1", options);
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t serving = harness.reloader().serving_pid();

  harness.set_version("hang");
  harness.reloader().changed({"app.py"});
  REQUIRE(harness.wait_for_error("did not answer GET /healthz with 2xx within 700 ms"));
  CHECK(harness.reloader().serving_pid() == serving);
  CHECK(harness.forwarded.size() == 1);
  CHECK(harness.get_serving("/") == "1");
}

TEST_CASE("with nothing serving, a failed start is refused with the reason and retried with backoff",
          "[dev][reloader]") {
  Harness harness("crash");
  harness.reloader().start();
  REQUIRE(harness.wait_for_refusals(1));
  CHECK(harness.refusals[0].find("exited with status 3 before it was healthy") != std::string::npos);
  CHECK(harness.refusals[0].find("starts it again in 100 ms") != std::string::npos);
  REQUIRE(harness.wait_for_refusals(2));  // the retry failed too, and waits twice as long
  CHECK(harness.refusals[1].find("starts it again in 200 ms") != std::string::npos);

  harness.set_version("1");
  harness.reloader().changed({"app.py"});
  REQUIRE(harness.wait_for_forwards(1));
  CHECK(get(harness.forwarded[0], "/") == "1");
}

TEST_CASE("a serving instance that crashes is restarted", "[dev][reloader]") {
  Harness harness("1");
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t crashed = harness.reloader().serving_pid();
  CHECK(harness.get_serving("/die") == "(no answer)");
  REQUIRE(harness.wait_for_refusals(1));
  CHECK(harness.refusals[0].find("the app exited with status 5") != std::string::npos);
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(harness.reloader().serving_pid() != crashed);
  CHECK(get(harness.forwarded[1], "/") == "1");
  CHECK(process_gone(crashed));
}

TEST_CASE("stop-first stops the old instance before starting the new one, holding requests meanwhile",
          "[dev][reloader]") {
  ReloaderOptions options;
  options.mode = ReloadMode::stop_first;
  Harness harness("1", options);
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t old = harness.reloader().serving_pid();
  CHECK(harness.holds == 1);

  harness.set_version("2");
  harness.reloader().changed({"app.py"});
  CHECK(harness.holds == 2);
  CHECK(harness.reloader().serving_port() == 0);  // the old one is stopping; nothing serves
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(process_gone(old));
  CHECK(get(harness.forwarded[1], "/") == "2");
}

TEST_CASE("changes soon after a reload began restart it with all of them: one reload", "[dev][reloader]") {
  Harness harness("1");
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  harness.set_version("2");
  harness.reloader().changed({"a.py"});
  harness.set_version("3");
  harness.reloader().changed({"b.py"});  // the same burst, seen in pieces
  harness.reloader().changed({"c.py"});
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(get(harness.forwarded[1], "/") == "3");
  harness.loop().run_for(300ms);
  CHECK(harness.forwarded.size() == 2);
  CHECK(harness.reloader().reloads() == 1);
}

TEST_CASE("changes later in a reload give one more reload after it", "[dev][reloader]") {
  ReloaderOptions options;
  options.restart_window = 0ms;
  Harness harness("1", options);
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  harness.set_version("2");
  harness.reloader().changed({"a.py"});
  harness.set_version("3");
  harness.reloader().changed({"b.py"});
  harness.reloader().changed({"c.py"});
  REQUIRE(harness.wait_for_forwards(3));
  CHECK(get(harness.forwarded[2], "/") == "3");
  harness.loop().run_for(300ms);
  CHECK(harness.forwarded.size() == 3);
  CHECK(harness.reloader().reloads() == 2);
}

TEST_CASE("a change during a build stops that build and builds again", "[dev][reloader]") {
  ReloaderOptions options;
  options.build = "sleep 0.3; echo built $(cat version.txt)";
  Harness harness("1", options);
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  harness.set_version("2");
  harness.reloader().changed({"a.c"});
  harness.loop().run_for(100ms);  // the build is under way
  harness.set_version("3");
  harness.reloader().changed({"b.c"});
  REQUIRE(harness.wait_for_forwards(2));
  CHECK(get(harness.forwarded[1], "/") == "3");
  CHECK(harness.output().find("[build] built 2") == std::string::npos);  // stopped before it printed
  CHECK(harness.output().find("[build] built 3") != std::string::npos);
  CHECK(harness.reloader().reloads() == 1);
}

TEST_CASE("shutdown stops every instance", "[dev][reloader]") {
  Harness harness("1");
  harness.reloader().start();
  REQUIRE(harness.wait_for_forwards(1));
  pid_t serving = harness.reloader().serving_pid();
  harness.reloader().shutdown();
  REQUIRE(harness.loop().run_until([&] { return harness.reloader().stopped(); }, generous));
  CHECK(process_gone(serving));
}
