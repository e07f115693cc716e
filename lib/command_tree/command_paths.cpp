#include "command_tree/command_paths.hpp"

namespace apictl::command_tree {

namespace {

void collect(const CommandSpec& command, const std::string& path, std::vector<PathedCommand>& out) {
  out.push_back({path, &command});
  for (const CommandSpec& sub : command.subcommands) collect(sub, path + "/" + sub.name, out);
}

}  // namespace

std::vector<PathedCommand> command_paths(const CommandSpec& root) {
  std::vector<PathedCommand> out;
  collect(root, "", out);
  return out;
}

}  // namespace apictl::command_tree
