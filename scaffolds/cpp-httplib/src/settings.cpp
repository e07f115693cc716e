// Settings from the command line and the environment.
#include "settings.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace {{ namespace }} {

namespace {

int parse_port(std::string_view text, std::string_view source) {
  int port = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
    throw std::invalid_argument(std::string(source) + " must be a port number from 0 to 65535, not '" +
                                std::string(text) + "'");
  }
  return port;
}

std::string parse_host(std::string_view text, std::string_view source) {
  if (text.empty()) throw std::invalid_argument(std::string(source) + " must name a host address");
  return std::string(text);
}

}  // namespace

std::optional<std::string> process_environment(std::string_view name) {
  if (const char* value = std::getenv(std::string(name).c_str())) return std::string(value);
  return std::nullopt;
}

Settings read_settings(std::span<const std::string_view> arguments, const Environment& environment) {
  Settings settings;
  std::string host_variable = std::string(environment_prefix) + "HOST";
  std::string port_variable = std::string(environment_prefix) + "PORT";
  if (auto host = environment(host_variable)) settings.host = parse_host(*host, host_variable);
  if (auto port = environment(port_variable)) settings.port = parse_port(*port, port_variable);

  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string_view argument = arguments[i];
    if (argument == "-h" || argument == "--help") {
      settings.help = true;
      continue;
    }
    // --flag value, or --flag=value
    std::string_view flag = argument.substr(0, argument.find('='));
    if (flag != "--host" && flag != "--port") {
      throw std::invalid_argument("unknown option '" + std::string(argument) + "' (see --help)");
    }
    std::string_view value;
    if (flag.size() < argument.size()) {
      value = argument.substr(flag.size() + 1);
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      throw std::invalid_argument(std::string(flag) + " needs a value");
    }
    if (flag == "--host") {
      settings.host = parse_host(value, flag);
    } else {
      settings.port = parse_port(value, flag);
    }
  }
  return settings;
}

std::string usage(std::string_view program) {
  std::string prefix(environment_prefix);
  return "Usage: " + std::string(program) + " [--host ADDRESS] [--port N]\n" +
         "Serves the {{ project_name }} API until it is stopped.\n\n" +
         "  --host ADDRESS  the address to listen on (default 127.0.0.1; or " + prefix + "HOST)\n" +
         "  --port N        the port to listen on, 0 for any free one (default {{ port }}; or " + prefix + "PORT)\n";
}

}  // namespace {{ namespace }}
