#include "dev/dev_session.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <csignal>

#include <memory>

#include "dev/event_loop.hpp"
#include "dev/file_watcher.hpp"
#include "dev/live_contract.hpp"
#include "dev/loop_tasks.hpp"
#include "dev/proxy.hpp"
#include "dev/setup_stamp.hpp"
#include "dev/traffic_log.hpp"
#include "project/virtualenv.hpp"
#include "util/glob.hpp"

namespace apictl::dev {

namespace {

constexpr std::string_view docs_route = "/_apictl/docs";

// Runs [dev] setup to its end on the loop, its output prefixed "[setup] ".
bool run_setup(EventLoop& loop, const DevOptions& options, Console& console) {
  console.info("running the setup: " + options.setup);
  ChildProcessOptions child;
  child.command = options.setup;
  child.working_directory = options.root;
  child.environment = project::virtualenv_environment(options.root);  // a .venv an earlier setup made
  std::optional<ChildExit> ended;
  ChildProcess process(loop.get(), std::move(child), console.lines("[setup] "),
                       [&](const ChildExit& exit) { ended = exit; });
  if (auto started = process.start(); !started) {
    console.diagnostic(started.error());
    return false;
  }
  while (!ended) loop.run_until([&] { return ended.has_value(); }, std::chrono::hours(1));
  if (ended->exit_code != 0) {
    console.error(fmt::format("the setup failed ({}); fix it and run apictl dev again, or skip it with --no-setup",
                              ended->describe()));
    return false;
  }
  if (auto recorded = record_setup(options.root, options.setup); !recorded) {
    console.diagnostic(recorded.error());
  }
  return true;
}

bool matches_any(const std::vector<std::string>& globs, const std::string& path) {
  for (const auto& glob : globs) {
    if (glob_match(glob, path)) return true;
  }
  return false;
}

http::Response html_response(std::string body) {
  return http::Response{.status = 200,
                        .headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Cache-Control", "no-store"}},
                        .body = std::move(body)};
}

// SIGINT, SIGTERM and SIGHUP set `stop_requested`. The handles are closed (and freed by their close callback)
// when this goes, which must be before the loop is.
class StopSignals {
 public:
  StopSignals(uv_loop_t* loop, bool& stop_requested) {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
      auto* handle = new uv_signal_t();
      uv_signal_init(loop, handle);
      handle->data = &stop_requested;
      uv_signal_start(
          handle, [](uv_signal_t* self, int) { *static_cast<bool*>(self->data) = true; }, signal);
      uv_unref(reinterpret_cast<uv_handle_t*>(handle));  // they alone do not keep the loop running
      handles_.push_back(handle);
    }
  }
  ~StopSignals() {
    for (auto* handle : handles_) {
      uv_close(reinterpret_cast<uv_handle_t*>(handle),
               [](uv_handle_t* closed) { delete reinterpret_cast<uv_signal_t*>(closed); });
    }
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  std::vector<uv_signal_t*> handles_;
};

// The contract's path relative to the root, '/'-separated, when it is inside it: what the watcher reports.
std::optional<std::string> path_in_root(const std::filesystem::path& root, const std::filesystem::path& file) {
  std::error_code error;
  auto relative = std::filesystem::relative(std::filesystem::absolute(file, error), root, error);
  if (error || relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

}  // namespace

ExitCode run_dev_session(const DevOptions& options, Console& console) {
  auto opened = EventLoop::open();
  if (!opened) {
    console.diagnostic(opened.error());
    return ExitCode::usage;
  }
  EventLoop& loop = **opened;
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is the proxy's to handle, not a reason to die
  const bool mock = options.mock || options.command.empty();

  // The contract first: in mock mode it is all there is, otherwise checks and the docs page need it.
  LiveContractSlot contract;
  if (options.contract && options.proxy) {
    auto loaded = load_live_contract(*options.contract, options.contract_display, mock);
    if (!loaded) {
      console.diagnostic(loaded.error());
      if (mock) return ExitCode::usage;
      console.warn("going on without contract checks; they start once the contract loads");
    } else {
      contract.set(*loaded);
    }
  } else if (mock) {
    console.error("nothing to run: [dev] command is empty and there is no contract to mock");
    return ExitCode::usage;
  }

  if (!mock && options.setup_policy != SetupPolicy::never &&
      (options.setup_policy == SetupPolicy::always || setup_needed(options.root, options.setup)) &&
      !options.setup.empty()) {
    if (!run_setup(loop, options, console)) return ExitCode::usage;
  }
  if (!mock && !project::virtualenv_environment(options.root).empty()) {
    // Said once, so a .venv that lacks a package (a setup that failed half way) is not a mystery.
    console.info("the steps run with the project's .venv first on PATH (as after source .venv/bin/activate)");
  }

  TrafficLog traffic_log(
      console, contract,
      TrafficLogOptions{
          .validate = options.validate, .access_log = options.access_log, .violations_file = options.violations_log});
  if (auto ready = traffic_log.open(); !ready) {
    console.diagnostic(ready.error());
    return ExitCode::usage;
  }

  std::unique_ptr<Proxy> proxy;
  if (options.proxy) {
    proxy = std::make_unique<Proxy>(
        ProxyOptions{.host = options.host, .port = options.port, .hold_timeout = options.hold_timeout},
        [&traffic_log](const ProxiedExchange& exchange) { traffic_log.record(exchange); });
    proxy->add_route(std::string(docs_route), [&contract](const http::Request&) {
      auto current = contract.get();
      if (!current) return html_response("<!doctype html><title>apictl dev</title><p>The contract did not load.");
      return html_response(current->reference_html);
    });
    if (mock) {
      proxy->serve_locally([&contract](const http::Request& request) {
        auto current = contract.get();
        return current->mock->respond(request);
      });
    }
    if (auto started = proxy->start(); !started) {
      console.diagnostic(started.error());
      return ExitCode::usage;
    }
  }

  LoopTasks tasks(loop.get());
  std::unique_ptr<Reloader> reloader;
  if (!mock) {
    ReloaderOptions reload;
    reload.app = AppInstanceOptions{.command = options.command,
                                    .working_directory = options.root,
                                    .health_path = options.health,
                                    .health_timeout = options.health_timeout,
                                    .stop_grace = options.stop_grace};
    reload.build = options.build;
    reload.mode = options.reload;
    TrafficControl traffic;
    if (proxy) {
      Proxy* target = proxy.get();
      traffic = TrafficControl{
          .forward_to = [target](int port) { target->forward_to(port); },
          .hold = [target] { target->hold(); },
          .refuse = [target](std::string reason) { target->refuse(std::move(reason)); },
          .drained = [target](int port) { return target->in_flight(port) == 0; },
      };
    } else {
      reload.fixed_port = options.port;
    }
    reloader = std::make_unique<Reloader>(loop.get(), tasks, std::move(reload), std::move(traffic), console);
  }

  // What the watcher reports: the app's files, and the contract.
  const auto contract_in_root = options.contract ? path_in_root(options.root, *options.contract) : std::nullopt;
  FileWatcherOptions watch;
  watch.ignore = options.ignore;
  watch.ignore.push_back(".apictl/**");  // apictl's own state and logs
  if (auto log = path_in_root(options.root, options.violations_log); log && !options.violations_log.empty()) {
    watch.ignore.push_back(*log);
  }
  // With no [dev] watch list every file counts; logs written into the tree must not reload the app that
  // writes them, over and over.
  if (options.watch.empty()) watch.ignore.push_back("**/*.log");
  if (!mock) watch.include = options.watch;
  if (contract_in_root && !watch.include.empty()) watch.include.push_back(*contract_in_root);
  if (mock && contract_in_root) watch.include = {*contract_in_root};

  auto reload_contract = [&] {
    auto loaded = load_live_contract(*options.contract, options.contract_display, mock);
    if (!loaded) {
      console.diagnostic(loaded.error());
      console.warn("the contract did not load; checks go on with the last version that did");
      return;
    }
    contract.set(*loaded);
    console.info("contract reloaded: " + options.contract_display);
  };
  FileWatcher watcher(
      loop.get(), options.root, watch,
      [&](const std::vector<std::string>& paths) {
        std::vector<std::string> app_paths;
        bool contract_changed = false;
        for (const auto& path : paths) {
          if (contract_in_root && path == *contract_in_root) contract_changed = true;
          if (options.watch.empty() || matches_any(options.watch, path)) app_paths.push_back(path);
        }
        if (contract_changed && options.proxy) reload_contract();
        if (reloader && !app_paths.empty()) reloader->changed(app_paths);
      },
      [&](const Diagnostic& error) { console.diagnostic(error); });
  if (auto watching = watcher.start(); !watching) {
    console.diagnostic(watching.error());
    return ExitCode::usage;
  }

  bool stop_requested = false;
  StopSignals stop_signals(loop.get(), stop_requested);

  const std::string base = fmt::format("http://{}:{}", options.host, proxy ? proxy->port() : options.port);
  if (mock) {
    console.info(fmt::format("mock server on {}: answers from {} (no app runs)", base, options.contract_display));
  } else if (proxy) {
    console.info(fmt::format("dev server on {} (a proxy to the app; contract checks {})", base,
                             options.validate && contract.get() ? "on: " + options.contract_display : "off"));
  } else {
    console.info(fmt::format("the app listens on {} itself (--no-proxy: no contract checks, no docs page)", base));
  }
  if (proxy && options.contract) console.info(fmt::format("API reference: {}{}", base, docs_route));
  console.info(fmt::format("watching {} folder{} under {}; Ctrl-C stops", watcher.watched_folder_count(),
                           watcher.watched_folder_count() == 1 ? "" : "s", options.root.string()));

  if (reloader) reloader->start();
  while (!stop_requested) loop.run_until([&] { return stop_requested; }, std::chrono::hours(24));

  console.info("stopping");
  watcher.stop();
  if (proxy) proxy->stop();
  if (reloader) {
    reloader->shutdown();
    loop.run_until([&] { return reloader->stopped(); }, options.stop_grace + std::chrono::seconds(5));
  }
  return ExitCode::ok;
}

}  // namespace apictl::dev
