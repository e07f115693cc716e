// `apictl contract diff`: two contracts to lib/diff, the changes to a report, the levels to an exit code.
#include <iostream>

#include "command.hpp"
#include "diff/diff.hpp"
#include "report/diff_report.hpp"

namespace apictl::cli {

namespace {

struct DiffFlags {
  std::string base;
  std::string revision;
  std::string format = "text";
  std::string fail_on = "ERR";
  std::string level = "INFO";
  int deprecation_days_beta = 0;
  int deprecation_days_stable = 0;
};

constexpr std::string_view examples =
    "  apictl contract diff old.yaml new.yaml                 every change, grouped by operation\n"
    "  apictl contract diff old.yaml new.yaml --fail-on WARN  exit 1 on warnings too (a stricter CI gate)\n"
    "  apictl contract diff old.json new.yaml --level WARN    only what may break clients\n"
    "  apictl contract diff old.yaml new.yaml -f json | jq '.changes[] | select(.level == \"ERR\")'\n"
    "  apictl contract diff origin/main:openapi.yaml openapi.yaml   what this branch changes\n"
    "\n"
    "Levels: ERR breaks existing clients; WARN may break some; INFO is compatible. Ids follow oasdiff's,\n"
    "so CI rules written for oasdiff keep working; see docs/contract-diff.md for the id table.\n";

int usage_error(Invocation& invocation, const Diagnostic& diagnostic) {
  invocation.err << format_diagnostic(diagnostic) << '\n';
  return to_int(ExitCode::usage);
}

int run_diff(const DiffFlags& flags, Invocation& invocation) {
  if (flags.base == "-" && flags.revision == "-") {
    return usage_error(invocation, Diagnostic{Severity::error,
                                              "usage",
                                              "BASE and REVISION cannot both be stdin",
                                              {},
                                              "pass at least one of them as a file"});
  }
  auto base = diff::open_contract(flags.base);
  if (!base) return usage_error(invocation, base.error());
  auto revision = diff::open_contract(flags.revision);
  if (!revision) return usage_error(invocation, revision.error());

  diff::DiffOptions options;
  options.min_level = *diff::parse_level(flags.level);
  options.deprecation_days_beta = flags.deprecation_days_beta;
  options.deprecation_days_stable = flags.deprecation_days_stable;
  auto result = diff::diff_contracts(**base, **revision, options);
  if (!result) return usage_error(invocation, result.error());
  report::write_diff_report(invocation.out, *result, *report::parse_diff_format(flags.format), invocation.style);
  invocation.out.flush();
  return to_int(diff::has_changes_at(*result, *diff::parse_level(flags.fail_on)) ? ExitCode::findings : ExitCode::ok);
}

}  // namespace

void define_contract_diff(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<DiffFlags>();
  command.description(
      "Compare two versions of an OpenAPI 3.x contract by meaning: reformatting, JSON vs YAML, key order and\n"
      "moving a schema into components behind a $ref are no change. Each change has an oasdiff-compatible id,\n"
      "a level (ERR breaking, WARN possibly breaking, INFO compatible), its operation and both locations.\n"
      "BASE and REVISION are files, folders (their openapi.yaml), - for stdin, or REV:path from git.");
  command.add_option("BASE", flags->base, "The contract before the change")->required();
  command.add_option("REVISION", flags->revision, "The contract after the change")->required();
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  auto level_names = CLI::IsMember({"ERR", "WARN", "INFO"}, CLI::ignore_case);
  command.add_option("--fail-on", flags->fail_on, "Exit 1 when a change is at or above this level")
      ->check(level_names)
      ->capture_default_str();
  command.add_option("--level", flags->level, "Report only changes at or above this level")
      ->check(level_names)
      ->capture_default_str();
  command
      .add_option("--deprecation-days-beta", flags->deprecation_days_beta,
                  "Days a deprecated beta operation, parameter or property must keep before its x-sunset")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command
      .add_option("--deprecation-days-stable", flags->deprecation_days_stable,
                  "Days a deprecated stable operation, parameter or property must keep before its x-sunset")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command.footer(help_footer(examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_diff(*flags, invocation)); });
}

}  // namespace apictl::cli
