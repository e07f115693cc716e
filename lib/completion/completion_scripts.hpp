// Each shell's completion script for `root` (the program), as `apictl completion SHELL` prints it.
#pragma once

#include <string>

#include "command_tree/command_tree.hpp"

namespace apictl::completion {

std::string bash_script(const command_tree::CommandSpec& root);
std::string zsh_script(const command_tree::CommandSpec& root);
std::string fish_script(const command_tree::CommandSpec& root);

}  // namespace apictl::completion
