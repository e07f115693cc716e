// The whole command line as one function, so tests can drive it in-process with their own streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "command_tree/command_tree.hpp"

namespace apictl::cli {

// args excludes the program name. Returns the process exit code (0, 1 or 2).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Every command and flag, as the parser holds them: for tests that check all commands alike.
command_tree::CommandSpec describe_apictl();

}  // namespace apictl::cli
