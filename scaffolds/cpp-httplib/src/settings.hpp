// Settings from the command line and the environment, so one build runs anywhere.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace {{ namespace }} {

// Environment variables read: {{ namespace | constant }}_HOST and {{ namespace | constant }}_PORT.
inline constexpr std::string_view environment_prefix = "{{ namespace | constant }}_";

struct Settings {
  // Loopback: reachable from this machine only, until you decide otherwise.
  std::string host = "127.0.0.1";
  // 0 asks the system for any free port.
  int port = {{ port }};
  // --help was given: print the usage and stop.
  bool help = false;
};

// Looks up an environment variable; nullopt when it is not set.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

// The environment of this process.
std::optional<std::string> process_environment(std::string_view name);

// The command line (`arguments`, without the program name) over the environment over the defaults.
// Throws std::invalid_argument naming the flag or variable when a value is not valid.
Settings read_settings(std::span<const std::string_view> arguments, const Environment& environment);

// What --help prints.
std::string usage(std::string_view program);

}  // namespace {{ namespace }}
