// The fish script: a function that finds the command being typed by its path, and one `complete` line per
// subcommand, option and argument kind, each guarded by that path.
#include "command_tree/command_paths.hpp"
#include "completion/completion_scripts.hpp"
#include "completion/shell_words.hpp"

namespace apictl::completion {

using command_tree::CommandSpec;
using command_tree::OptionSpec;
using command_tree::PathedCommand;
using command_tree::ValueHint;

namespace {

std::string fish_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

// The words of a value as `complete -a` takes them: one string, split at spaces when completing.
std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// The flags of `complete` for a value or the arguments: words, files, folders.
std::string value_flags(const ValueHint& hint, bool option) {
  std::string words = joined(hint.words);
  if (hint.paths == ValueHint::Paths::files) {
    return (option ? " -r -F" : " -F") + (words.empty() ? "" : " -a " + fish_quoted(words));
  }
  std::string flags = option ? " -x" : "";
  if (hint.paths == ValueHint::Paths::directories) {
    return flags + " -a " + fish_quoted("(__fish_complete_directories)" + (words.empty() ? "" : " " + words));
  }
  return flags + (words.empty() ? "" : " -a " + fish_quoted(words));
}

}  // namespace

std::string fish_script(const CommandSpec& root) {
  std::vector<PathedCommand> commands = command_tree::command_paths(root);
  std::string known;
  for (const PathedCommand& entry : commands) {
    if (!entry.path.empty()) known += " " + entry.path;
  }
  std::string prefix = "__" + root.name;
  std::string script = "# fish completion for " + root.name + ", generated from its command definitions by `" +
                       root.name +
                       " completion fish`.\n"
                       "# Install it as ~/.config/fish/completions/" +
                       root.name +
                       ".fish (or in /usr/share/fish/vendor_completions.d/).\n"
                       "function " +
                       prefix +
                       "_at --description 'Whether the command being typed is the one at this path'\n"
                       "    set -l cmdpath ''\n"
                       "    for word in (commandline -opc)[2..-1]\n"
                       "        switch \"$cmdpath/$word\"\n"
                       "            case" +
                       known +
                       "\n"
                       "                set cmdpath \"$cmdpath/$word\"\n"
                       "        end\n"
                       "    end\n"
                       "    test \"$cmdpath\" = \"$argv[1]\"\n"
                       "end\n"
                       "complete -c " +
                       root.name + " -f\n";
  for (const PathedCommand& entry : commands) {
    const CommandSpec& command = *entry.command;
    std::string guard = "complete -c " + root.name + " -n " + fish_quoted(prefix + "_at '" + entry.path + "'");
    for (const CommandSpec& sub : command.subcommands) {
      script += guard + " -a " + sub.name + " -d " + fish_quoted(command_tree::first_line(sub.description)) + "\n";
    }
    for (const OptionSpec& option : command.options) {
      script += guard;
      for (const std::string& name : option.names) {
        bool is_long = name.starts_with("--");
        script += (is_long ? " -l " + name.substr(2) : (name.size() == 2 ? " -s " : " -o ") + name.substr(1));
      }
      if (option.takes_value) script += value_flags(option.value, true);
      script += " -d " + fish_quoted(command_tree::first_line(option.description)) + "\n";
    }
    if (command.subcommands.empty() && !command.positional.empty()) {
      script += guard + value_flags(command.positional, false) + "\n";
    }
  }
  return script;
}

}  // namespace apictl::completion
