// The command line as its readers outside the parser see it (shell completions, the man page): commands, their
// options, and what each value may be. The CLI builds it from its own definitions (cli/command_tree.cpp), so
// what is generated from it never drifts from the commands.
#pragma once

#include <string>
#include <vector>

namespace apictl::command_tree {

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
  std::string value_name;  // as --help shows it: "TEXT:{text,json}", "FILE"
  ValueHint value;
};

struct CommandSpec {
  std::string name;
  std::string description;  // may run over several lines; the first says what the command does
  std::string footer;       // examples and exit codes, as --help ends
  std::string guide;        // its hand-written page in docs/ ("contract-lint.md"); may be empty for a group
  std::vector<OptionSpec> options;
  std::string positional_name;  // "SPEC", "BASE REVISION"; empty without arguments
  ValueHint positional;         // the arguments after the options, for a command without subcommands
  std::vector<CommandSpec> subcommands;
};

// A description's first line: completions show one line per item.
inline std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace apictl::command_tree
