// Finds the flag or command a user meant: an output format typed as its own flag, else the nearest by spelling.
#include "command_tree/option_suggestion.hpp"

#include <algorithm>
#include <vector>

#include "util/spelling.hpp"

namespace apictl::command_tree {

namespace {

const OptionSpec* format_option(const CommandSpec& command) {
  for (const OptionSpec& option : command.options) {
    if (std::ranges::find(option.names, "--format") != option.names.end()) return &option;
  }
  return nullptr;
}

}  // namespace

std::string suggest_option(const CommandSpec& command, std::string_view token) {
  if (!token.starts_with("--")) return {};
  std::string_view name = token.substr(0, token.find('='));

  // --json, --sarif...: other tools' spelling of an output format, which apictl always takes as --format.
  if (const OptionSpec* format = format_option(command)) {
    std::string_view wanted = name.substr(2);
    if (std::ranges::find(format->value.words, wanted) != format->value.words.end()) {
      return "the output format is chosen with --format: --format " + std::string(wanted) + " (or -f " +
             std::string(wanted) + ")";
    }
  }

  std::vector<std::string_view> names;
  for (const OptionSpec& option : command.options) {
    for (const std::string& option_name : option.names) {
      if (option_name.starts_with("--")) names.push_back(option_name);
    }
  }
  std::string_view closest = closest_name(names, name);
  if (closest.empty()) return {};
  return "did you mean " + std::string(closest) + "?";
}

std::string suggest_subcommand(const CommandSpec& command, std::string_view word) {
  std::vector<std::string_view> names;
  std::string listed;
  for (const CommandSpec& sub : command.subcommands) {
    names.push_back(sub.name);
    listed += (listed.empty() ? "" : ", ") + sub.name;
  }
  if (std::string_view closest = word.empty() ? "" : closest_name(names, word); !closest.empty()) {
    return "did you mean " + std::string(closest) + "?";
  }
  return "the commands here are " + listed;
}

}  // namespace apictl::command_tree
