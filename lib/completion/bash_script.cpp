// The bash script: one function that finds the command being typed by its path, then offers its options,
// its subcommands, or what its option value or arguments may be.
#include <algorithm>

#include "command_tree/command_paths.hpp"
#include "completion/completion_scripts.hpp"
#include "completion/shell_words.hpp"

namespace apictl::completion {

using command_tree::CommandSpec;
using command_tree::OptionSpec;
using command_tree::PathedCommand;
using command_tree::ValueHint;

namespace {

// Words a completion can offer (plain ones only: nothing a shell would have to unquote).
std::vector<std::string> offered(const std::vector<std::string>& words) {
  std::vector<std::string> kept;
  for (const std::string& word : words) {
    if (shell_words({word}) == word) kept.push_back(word);
  }
  return kept;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::string paths_name(ValueHint::Paths paths) {
  return paths == ValueHint::Paths::files ? "files" : paths == ValueHint::Paths::directories ? "directories" : "";
}

// `words='...' paths=...` for a value or the arguments.
std::string assignments(const ValueHint& hint) {
  std::string text;
  if (!hint.words.empty()) text += " words='" + joined(offered(hint.words)) + "'";
  if (hint.paths != ValueHint::Paths::none) text += " paths=" + paths_name(hint.paths);
  return text;
}

std::string command_block(const PathedCommand& entry) {
  const CommandSpec& command = *entry.command;
  std::string block = "    " + (entry.path.empty() ? std::string("''") : entry.path) + ")\n";
  std::vector<std::string> names;
  for (const CommandSpec& sub : command.subcommands) names.push_back(sub.name);
  if (!names.empty()) block += "      commands='" + joined(names) + "'\n";
  std::vector<std::string> option_names;
  for (const OptionSpec& option : command.options)
    option_names.insert(option_names.end(), option.names.begin(), option.names.end());
  block += "      options='" + joined(option_names) + "'\n";
  std::string cases;
  for (const OptionSpec& option : command.options) {
    if (!option.takes_value) continue;
    std::string pattern;
    for (const std::string& name : option.names) pattern += (pattern.empty() ? "" : " | ") + name;
    cases += "        " + pattern + ") value=1" + assignments(option.value) + " ;;\n";
  }
  if (!cases.empty()) block += "      case $prev in\n" + cases + "      esac\n";
  if (command.subcommands.empty() && !command.positional.empty()) {
    block += "      [[ -n $value ]] ||" + assignments(command.positional) + "\n";
  }
  return block + "      ;;\n";
}

}  // namespace

std::string bash_script(const CommandSpec& root) {
  std::vector<PathedCommand> commands = command_tree::command_paths(root);
  std::string known;
  for (const PathedCommand& entry : commands) {
    if (!entry.path.empty()) known += (known.empty() ? "" : " | ") + entry.path;
  }
  std::string function = "_" + root.name;
  std::string script = "# bash completion for " + root.name + ", generated from its command definitions by `" +
                       root.name +
                       " completion bash`.\n"
                       "# Load it with `source <(" +
                       root.name +
                       " completion bash)`, or install it as\n"
                       "# /usr/share/bash-completion/completions/" +
                       root.name + ".\n" + function +
                       "() {\n"
                       "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                       "  # --format=json: bash splits the word at '=' (COMP_WORDBREAKS).\n"
                       "  if [[ $cur == = ]]; then\n"
                       "    cur=\n"
                       "  elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then\n"
                       "    prev=${COMP_WORDS[COMP_CWORD-2]}\n"
                       "  fi\n"
                       "  local cmdpath= word i\n"
                       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
                       "    word=${COMP_WORDS[i]}\n"
                       "    case $cmdpath/$word in\n"
                       "      " +
                       known +
                       ") cmdpath=$cmdpath/$word ;;\n"
                       "    esac\n"
                       "  done\n"
                       "  local commands= options= words= paths= value=\n"
                       "  case $cmdpath in\n";
  for (const PathedCommand& entry : commands) script += command_block(entry);
  script +=
      "  esac\n"
      "  if [[ -z $value && $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  if [[ -z $value && -n $commands ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      "  # ID= words take more text: no space after them.\n"
      "  if [[ ${#COMPREPLY[@]} -gt 0 && ${COMPREPLY[0]} == *= ]]; then compopt -o nospace 2>/dev/null; fi\n"
      "  case $paths in\n"
      "    files) COMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
      "    directories) COMPREPLY+=($(compgen -d -- \"$cur\")) ;;\n"
      "  esac\n"
      "}\n"
      "complete -o filenames -F " +
      function + " " + root.name + "\n";
  return script;
}

}  // namespace apictl::completion
