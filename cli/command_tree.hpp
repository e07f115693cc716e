// The CLI's command definitions as lib/command_tree's model, for what is generated from them (completions,
// the man page).
#pragma once

#include <CLI/CLI.hpp>

#include "command_tree/command_tree.hpp"

namespace apictl::cli {

// The whole tree, from the root of the app `any` belongs to.
command_tree::CommandSpec describe_commands(const CLI::App& any);

// One command and the commands under it.
command_tree::CommandSpec describe_command(const CLI::App& command);

}  // namespace apictl::cli
