// Builds the command tree from the command table, parses, dispatches and maps every failure to an exit code.
#include "run.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "command.hpp"
#include "command_tree.hpp"
#include "command_tree/option_suggestion.hpp"

namespace apictl::cli {

namespace {

constexpr std::string_view root_examples =
    "  apictl new petstore --defaults             a FastAPI project: app, tests, contract (-t cpp-httplib: C++)\n"
    "  apictl dev                                 run it with reload behind a contract-checking proxy\n"
    "  apictl contract lint                       lint the project's contract (--format sarif for code scanning)\n"
    "  apictl contract diff origin/main:openapi.yaml openapi.yaml\n"
    "                                             what changed since main, and what breaks clients\n"
    "  apictl migrate plan                        pending upgrades (pydantic-v2, templates) and their exact diff\n"
    "  apictl slo measure --scenario ttfr         time from a fresh clone to the first successful request\n"
    "  apictl -C services/pets contract lint      run as if started in services/pets\n"
    "  source <(apictl completion bash)           completions (also zsh, fish); apictl man: the manual\n";

// Restores the working directory changed by -C, so in-process callers (tests) are unaffected.
class DirectoryGuard {
 public:
  DirectoryGuard() : saved_(std::filesystem::current_path()) {}
  ~DirectoryGuard() {
    std::error_code ignored;
    std::filesystem::current_path(saved_, ignored);
  }
  DirectoryGuard(const DirectoryGuard&) = delete;
  DirectoryGuard& operator=(const DirectoryGuard&) = delete;

 private:
  std::filesystem::path saved_;
};

// The command the parse had reached when it failed: its --help is the one to read.
const CLI::App& deepest_selected(const CLI::App& app) {
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return *at;
}

// "apictl contract lint" for that command.
std::string command_line_of(const CLI::App& command) {
  std::string line = command.get_name();
  for (const CLI::App* parent = command.get_parent(); parent; parent = parent->get_parent()) {
    line = parent->get_name() + " " + line;
  }
  return line;
}

// A bad command line, said the one way every command says it: what is wrong, a hint where one is likely (a
// misspelt flag or command, --json for --format json), and the --help of the command that was typed.
void explain_parse_error(std::ostream& err, const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App& selected = deepest_selected(app);
  command_tree::CommandSpec spec = describe_command(selected);
  std::vector<std::string> unparsed = app.remaining(true);
  // CLI11 says only that a subcommand is required; name the word it did not know, or the commands there are.
  bool wants_command = !spec.subcommands.empty() && selected.get_subcommands().empty();
  if (wants_command && !unparsed.empty() && !unparsed.front().starts_with("-")) {
    err << "apictl: error: '" << unparsed.front() << "' is not a command of " << command_line_of(selected)
        << "\nhint: " << command_tree::suggest_subcommand(spec, unparsed.front()) << "\n";
  } else if (wants_command && unparsed.empty()) {
    err << "apictl: error: " << command_line_of(selected)
        << " needs a command\nhint: " << command_tree::suggest_subcommand(spec, "") << "\n";
  } else {
    err << "apictl: error: " << error.what() << "\n";
  }
  for (const std::string& token : unparsed) {
    if (std::string hint = command_tree::suggest_option(spec, token); !hint.empty()) err << "hint: " << hint << "\n";
  }
  err << "Run '" << command_line_of(selected) << " --help' for usage.\n";
}

// The options every command shares, set before the command's callback runs.
struct GlobalFlags {
  std::string directory;
  bool no_color = false;
};

// The whole command tree on `app`: global flags, every command of the table, the help footers.
void define_apictl(CLI::App& app, Invocation& invocation, GlobalFlags& flags) {
  app.description(
      "apictl: one tool for an HTTP API project and its OpenAPI contract, from scaffold to CI.\n"
      "It scaffolds a project (new, add endpoint), runs it with reload behind a contract-checking proxy (dev),\n"
      "lints, diffs, documents and tests the contract (contract), carries framework and template upgrades as\n"
      "reversible migrations (migrate) and measures developer-experience service levels (slo).");
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("--version", std::string("apictl ") + APICTL_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("-C", flags.directory, "Run as if apictl was started in DIR")->type_name("DIR");
  app.add_flag("--no-color", flags.no_color, "Never colour the output (NO_COLOR=1 does the same)");

  std::map<std::string_view, CLI::App*> groups;
  for (const Command& command : commands()) {
    CLI::App* parent = command.parent.empty() ? &app : groups.at(command.parent);
    CLI::App* sub = parent->add_subcommand(std::string(command.name), std::string(command.summary));
    if (command.define) {
      command.define(*sub, invocation);
    } else {
      sub->require_subcommand(1);
      groups[command.name] = sub;
    }
    if (sub->get_footer().empty()) sub->footer(help_footer(command.examples));
    if (!command.guide.empty()) {
      sub->footer(sub->get_footer() + "Guide: docs/" + std::string(command.guide) +
                  " (installed: share/doc/apictl/ under the prefix)\n");
    }
  }
  app.footer(help_footer(root_examples));
}

}  // namespace

command_tree::CommandSpec describe_apictl() {
  std::ostringstream unused;
  Invocation invocation{unused, unused, TerminalStyle{}};
  GlobalFlags flags;
  CLI::App app("", "apictl");
  define_apictl(app, invocation, flags);
  return describe_commands(app);
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  DirectoryGuard directory_guard;
  Invocation invocation{out, err, TerminalStyle{}};
  GlobalFlags flags;
  CLI::App app("", "apictl");
  define_apictl(app, invocation, flags);
  // Flags are parsed first; the chosen command's callback runs after -C and --no-color are applied.
  app.parse_complete_callback([&] {
    invocation.style = detect_terminal_style(flags.no_color);
    if (!flags.directory.empty()) {
      std::error_code error;
      std::filesystem::current_path(flags.directory, error);
      if (error) {
        throw CLI::ValidationError("-C", "cannot change to directory '" + flags.directory + "': " + error.message());
      }
    }
  });

  try {
    // CLI11 consumes its argument list from the back.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(std::move(reversed));
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForVersion& version) {
    out << version.what() << '\n';
    return to_int(ExitCode::ok);
  } catch (const CLI::ParseError& error) {
    explain_parse_error(err, app, error);
    return to_int(ExitCode::usage);
  } catch (const std::exception& error) {
    err << "apictl: error: " << error.what() << "\n";
    return to_int(ExitCode::usage);
  }
  return to_int(invocation.exit_code);
}

}  // namespace apictl::cli
