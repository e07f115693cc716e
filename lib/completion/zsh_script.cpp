// The zsh script: the same walk as bash's, with descriptions (_describe) and zsh's own file completion.
#include "command_tree/command_paths.hpp"
#include "completion/completion_scripts.hpp"
#include "completion/shell_words.hpp"

namespace apictl::completion {

using command_tree::CommandSpec;
using command_tree::OptionSpec;
using command_tree::PathedCommand;
using command_tree::ValueHint;

namespace {

// One `name:description` item of _describe, as a single-quoted word; a ':' in the name is escaped.
std::string described(const std::string& name, const std::string& description) {
  std::string escaped;
  for (char c : name) escaped += c == ':' ? std::string("\\:") : std::string(1, c);
  return single_quoted(escaped + ":" + command_tree::first_line(description));
}

std::string value_assignments(const ValueHint& hint) {
  std::string text;
  if (!hint.words.empty()) text += " values=(" + shell_words(hint.words) + ")";
  if (hint.paths == ValueHint::Paths::files) text += " paths=files";
  if (hint.paths == ValueHint::Paths::directories) text += " paths=directories";
  return text;
}

std::string command_block(const PathedCommand& entry) {
  const CommandSpec& command = *entry.command;
  std::string block = "    (" + (entry.path.empty() ? std::string("''") : entry.path) + ")\n";
  if (!command.subcommands.empty()) {
    block += "      commands=(";
    for (const CommandSpec& sub : command.subcommands) block += "\n        " + described(sub.name, sub.description);
    block += "\n      )\n";
  }
  block += "      options=(";
  for (const OptionSpec& option : command.options) {
    for (const std::string& name : option.names) block += "\n        " + described(name, option.description);
  }
  block += "\n      )\n";
  std::string cases;
  for (const OptionSpec& option : command.options) {
    if (!option.takes_value) continue;
    std::string pattern;
    for (const std::string& name : option.names) pattern += (pattern.empty() ? "" : "|") + name;
    cases += "        (" + pattern + ") value=1" + value_assignments(option.value) + " ;;\n";
  }
  if (!cases.empty()) block += "      case $prev in\n" + cases + "      esac\n";
  if (command.subcommands.empty() && !command.positional.empty()) {
    block += "      [[ -n $value ]] ||" + value_assignments(command.positional) + "\n";
  }
  return block + "      ;;\n";
}

}  // namespace

std::string zsh_script(const CommandSpec& root) {
  std::vector<PathedCommand> commands = command_tree::command_paths(root);
  std::string known;
  for (const PathedCommand& entry : commands) {
    if (!entry.path.empty()) known += (known.empty() ? "" : "|") + entry.path;
  }
  std::string function = "_" + root.name;
  std::string script = "#compdef " + root.name +
                       "\n"
                       "# zsh completion for " +
                       root.name + ", generated from its command definitions by `" + root.name +
                       " completion zsh`.\n"
                       "# Install it as " +
                       function +
                       " in a folder of $fpath (e.g. /usr/share/zsh/vendor-completions), or load it\n"
                       "# with `source <(" +
                       root.name + " completion zsh)` after compinit.\n" + function +
                       "() {\n"
                       "  local cmdpath= word i\n"
                       "  for ((i = 2; i < CURRENT; i++)); do\n"
                       "    word=${words[i]}\n"
                       "    case $cmdpath/$word in\n"
                       "      (" +
                       known +
                       ") cmdpath=$cmdpath/$word ;;\n"
                       "    esac\n"
                       "  done\n"
                       "  local prev=${words[CURRENT-1]} value= paths=\n"
                       "  local -a commands options values\n"
                       "  case $cmdpath in\n";
  for (const PathedCommand& entry : commands) script += command_block(entry);
  script +=
      "  esac\n"
      "  if [[ -z $value && $PREFIX == -* ]]; then\n"
      "    _describe -t options option options\n"
      "    return\n"
      "  fi\n"
      "  if [[ -z $value && ${#commands} -gt 0 ]]; then\n"
      "    _describe -t commands command commands\n"
      "    return\n"
      "  fi\n"
      "  # ID= words take more text: no space after them.\n"
      "  if (( ${#values} )); then\n"
      "    if [[ ${values[1]} == *= ]]; then compadd -S '' -a values; else compadd -a values; fi\n"
      "  fi\n"
      "  case $paths in\n"
      "    (files) _files ;;\n"
      "    (directories) _files -/ ;;\n"
      "  esac\n"
      "}\n"
      "if [[ ${funcstack[1]} == " +
      function +
      " ]]; then\n"
      "  " +
      function +
      " \"$@\"\n"
      "else\n"
      "  compdef " +
      function + " " + root.name +
      "\n"
      "fi\n";
  return script;
}

}  // namespace apictl::completion
