// What every document written from the command tree shows the same way: a command's usage line, the examples
// of its --help footer, and which options every command has.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "command_tree/command_tree.hpp"

namespace apictl::command_tree {

// "apictl contract lint [OPTIONS] SPEC" for the command at `path` ("/contract/lint").
std::string usage_line(std::string_view program, const std::string& path, const CommandSpec& command);

// The footer's examples, without their "Examples:" heading and without the exit codes that follow them.
std::string_view footer_examples(std::string_view footer);

// The guides of the tree's commands, each once, in command order ("templates.md", "dev.md", ...).
std::vector<std::string> guides(const CommandSpec& root);

// --help and --help-all, which every command has: documents say them once.
bool is_help_option(const OptionSpec& option);

}  // namespace apictl::command_tree
