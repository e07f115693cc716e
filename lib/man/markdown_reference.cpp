#include "man/markdown_reference.hpp"

#include "command_tree/command_paths.hpp"
#include "command_tree/command_text.hpp"

namespace apictl::man {

namespace {

using command_tree::CommandSpec;
using command_tree::OptionSpec;

// Text for a table cell: one line, pipes escaped.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += ' ';
    } else if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

// "contract-lint" for "/contract/lint": the section's anchor as GitHub makes it from "apictl contract lint".
std::string anchor(const std::string& program, const std::string& path) {
  std::string text = program + path;
  for (char& c : text) c = c == '/' ? '-' : c;
  return text;
}

// "| `-f`, `--format` | `TEXT:{text,json}` | Output format |"
std::string option_row(const OptionSpec& option) {
  std::string names;
  for (const std::string& name : option.names) names += (names.empty() ? "" : ", ") + ("`" + name + "`");
  std::string value = option.takes_value ? "`" + cell(option.value_name) + "`" : "";
  return "| " + names + " | " + value + " | " + cell(option.description) + " |\n";
}

std::string markdown_section(const std::string& program, const std::string& path, const CommandSpec& command) {
  std::string out = "## " + program;
  for (char c : path) out += c == '/' ? ' ' : c;
  out += "\n\n```\n" + command_tree::usage_line(program, path, command) + "\n```\n\n" + command.description + "\n";
  if (!command.guide.empty()) out += "\nGuide: [" + command.guide + "](" + command.guide + ")\n";
  std::string rows;
  for (const OptionSpec& option : command.options) {
    if (!command_tree::is_help_option(option)) rows += option_row(option);
  }
  if (!rows.empty()) out += "\n| flag | value | meaning |\n|---|---|---|\n" + rows;
  if (!command.subcommands.empty()) {
    out += "\nCommands:";
    for (const CommandSpec& sub : command.subcommands) {
      out += " [" + sub.name + "](#" + anchor(program, path + "/" + sub.name) + ")";
    }
    out += "\n";
  }
  std::string_view examples = command_tree::footer_examples(command.footer);
  if (!examples.empty()) out += "\nExamples:\n\n```\n" + std::string(examples) + "\n```\n";
  return out + "\n";
}

}  // namespace

std::string markdown_reference(const CommandSpec& root) {
  std::string page = "# " + root.name +
                     " command reference\n\n"
                     "<!-- Generated from the command definitions by `" +
                     root.name + " man --format markdown`; do not edit: tests/e2e/man_page.sh keeps it equal. -->\n\n" +
                     root.description +
                     "\n\nEach command links its guide, a hand-written page beside this one; the project file is "
                     "in [configuration.md](configuration.md), the JSON outputs in [json-output.md](json-output.md), "
                     "CI recipes in [ci.md](ci.md), every exit code in [exit-codes.md](exit-codes.md).\n\n"
                     "Exit codes, the same for every command: 0 success; 1 findings at or above the threshold (a "
                     "breached budget, a failed check); 2 a usage or input error.\n\n"
                     "Global options, before the command:\n\n| flag | value | meaning |\n|---|---|---|\n";
  for (const OptionSpec& option : root.options) {
    if (!command_tree::is_help_option(option)) page += option_row(option);
  }
  page += "\n";
  for (const command_tree::PathedCommand& entry : command_tree::command_paths(root)) {
    if (!entry.path.empty()) page += markdown_section(root.name, entry.path, *entry.command);
  }
  return page;
}

}  // namespace apictl::man
