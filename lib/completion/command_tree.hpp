// The command line as shell completions see it: commands, their options, and what each value may be. The CLI
// builds it from its own definitions (cli/completion.cpp), so completions never drift from the commands.
#pragma once

#include <string>
#include <vector>

namespace apictl::completion {

// What may be typed where a value goes: some words, and/or paths.
struct ValueHint {
  enum class Paths { none, files, directories };
  std::vector<std::string> words;  // a word ending in '=' takes more text after it (ID=LEVEL)
  Paths paths = Paths::none;
  bool empty() const { return words.empty() && paths == Paths::none; }
};

struct OptionSpec {
  std::vector<std::string> names;  // "-f", "--format"
  std::string description;
  bool takes_value = false;
  ValueHint value;
};

struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options;
  ValueHint positional;  // the arguments after the options, for a command without subcommands
  std::vector<CommandSpec> subcommands;
};

// Each shell's completion script for `root` (the program), as `apictl completion SHELL` prints it.
std::string bash_script(const CommandSpec& root);
std::string zsh_script(const CommandSpec& root);
std::string fish_script(const CommandSpec& root);

}  // namespace apictl::completion
