// The commands of a tree with their paths ("", "/contract", "/contract/lint"): every shell's script finds the
// command being typed by the same path, and the man page lists the commands in this order.
#pragma once

#include <string>
#include <vector>

#include "command_tree/command_tree.hpp"

namespace apictl::command_tree {

struct PathedCommand {
  std::string path;
  const CommandSpec* command;
};

// Depth first, the root first.
std::vector<PathedCommand> command_paths(const CommandSpec& root);

}  // namespace apictl::command_tree
