// Builds the command tree from the command table, parses, dispatches and maps every failure to an exit code.
#include "run.hpp"

#include <filesystem>
#include <iostream>
#include <map>

#include "command.hpp"

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

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  DirectoryGuard directory_guard;
  CLI::App app(
      "apictl: one tool for an HTTP API project and its OpenAPI contract, from scaffold to CI.\n"
      "It scaffolds a project (new, add endpoint), runs it with reload behind a contract-checking proxy (dev),\n"
      "lints, diffs, documents and tests the contract (contract), carries framework and template upgrades as\n"
      "reversible migrations (migrate) and measures developer-experience service levels (slo).",
      "apictl");
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("--version", std::string("apictl ") + APICTL_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  std::string directory;
  bool no_color = false;
  app.add_option("-C", directory, "Run as if apictl was started in DIR")->type_name("DIR");
  app.add_flag("--no-color", no_color, "Never colour the output (NO_COLOR=1 does the same)");

  Invocation invocation{out, err, TerminalStyle{}};
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
  }
  app.footer(help_footer(root_examples));

  // Flags are parsed first; the chosen command's callback runs after -C and --no-color are applied.
  app.parse_complete_callback([&] {
    invocation.style = detect_terminal_style(no_color);
    if (!directory.empty()) {
      std::error_code error;
      std::filesystem::current_path(directory, error);
      if (error) {
        throw CLI::ValidationError("-C", "cannot change to directory '" + directory + "': " + error.message());
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
    // CLI11 names the selected subcommand's help on its own; point at --help of the right level.
    err << "apictl: error: " << error.what() << "\n";
    err << "Run 'apictl --help' (or 'apictl COMMAND --help') for usage.\n";
    return to_int(ExitCode::usage);
  } catch (const std::exception& error) {
    err << "apictl: error: " << error.what() << "\n";
    return to_int(ExitCode::usage);
  }
  return to_int(invocation.exit_code);
}

}  // namespace apictl::cli
