// `apictl completion bash|zsh|fish`: the completion script of a shell, from the command definitions.
#include "command.hpp"
#include "command_tree.hpp"
#include "completion/completion_scripts.hpp"

namespace apictl::cli {

void define_completion(CLI::App& command, Invocation& invocation) {
  auto shell = std::make_shared<std::string>();
  command.description(
      "Print the completion script for a shell, generated from apictl's own command definitions: subcommands,\n"
      "flags, flag values (formats, presets, templates, rule and check ids) and file paths.");
  command.add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  command.footer(
      help_footer("  source <(apictl completion bash)          in this shell; or save it to\n"
                  "                                            /usr/share/bash-completion/completions/apictl\n"
                  "  apictl completion zsh > ~/.zfunc/_apictl  with ~/.zfunc in $fpath, before compinit\n"
                  "  apictl completion fish > ~/.config/fish/completions/apictl.fish\n"));
  command.callback([shell, &command, &invocation] {
    command_tree::CommandSpec tree = describe_commands(command);
    if (*shell == "bash") invocation.out << completion::bash_script(tree);
    if (*shell == "zsh") invocation.out << completion::zsh_script(tree);
    if (*shell == "fish") invocation.out << completion::fish_script(tree);
  });
}

}  // namespace apictl::cli
