// apictl_proxy_bench: the dev proxy in front of a given port, or a plain cpp-httplib app to put behind it.
// Driven by bench/proxy_bench.sh; not part of apictl.
//
//   apictl_proxy_bench proxy --upstream PORT [--port N]   # apictl's Proxy on 127.0.0.1:N forwarding to PORT
//   apictl_proxy_bench app [--port N] [--threads N]        # GET / answers {"ok": true}, as fast as httplib goes
//
// Prints "port: N" (the bound port; N = 0 picks a free one) once serving, then serves until SIGINT or SIGTERM.
// Exit: 0 after a signal; 2 usage or setup error.
#include <httplib.h>
#include <signal.h>

#include <charconv>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

#include "dev/proxy.hpp"

namespace {

int usage_error(const std::string& message) {
  std::cerr << "apictl_proxy_bench: error: " << message
            << "\nusage: apictl_proxy_bench proxy --upstream PORT [--port N]\n"
               "       apictl_proxy_bench app [--port N] [--threads N]\n";
  return 2;
}

bool parse_number(std::string_view text, int& value, int low, int high) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= low && value <= high;
}

// Blocks SIGINT and SIGTERM in every thread (threads started later inherit the mask), so that the main thread
// can wait for them with sigwait. SIGPIPE too: a client that hangs up must not end the app.
sigset_t block_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  sigdelset(&signals, SIGPIPE);
  return signals;
}

void wait_for_stop_signal(const sigset_t& signals) {
  int received = 0;
  ::sigwait(&signals, &received);
}

int run_app(int port, int threads) {
  sigset_t signals = block_signals();
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_keep_alive_max_count(1000000);
  server.set_tcp_nodelay(true);
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"ok\":true}", "application/json");
  });
  int bound = port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) return usage_error("cannot listen on 127.0.0.1:" + std::to_string(port));
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::cout << "port: " << bound << std::endl;
  wait_for_stop_signal(signals);
  server.stop();
  serving.join();
  return 0;
}

int run_proxy(int port, int upstream) {
  sigset_t signals = block_signals();
  apictl::dev::ProxyOptions options;
  options.port = port;
  apictl::dev::Proxy proxy(options, {});
  if (auto started = proxy.start(); !started) {
    std::cerr << "apictl_proxy_bench: " << apictl::format_diagnostic(started.error()) << "\n";
    return 2;
  }
  proxy.forward_to(upstream);
  std::cout << "port: " << proxy.port() << std::endl;
  wait_for_stop_signal(signals);
  proxy.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("say 'proxy' or 'app'");
  std::string_view mode = argv[1];
  int port = 0;
  int upstream = 0;
  int threads = 64;
  for (int i = 2; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (i + 1 >= argc) return usage_error("'" + std::string(argument) + "' needs a value");
    std::string_view value = argv[++i];
    if (argument == "--port") {
      if (!parse_number(value, port, 0, 65535)) return usage_error("--port needs a port number");
    } else if (argument == "--upstream" && mode == "proxy") {
      if (!parse_number(value, upstream, 1, 65535)) return usage_error("--upstream needs a port number");
    } else if (argument == "--threads" && mode == "app") {
      if (!parse_number(value, threads, 1, 4096)) return usage_error("--threads needs a number from 1 to 4096");
    } else {
      return usage_error("unknown argument '" + std::string(argument) + "'");
    }
  }
  if (mode == "app") return run_app(port, threads);
  if (mode != "proxy") return usage_error("unknown mode '" + std::string(mode) + "'");
  if (upstream == 0) return usage_error("proxy needs --upstream PORT");
  return run_proxy(port, upstream);
}
