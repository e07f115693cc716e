#include "command_tree/command_text.hpp"

#include <algorithm>

#include "command_tree/command_paths.hpp"

namespace apictl::command_tree {

std::string usage_line(std::string_view program, const std::string& path, const CommandSpec& command) {
  std::string usage(program);
  for (std::size_t start = 1; start < path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    usage += " " + path.substr(start, end - start);
    start = end + 1;
  }
  if (!command.options.empty()) usage += " [OPTIONS]";
  if (!command.subcommands.empty()) usage += " COMMAND";
  if (!command.positional_name.empty()) usage += " " + command.positional_name;
  return usage;
}

std::string_view footer_examples(std::string_view footer) {
  footer = footer.substr(0, footer.find("\nExit codes:"));
  std::size_t heading = footer.find("Examples:\n");
  if (heading == std::string_view::npos) return {};
  footer.remove_prefix(heading + std::string_view("Examples:\n").size());
  while (!footer.empty() && footer.back() == '\n') footer.remove_suffix(1);
  return footer;
}

bool is_help_option(const OptionSpec& option) {
  return std::ranges::any_of(option.names,
                             [](const std::string& name) { return name == "--help" || name == "--help-all"; });
}

std::vector<std::string> guides(const CommandSpec& root) {
  std::vector<std::string> found;
  for (const PathedCommand& entry : command_paths(root)) {
    const std::string& guide = entry.command->guide;
    if (!guide.empty() && std::ranges::find(found, guide) == found.end()) found.push_back(guide);
  }
  return found;
}

}  // namespace apictl::command_tree
