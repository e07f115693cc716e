#include "man/man_page.hpp"

#include "command_tree/command_paths.hpp"
#include "command_tree/command_text.hpp"

namespace apictl::man {

namespace {

using command_tree::CommandSpec;
using command_tree::OptionSpec;

// Text as roff reads it literally: backslashes escaped, hyphens as \- (so options copy and paste as typed),
// and a line never starting with a control character.
std::string escaped(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// A description's lines as filled text, a blank line starting a paragraph.
std::string paragraphs(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    out += line.empty() ? std::string(".PP") : escaped(line);
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string option_entry(const OptionSpec& option) {
  std::string names;
  for (const std::string& name : option.names) names += (names.empty() ? "" : ", ") + name;
  std::string entry = ".TP\n.B " + escaped(names) + "\n";
  if (option.takes_value) entry = ".TP\n.BI \"" + escaped(names) + " \" \"" + escaped(option.value_name) + "\"\n";
  return entry + paragraphs(option.description);
}

std::string command_section(const std::string& path, const CommandSpec& command, const std::string& program) {
  std::string usage = command_tree::usage_line(program, path, command);
  std::string out = ".SS \"" + escaped(usage) + "\"\n" + paragraphs(command.description);
  for (const OptionSpec& option : command.options) {
    if (command_tree::is_help_option(option)) continue;  // the OPTIONS section says them once
    out += option_entry(option);
  }
  std::string_view shown = command_tree::footer_examples(command.footer);
  if (!shown.empty()) out += ".PP\nExamples:\n.PP\n.nf\n.RS 2\n" + escaped(shown) + "\n.RE\n.fi\n";
  return out;
}

}  // namespace

std::string man_page(const CommandSpec& root, std::string_view version) {
  std::string upper;
  for (char c : root.name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  std::string page = ".\\\" Generated from " + root.name + "'s command definitions by `" + root.name +
                     " man`; do not edit.\n"
                     ".TH " +
                     upper + " 1 \"\" \"" + root.name + " " + std::string(version) + "\" \"User Commands\"\n";
  std::string summary = command_tree::first_line(root.description);
  if (summary.starts_with(root.name + ": ")) summary.erase(0, root.name.size() + 2);
  page += ".SH NAME\n" + root.name + " \\- " + escaped(summary) + "\n";
  page += ".SH SYNOPSIS\n.B " + root.name + "\n[\\fB\\-C\\fR \\fIDIR\\fR] [\\fB\\-\\-no\\-color\\fR] " +
          "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n";
  page += ".SH DESCRIPTION\n" + paragraphs(root.description);
  page += ".SH OPTIONS\nThese come before the command.\n";
  for (const OptionSpec& option : root.options) page += option_entry(option);
  page += ".SH COMMANDS\n";
  for (const command_tree::PathedCommand& entry : command_tree::command_paths(root)) {
    if (!entry.path.empty()) page += command_section(entry.path, *entry.command, root.name);
  }
  std::string_view root_examples = command_tree::footer_examples(root.footer);
  if (!root_examples.empty()) page += ".SH EXAMPLES\n.nf\n" + escaped(root_examples) + "\n.fi\n";
  page +=
      ".SH EXIT STATUS\n"
      ".TP\n.B 0\nSuccess: nothing at or above the threshold.\n"
      ".TP\n.B 1\nFindings at or above the threshold (\\fB\\-\\-fail\\-severity\\fR, \\fB\\-\\-fail\\-on\\fR), "
      "a breached budget, a failed verification.\n"
      ".TP\n.B 2\nUsage or input error: a bad flag, an unreadable or malformed file (named with line and "
      "column).\n"
      ".SH ENVIRONMENT\n"
      ".TP\n.B NO_COLOR\nWhen set, output is never coloured (as \\fB\\-\\-no\\-color\\fR).\n"
      ".SH FILES\n"
      ".TP\n.I apictl.toml\nThe project file, found by walking up from the current directory like git: the "
      "contract, lint and diff policies, how the app is set up, run and tested, SLO budgets.\n"
      ".TP\n.I migrations/ledger.json\nThe migrations applied to the project, with what reverses them.\n"
      ".TP\n.I .apictl/slo\\-history.jsonl\nEvery SLO measurement, one JSON object per line.\n"
      ".SH SEE ALSO\n"
      "The guides, in docs/ of the source and in share/doc/apictl/ where apictl is installed: ";
  std::vector<std::string> pages = command_tree::guides(root);
  for (const char* more : {"configuration.md", "json-output.md", "exit-codes.md", "ci.md"}) pages.emplace_back(more);
  for (std::size_t i = 0; i < pages.size(); ++i) page += escaped(pages[i]) + (i + 1 < pages.size() ? ", " : ".\n");
  return page;
}

}  // namespace apictl::man
