// apictl(1): the man page, written from the command tree (so it lists exactly the commands and flags the
// binary has), in the man(7) macros.
#pragma once

#include <string>
#include <string_view>

#include "command_tree/command_tree.hpp"

namespace apictl::man {

std::string man_page(const command_tree::CommandSpec& root, std::string_view version);

}  // namespace apictl::man
