// `apictl contract diff`: two contracts to lib/diff, the changes to a report, the levels to an exit code.
#include <iostream>

#include "command.hpp"
#include "diff/diff.hpp"
#include "diff/policy.hpp"
#include "diff/version_policy.hpp"
#include "project/diff_inputs.hpp"
#include "project/project_config.hpp"
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
  // Policies; each overrides apictl.toml's [contract.diff] when given.
  std::vector<std::string> check_levels;  // ID=LEVEL|off, after the file's `levels`
  std::vector<std::string> ignores;       // ID[@[METHOD ]PATH], added to the file's `ignore`
  bool version_policy = false;
  bool suggest_version = false;
  bool no_config = false;
  const CLI::Option* fail_on_given = nullptr;
  const CLI::Option* beta_given = nullptr;
  const CLI::Option* stable_given = nullptr;
  const CLI::Option* version_policy_given = nullptr;
};

constexpr std::string_view contract_diff_examples =
    "  apictl contract diff old.yaml new.yaml                 every change, grouped by operation\n"
    "  apictl contract diff old.yaml new.yaml --fail-on WARN  exit 1 on warnings too (a stricter CI gate)\n"
    "  apictl contract diff old.json new.yaml --level WARN    only what may break clients\n"
    "  apictl contract diff old.yaml new.yaml -f json | jq '.changes[] | select(.level == \"ERR\")'\n"
    "  apictl contract diff origin/main:openapi.yaml openapi.yaml   what this branch changes\n"
    "  apictl contract diff old.yaml new.yaml -f markdown > comment.md   a pull-request comment\n"
    "  apictl contract diff old.yaml new.yaml -f sarif > diff.sarif      for code scanning\n"
    "  apictl contract diff                         [contract] baseline -> [contract] path from apictl.toml\n"
    "  apictl contract diff v1.4.0:openapi.yaml     another BASE against the contract, like `git diff REV`\n"
    "  apictl contract diff --suggest-version       the next info.version: major, minor or patch bump\n"
    "  apictl contract diff --ignore 'api-path-removed-without-deprecation@/internal/**' --check-level "
    "api-tag-removed=off\n"
    "\n"
    "Levels: ERR breaks existing clients; WARN may break some; INFO is compatible. Ids follow oasdiff's,\n"
    "so CI rules written for oasdiff keep working; see docs/contract-diff.md for the id table.\n";

// apictl.toml's [contract.diff], then the flags over it.
Result<diff::DiffPolicy> policy_of(const DiffFlags& flags, const project::ProjectConfig* project) {
  diff::DiffPolicy policy = project ? project->diff : diff::DiffPolicy{};
  if (flags.fail_on_given->count() > 0) policy.fail_on = *diff::parse_level(flags.fail_on);
  if (flags.beta_given->count() > 0) policy.deprecation_days_beta = flags.deprecation_days_beta;
  if (flags.stable_given->count() > 0) policy.deprecation_days_stable = flags.deprecation_days_stable;
  if (flags.version_policy_given->count() > 0) policy.version_policy = flags.version_policy;
  for (const std::string& setting : flags.check_levels) {
    auto override = diff::parse_level_override(setting, {"--check-level", 0, 0, {}});
    if (!override) return std::unexpected(override.error());
    policy.levels.push_back(std::move(*override));
  }
  for (const std::string& setting : flags.ignores) {
    auto rule = diff::parse_ignore_rule(setting, {"--ignore", 0, 0, {}});
    if (!rule) return std::unexpected(rule.error());
    policy.ignores.push_back(std::move(*rule));
  }
  if (auto ok = diff::validate_policy(policy); !ok) return std::unexpected(ok.error());
  return policy;
}

