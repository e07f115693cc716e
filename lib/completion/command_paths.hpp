// The commands of a tree with their paths ("", "/contract", "/contract/lint"): the scripts of every shell
// find the command being typed by the same path.
#pragma once

#include <string>
#include <vector>

#include "completion/command_tree.hpp"

namespace apictl::completion {

struct PathedCommand {
  std::string path;
  const CommandSpec* command;
};

// Depth first, the root first.
std::vector<PathedCommand> command_paths(const CommandSpec& root);

// `words` joined by spaces, each in single quotes when it needs them for a POSIX shell.
std::string shell_words(const std::vector<std::string>& words);

// `text` as one single-quoted POSIX shell word.
std::string single_quoted(const std::string& text);

}  // namespace apictl::completion
