// docs/commands.md: every command with its usage, description, flags and examples, in Markdown, written from
// the command tree like the man page (so the reference cannot drift from the binary).
#pragma once

#include <string>

#include "command_tree/command_tree.hpp"

namespace apictl::man {

std::string markdown_reference(const command_tree::CommandSpec& root);

}  // namespace apictl::man