int run_diff(const DiffFlags& flags, Invocation& invocation) {
  std::optional<project::ProjectConfig> project;
  if (!flags.no_config) {
    auto found = project::find_project_config(".");
    if (!found) return usage_error(invocation, found.error());
    project = std::move(*found);
  }
  const project::ProjectConfig* config = project ? &*project : nullptr;
  auto policy = policy_of(flags, config);
  if (!policy) return usage_error(invocation, policy.error());
  auto inputs = project::open_diff_inputs(flags.base, flags.revision, config);
  if (!inputs) return usage_error(invocation, inputs.error());
  contract::Workspace& base = *inputs->base;
  contract::Workspace& revision = *inputs->revision;

  diff::DiffOptions options;
  options.min_level = *diff::parse_level(flags.level);
  options.deprecation_days_beta = policy->deprecation_days_beta;
  options.deprecation_days_stable = policy->deprecation_days_stable;
  auto result = diff::diff_with_policy(base, revision, options, *policy);
  if (!result) return usage_error(invocation, result.error());
  auto format = *report::parse_diff_format(flags.format);
  if (flags.suggest_version && format != report::DiffFormat::json) {
    // A question, not a gate: the answer alone on stdout, for `next=$(apictl contract diff --suggest-version)`.
    if (!result->suggested_version) {
      return usage_error(invocation, Diagnostic{Severity::error, "not-semver",
                                                "cannot suggest a version: the base's info.version '" +
                                                    diff::info_version(base).text + "' is not MAJOR.MINOR.PATCH",
                                                diff::info_version(base).where, "give the base a semantic version"});
    }
    invocation.out << *result->suggested_version << '\n';
    return to_int(ExitCode::ok);
  }
  report::write_diff_report(invocation.out, *result, format, invocation.style, {.fail_on = policy->fail_on});
  invocation.out.flush();
  if (flags.suggest_version) return to_int(ExitCode::ok);
  if (result->breaking_admitted && diff::has_changes_at(*result, policy->fail_on)) {
    invocation.err << "note: info.version " << diff::info_version(base).text << " -> "
                   << diff::info_version(revision).text
                   << " is a major bump (a minor one below 1.0.0): the version policy admits these changes\n";
  }
  return to_int(diff::fails_gate(*result, policy->fail_on) ? ExitCode::findings : ExitCode::ok);
}

}  // namespace

void define_contract_diff(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<DiffFlags>();
  command.description(
      "Compare two versions of an OpenAPI 3.x contract by meaning: reformatting, JSON vs YAML, key order and\n"
      "moving a schema into components behind a $ref are no change. Each change has an oasdiff-compatible id,\n"
      "a level (ERR breaking, WARN possibly breaking, INFO compatible), its operation and both locations.\n"
      "BASE and REVISION are files, folders (their openapi.yaml), - for stdin, or REV:path from git.");
  command.add_option("BASE", flags->base,
                     "The contract before the change (default: [contract] baseline in apictl.toml)");
  command.add_option("REVISION", flags->revision,
                     "The contract after the change (default: [contract] path in apictl.toml)");
  command
      .add_option("--format,-f", flags->format,
                  "Output format: text, json, markdown (PR comment), html (one offline page), junit, github "
                  "(annotations), sarif")
      ->check(CLI::IsMember(report::diff_format_names()))
      ->capture_default_str();
  auto level_names = CLI::IsMember({"ERR", "WARN", "INFO"});
  auto level_spellings = severity_spellings({"ERR", "WARN", "INFO", ""});
  flags->fail_on_given =
      command
          .add_option("--fail-on", flags->fail_on,
                      "Exit 1 when a change is at or above this level (default: apictl.toml, else ERR); any case, and "
                      "error, warning too")
          ->check(level_names)
          ->transform(level_spellings);
  command.add_option("--level", flags->level, "Report only changes at or above this level (spelt as for --fail-on)")
      ->check(level_names)
      ->transform(level_spellings)
      ->capture_default_str();
  flags->beta_given =
      command
          .add_option("--deprecation-days-beta", flags->deprecation_days_beta,
                      "Days a deprecated beta operation, parameter or property must keep before its x-sunset "
                      "(default: apictl.toml, else 0)")
          ->check(CLI::NonNegativeNumber);
  flags->stable_given =
      command
          .add_option("--deprecation-days-stable", flags->deprecation_days_stable,
                      "Days a deprecated stable operation, parameter or property must keep before its x-sunset "
                      "(default: apictl.toml, else 0)")
          ->check(CLI::NonNegativeNumber);
  command.add_option("--check-level", flags->check_levels, "Set a check's level: ID=ERR|WARN|INFO|off (repeatable)")
      ->type_name("ID=LEVEL")
      ->allow_extra_args(false);
  command
      .add_option("--ignore", flags->ignores,
                  "Do not report a check (or a glob of ids) everywhere, on a path glob, or on one method: "
                  "ID[@[METHOD ]PATH] (repeatable)")
      ->type_name("ID[@[METHOD ]PATH]")
      ->allow_extra_args(false);
  flags->version_policy_given = command.add_flag(
      "--version-policy,!--no-version-policy", flags->version_policy,
      "A breaking change without a major bump of info.version is an error (default: apictl.toml, else off)");
  command.add_flag("--suggest-version", flags->suggest_version,
                   "Print the next info.version (major, minor or patch bump) instead of the report and exit 0; "
                   "with -f json, add it to the report");
  command.add_flag("--no-config", flags->no_config,
                   "Ignore apictl.toml: no baseline, contract path or [contract.diff] policies");
  command.footer(help_footer(contract_diff_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_diff(*flags, invocation)); });
}

}  // namespace apictl::cli
