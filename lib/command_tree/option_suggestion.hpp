// What a mistyped flag or command was likely meant to be, from the flags and subcommands the command has.
#pragma once

#include <string>
#include <string_view>

#include "command_tree/command_tree.hpp"

namespace apictl::command_tree {

// A hint for `token`, a flag `command` does not have ("--fail-severty", "--json=1"): the nearest of its flags
// ("did you mean --fail-severity?"), or for --json/--sarif/... the --format value that gives that output.
// Empty when nothing is close.
std::string suggest_option(const CommandSpec& command, std::string_view token);

// A hint for `word`, typed where one of `command`'s subcommands goes: the nearest ("did you mean status?"),
// else (and for "", nothing typed) the list of them.
std::string suggest_subcommand(const CommandSpec& command, std::string_view word);

}  // namespace apictl::command_tree
