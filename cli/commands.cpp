// The table of commands: only commands that work are listed here.
#include "command.hpp"

#include <map>

namespace apictl::cli {

std::string help_footer(std::string_view examples) {
  std::string footer;
  if (!examples.empty()) {
    footer += "\nExamples:\n";
    footer += examples;
  }
  footer +=
      "\nExit codes: 0 success, nothing at or above the threshold; 1 findings at or above the threshold;\n"
      "            2 usage or input error (bad flag, unreadable or malformed file).\n";
  return footer;
}

CLI::Validator severity_spellings(const std::array<std::string, 4>& names) {
  std::map<std::string, std::string> spellings{
      {"err", names[0]}, {"error", names[0]}, {"warn", names[1]}, {"warning", names[1]}, {"info", names[2]}};
  if (!names[3].empty()) spellings.emplace("hint", names[3]);
  // No description: --help shows the command's own names, from the check that follows.
  return CLI::Transformer(spellings, CLI::ignore_case).description("");
}

void print_error(std::ostream& err, const Diagnostic& diagnostic) {
  // Without a file to name, the error names apictl, as a bad flag's does: "apictl: error: ...".
  if (diagnostic.where.file.empty()) err << "apictl: ";
  err << format_diagnostic(diagnostic) << '\n';
}

int usage_error(Invocation& invocation, const Diagnostic& diagnostic) {
  print_error(invocation.err, diagnostic);
  return to_int(ExitCode::usage);
}

std::span<const Command> commands() {
  static const Command table[] = {
      {"", "new", "Create a project from a template: app, tests, contract and apictl.toml", "templates.md", define_new},
      {"", "templates", "List the built-in templates and their variables", "templates.md", define_templates},
      {"", "dev", "Run the app with reload behind a proxy that checks every call against the contract", "dev.md",
       define_dev},
      {"", "add", "Add to the project: code, tests and contract together", "add-endpoint.md", nullptr,
       "  apictl add endpoint GET /pets/{petId}      route, test and contract operation\n"},
      {"add", "endpoint", "Add a route, its test and its operation in the contract", "add-endpoint.md",
       define_add_endpoint},
      {"", "contract", "Check and use the OpenAPI contract", "", nullptr,
       "  apictl contract lint openapi.yaml          validate and apply the recommended rules\n"
       "  apictl contract rules --preset strict      the rules a preset enables\n"
       "  apictl contract diff old.yaml new.yaml     what changed, and what breaks clients\n"
       "  apictl contract changelog v1.yaml v2.yaml  a changelog section for the release\n"
       "  apictl contract docs openapi.yaml -o api.html\n"
       "                                             a self-contained HTML API reference\n"
       "  apictl contract test --base-url http://127.0.0.1:8000\n"
       "                                             check a running API's responses against the contract\n"},
      {"contract", "lint", "Validate a contract and apply governance rules", "contract-lint.md", define_contract_lint},
      {"contract", "diff", "Compare two contracts by meaning; flag changes that break clients", "contract-diff.md",
       define_contract_diff},
      {"contract", "changelog", "Write the changes between two contracts as a CHANGELOG.md section", "contract-diff.md",
       define_contract_changelog},
      {"contract", "docs", "Render the contract as a self-contained HTML API reference", "contract-docs.md",
       define_contract_docs},
      {"contract", "rules", "List the lint rules with their presets and Spectral/Redocly equivalents", "lint-rules.md",
       define_contract_rules},
      {"contract", "test", "Send requests built from the contract to a running API and check its responses",
       "contract-test.md", define_contract_test},
      {"", "migrate", "Upgrades as tracked, verified, reversible migrations", "migrations.md", nullptr,
       "  apictl migrate list                       the migrations and whether they apply\n"
       "  apictl migrate plan                       the steps and the exact diff; writes nothing\n"
       "  apictl migrate apply                      apply, verify and record the pending ones\n"
       "  apictl migrate status                     applied, pending, open checklist, drift\n"
       "  apictl migrate rollback                   undo the last one, byte for byte\n"
       "  apictl migrate new rename-item-fields     a skeleton migration in migrations/\n"},
      {"migrate", "list", "List the project's migrations and the built-in packs, with their state", "migrations.md",
       define_migrate_list},
      {"migrate", "status", "Applied and pending migrations, open checklist items, drift, interruptions",
       "migrations.md", define_migrate_status},
      {"migrate", "plan", "Show the steps and the exact diff of the pending migrations; write nothing", "migrations.md",
       define_migrate_plan},
      {"migrate", "apply", "Apply the pending migrations, each atomic and verified", "migrations.md",
       define_migrate_apply},
      {"migrate", "rollback", "Undo the last applied migration exactly", "migrations.md", define_migrate_rollback},
      {"migrate", "new", "Write a skeleton migration in migrations/", "migrations.md", define_migrate_new},
      {"migrate", "done", "Confirm a checklist item of an applied migration", "migrations.md", define_migrate_done},
      {"", "slo", "Measure developer-experience SLOs, check them against budgets, chart their trend", "slo.md", nullptr,
       "  apictl slo measure --scenario ttfr --no-setup  time to first request, phase by phase\n"
       "  apictl slo measure --scenario lead-time        endpoint lead time from git history\n"
       "  apictl slo check                               exit 1 when a budget in apictl.toml [slo] is breached\n"
       "  apictl slo report -o slo.html                  trend charts, one self-contained page\n"},
      {"slo", "measure", "Measure time to first request, endpoint lead time and contract defects; record them",
       "slo.md", define_slo_measure},
      {"slo", "check", "Compare the latest figures with the budgets in apictl.toml [slo]", "slo.md", define_slo_check},
      {"slo", "report", "Write an HTML page with a trend chart per SLO and its budget", "slo.md", define_slo_report},
      {"", "doctor", "Check this machine has what the project needs, and say how to fix what is missing", "doctor.md",
       define_doctor},
      {"", "completion", "Print the shell completion script for bash, zsh or fish", "install.md", define_completion},
      {"", "man", "Print the man page, apictl(1)", "install.md", define_man},
  };
  return table;
}

}  // namespace apictl::cli
