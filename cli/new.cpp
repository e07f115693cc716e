// `apictl new`: flags to NewProjectOptions, Ctrl-C to cancellation, the result to a summary and exit code.
#include <unistd.h>

#include <iostream>

#include "command.hpp"
#include "scaffold/new_project.hpp"
#include "util/interrupt.hpp"

namespace apictl::cli {

namespace {

struct NewFlags {
  std::string directory;
  std::string template_ref = std::string(scaffold::default_template);
  std::vector<std::string> sets;  // NAME=VALUE
  bool defaults = false;
  bool force = false;
  bool no_hooks = false;
};

constexpr std::string_view new_examples =
    "  apictl new petstore                          ask for each answer (on a terminal), fastapi template\n"
    "  apictl new petstore --defaults               take every default, ask nothing\n"
    "  apictl new petstore --set project_name=pets --set port=8080 --defaults\n"
    "  apictl new svc --template ./my-template      any local template folder\n"
    "  apictl new old --template fastapi@1.0.0      an earlier release of a template\n"
    "  apictl new . --force                         add the files to the current folder; nothing is overwritten\n"
    "\n"
    "Without a terminal nothing is asked: each variable needs --set NAME=VALUE, or --defaults.\n"
    "Files are written into a temporary folder beside DIR and moved into place, so an error or Ctrl-C\n"
    "leaves nothing behind. Hooks (post-generation steps) run in DIR afterwards unless --no-hooks; a failing\n"
    "hook exits 1 and leaves the complete project. Run `apictl templates` for the templates and variables.\n";

int run_new(const NewFlags& flags, Invocation& invocation) {
  scaffold::NewProjectOptions options;
  options.target = flags.directory;
  options.template_ref = flags.template_ref;
  for (const std::string& setting : flags.sets) {
    auto equals = setting.find('=');
    if (equals == std::string::npos || equals == 0) {
      return usage_error(invocation, Diagnostic{Severity::error,
                                                "usage",
                                                "--set '" + setting + "' is not NAME=VALUE",
                                                {},
                                                "e.g. --set project_name=petstore"});
    }
    options.given.emplace_back(setting.substr(0, equals), setting.substr(equals + 1));
  }
  options.use_defaults = flags.defaults;
  options.existing = flags.force ? scaffold::ExistingFolder::add_files : scaffold::ExistingFolder::refuse;
  options.run_hooks = !flags.no_hooks;
  InterruptGuard guard;  // Ctrl-C cancels: nothing is written, and a question being asked returns at once
  InterruptibleInput terminal(STDIN_FILENO);
  std::istream questions(&terminal);
  if (::isatty(STDIN_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1) {
    options.questions_in = &questions;
    options.questions_out = &invocation.err;
  }
  options.log = &invocation.err;
  options.cancelled = [] { return InterruptGuard::interrupted(); };
  auto result = scaffold::create_project(options);
  if (!result) {
    if (InterruptGuard::interrupted()) {
      return usage_error(invocation,
                         Diagnostic{Severity::error, "cancelled", "interrupted; nothing was written", {}, {}});
    }
    return usage_error(invocation, result.error());
  }
  invocation.out << "Created " << flags.directory << " from template " << result->template_name << ' '
                 << result->template_version << ": " << result->written.written << " files";
  if (!result->written.skipped.empty()) {
    invocation.out << ", " << result->written.skipped.size() << " already there unchanged";
  }
  invocation.out << ".\n";
  if (result->hook_failure) {
    print_error(invocation.err, *result->hook_failure);
    return to_int(ExitCode::findings);
  }
  if (!result->next_steps.empty()) {
    invocation.out << "\nNext steps (in " << flags.directory << "):\n" << result->next_steps;
    if (result->next_steps.back() != '\n') invocation.out << '\n';
  }
  return to_int(ExitCode::ok);
}

}  // namespace

void define_new(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<NewFlags>();
  command.description(
      "Create a project from a template: a running, tested API with its OpenAPI contract and apictl.toml.\n"
      "The template, its version and the answers are recorded in the new project's apictl.toml.");
  command.add_option("DIR", flags->directory, "The folder to create (or an empty one)")->required();
  command
      .add_option("--template,-t", flags->template_ref,
                  "A built-in template's name, or a template folder; @VERSION for an earlier release")
      ->type_name("NAME|PATH[@VERSION]")
      ->capture_default_str();
  command.add_option("--set", flags->sets, "Answer a variable (repeatable)")
      ->type_name("NAME=VALUE")
      ->allow_extra_args(false);
  command.add_flag("--defaults", flags->defaults, "Take the default of every variable not --set; ask nothing");
  command.add_flag("--force", flags->force,
                   "Allow a non-empty DIR: add the new files; refuse (writing nothing) if one would be overwritten");
  command.add_flag("--no-hooks", flags->no_hooks, "Skip the template's post-generation steps");
  command.footer(help_footer(new_examples));
  command.callback([flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_new(*flags, invocation)); });
}

}  // namespace apictl::cli
