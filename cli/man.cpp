// `apictl man`: the man page, from the command definitions (`apictl man | man -l -` reads it uninstalled).
#include "command.hpp"
#include "command_tree.hpp"
#include "man/man_page.hpp"

namespace apictl::cli {

void define_man(CLI::App& command, Invocation& invocation) {
  command.description(
      "Print apictl(1), the man page, generated from the command definitions: every command, flag and example.");
  command.footer(
      help_footer("  apictl man | man -l -                      read it without installing it\n"
                  "  apictl man > apictl.1                      (cmake --install puts it in share/man/man1)\n"));
  command.callback(
      [&command, &invocation] { invocation.out << man::man_page(describe_commands(command), APICTL_VERSION); });
}

}  // namespace apictl::cli
