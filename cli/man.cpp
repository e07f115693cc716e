// `apictl man`: the man page, from the command definitions (`apictl man | man -l -` reads it uninstalled).
#include "command.hpp"
#include "command_tree.hpp"
#include "man/man_page.hpp"
#include "man/markdown_reference.hpp"

namespace apictl::cli {

void define_man(CLI::App& command, Invocation& invocation) {
  auto format = std::make_shared<std::string>("roff");
  command.description(
      "Print apictl(1), the man page, generated from the command definitions: every command, flag and example.\n"
      "--format markdown prints the same reference as Markdown (docs/commands.md).");
  command.add_option("--format,-f", *format, "roff for man, markdown for docs/")
      ->check(CLI::IsMember({"roff", "markdown"}))
      ->capture_default_str();
  command.footer(
      help_footer("  apictl man | man -l -                      read it without installing it\n"
                  "  apictl man > apictl.1                      (cmake --install puts it in share/man/man1)\n"
                  "  apictl man --format markdown > docs/commands.md\n"));
  command.callback([format, &command, &invocation] {
    command_tree::CommandSpec tree = describe_commands(command);
    invocation.out << (*format == "markdown" ? man::markdown_reference(tree) : man::man_page(tree, APICTL_VERSION));
  });
}

}  // namespace apictl::cli
