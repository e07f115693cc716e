// The server's entry point: reads the settings, mounts the API and serves until the process is stopped.
#include <httplib.h>
#include <sys/socket.h>

#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "request_id.hpp"
#include "server.hpp"
#include "settings.hpp"

int main(int argc, char** argv) {
  namespace app = {{ namespace }};
  std::vector<std::string_view> arguments(argv + 1, argv + argc);
  app::Settings settings;
  try {
    settings = app::read_settings(arguments, app::process_environment);
  } catch (const std::invalid_argument& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 2;
  }
  if (settings.help) {
    std::cout << app::usage(argv[0]);
    return 0;
  }

  httplib::Server http;
  app::Service service;
  app::mount(http, service);
  http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    // One write per line, so lines from concurrent requests do not interleave.
    std::clog << app::access_line(request, response) + '\n' << std::flush;
  });

  // cpp-httplib sets SO_REUSEPORT, with which a second server on a taken port would silently share its
  // traffic. SO_REUSEADDR alone still allows a quick restart, and makes a taken port an error.
  http.set_socket_options([](socket_t socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  int port = settings.port == 0 ? http.bind_to_any_port(settings.host)
                                : (http.bind_to_port(settings.host, settings.port) ? settings.port : -1);
  if (port < 0) {
    std::cerr << "error: cannot listen on " << settings.host << ':' << settings.port
              << " (is the port in use, or the address not this machine's?)\n";
    return 1;
  }
  std::cout << "listening on http://" << settings.host << ':' << port << std::endl;
  return http.listen_after_bind() ? 0 : 1;
}
