// `apictl contract lint`: flags to LintOptions, lib/lint to a report, findings to an exit code.
#include <iostream>

#include "command.hpp"
#include "contract/spec_source.hpp"
#include "lint/lint.hpp"
#include "project/project_config.hpp"
#include "report/lint_report.hpp"

namespace apictl::cli {

namespace {

struct LintFlags {
  std::vector<std::string> specs;
  std::string format = "text";
  std::string fail_severity = "error";
  std::string preset;
  std::vector<std::string> rules;    // ID=SEVERITY
  std::vector<std::string> ignores;  // ID or ID@POINTER-GLOB
  unsigned jobs = 0;                 // 0: every core
};

constexpr std::string_view contract_lint_examples =
    "  apictl contract lint                         lint the contract named in apictl.toml\n"
    "  apictl contract lint openapi.yaml --preset strict\n"
    "  apictl contract lint services/pets           a folder: its openapi.yaml (or .yml, .json)\n"
    "  apictl contract lint origin/main:openapi.yaml\n"
    "                                               the contract as committed on origin/main\n"
    "  apictl contract lint api.json --format json | jq '.summary'\n"
    "  apictl contract lint --rule operation-description=off --rule path-kebab-case=error\n"
    "  apictl contract lint --ignore 'operation-tags@/paths/~1health/**'\n"
    "  apictl contract lint --format github         annotations in a GitHub Actions job\n"
    "  cat openapi.yaml | apictl contract lint -    read the contract from stdin\n"
    "\n"
    "Silence one finding in the contract itself with `x-apictl-ignore: [rule-id]` on the node\n"
    "or on any of its parents. Configure presets, severities and ignores in apictl.toml:\n"
    "  [contract.lint]\n"
    "  preset = \"recommended\"\n"
    "  rules = { \"operation-description\" = \"off\" }\n"
    "  ignore = [ { rule = \"operation-tags\", pointer = \"/paths/~1health/**\" } ]\n";

int run_lint(const LintFlags& flags, Invocation& invocation) {
  auto project = project::find_project_config(".");
  if (!project) return usage_error(invocation, project.error());

  lint::LintOptions options = *project ? (*project)->lint : lint::LintOptions{};
  if (!flags.preset.empty()) options.preset = *lint::parse_preset(flags.preset);
  if (flags.jobs > 0) options.threads = flags.jobs;
  for (const std::string& setting : flags.rules) {
    auto equals = setting.find('=');
    auto severity = equals == std::string::npos ? std::nullopt : lint::parse_rule_severity(setting.substr(equals + 1));
    if (!severity) {
      return usage_error(invocation,
                         Diagnostic{Severity::error,
                                    "usage",
                                    "--rule '" + setting + "' is not ID=SEVERITY",
                                    {},
                                    "e.g. --rule operation-description=off (error, warn, info, hint, off)"});
    }
    options.overrides.push_back(lint::RuleOverride{setting.substr(0, equals), *severity, {"--rule", 0, 0, {}}});
  }
  for (const std::string& ignore : flags.ignores) {
    auto at = ignore.find('@');
    options.ignores.push_back(lint::IgnoreRule{
        ignore.substr(0, at), at == std::string::npos ? "" : ignore.substr(at + 1), {"--ignore", 0, 0, {}}});
  }

  std::vector<contract::SpecSource> sources;
  for (const std::string& spec : flags.specs) {
    auto source = contract::resolve_spec(spec);
    if (!source) return usage_error(invocation, source.error());
    sources.push_back(std::move(*source));
  }
  if (sources.empty()) {
    if (!*project || !(*project)->contract) {
      return usage_error(
          invocation,
          Diagnostic{Severity::error,
                     "usage",
                     "no contract given, and no apictl.toml names one",
                     {},
                     "pass a file (apictl contract lint openapi.yaml) or set [contract] path in apictl.toml"});
    }
    std::filesystem::path path = (*project)->root / *(*project)->contract;
    auto source = contract::resolve_local_spec(path, path.lexically_normal().string());
    if (!source) return usage_error(invocation, source.error());
    sources.push_back(std::move(*source));
  }

  lint::LintResult combined;
  for (const contract::SpecSource& source : sources) {
    auto result = lint::lint_contract(source, options);
    if (!result) return usage_error(invocation, result.error());
    lint::merge_results(combined, std::move(*result));
  }
  Severity threshold = **lint::parse_rule_severity(flags.fail_severity);
  report::write_lint_report(invocation.out, combined, *report::parse_lint_format(flags.format), invocation.style,
                            threshold);
  invocation.out.flush();
  return to_int(report::has_findings_at(combined, threshold) ? ExitCode::findings : ExitCode::ok);
}

}  // namespace

void define_contract_lint(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<LintFlags>();
  command.description(
      "Validate an OpenAPI 3.0/3.1/3.2 contract against the specification and apply governance rules.\n"
      "SPEC is a file, a folder (its openapi.yaml, .yml or .json), - for stdin, or REV:path for a file at a git\n"
      "revision (e.g. origin/main:openapi.yaml; its $refs are read at that revision too); without SPEC, the\n"
      "contract named in apictl.toml is linted.\n"
      "External $refs to local files are followed; remote (http/https) $refs are never fetched.");
  command.add_option("SPEC", flags->specs,
                     "Contracts to lint: FILE, FOLDER, - or REV:path (default: [contract] path in apictl.toml)");
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}))
      ->capture_default_str();
  // --fail-on, as `contract diff` names its threshold; --fail-severity, the earlier name, still works.
  command
      .add_option("--fail-on,--fail-severity", flags->fail_severity,
                  "Exit 1 when a finding is at or above this severity (any case; ERR and warning too)")
      ->check(CLI::IsMember({"error", "warn", "info", "hint"}))
      ->transform(severity_spellings({"error", "warn", "info", "hint"}))
      ->capture_default_str();
  command
      .add_option("--preset", flags->preset,
                  "Rule set: structural (spec validity only), recommended, strict, all (default: apictl.toml, "
                  "else recommended)")
      ->check(CLI::IsMember({"structural", "recommended", "strict", "all"}));
  command.add_option("--rule", flags->rules, "Set a rule's severity: ID=error|warn|info|hint|off (repeatable)")
      ->type_name("ID=SEVERITY")
      ->allow_extra_args(false);
  command
      .add_option("--ignore", flags->ignores,
                  "Ignore a rule (or *) everywhere, or where the JSON pointer matches a glob: ID[@POINTER]")
      ->type_name("ID[@GLOB]")
      ->allow_extra_args(false);
  command.add_option("--jobs,-j", flags->jobs, "Threads that run the rules (default: every core); output is the same")
      ->check(CLI::Range(1u, 256u));
  command.footer(help_footer(contract_lint_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_lint(*flags, invocation)); });
}

}  // namespace apictl::cli
