// `apictl contract changelog`: two contracts to lib/diff's changelog, the changelog to a report.
#include <iostream>

#include "command.hpp"
#include "diff/changelog.hpp"
#include "project/diff_inputs.hpp"
#include "project/project_config.hpp"
#include "report/changelog_report.hpp"

namespace apictl::cli {

namespace {

struct ChangelogFlags {
  std::string base;
  std::string revision;
  std::string format = "markdown";
  std::string title;
  std::string date;
  bool no_config = false;
};

constexpr std::string_view contract_changelog_examples =
    "  apictl contract changelog v1.yaml v2.yaml               a section for CHANGELOG.md, headed ## [2.0.0] - today\n"
    "  apictl contract changelog                               in a project: [contract] baseline -> [contract] path\n"
    "  apictl contract changelog origin/main:openapi.yaml openapi.yaml --title '[Unreleased]'\n"
    "  apictl contract changelog v1.yaml v2.yaml --date 2026-03-01 -f json | jq '.sections[].group'\n"
    "  apictl contract changelog v1.yaml v2.yaml > section.md  then paste it under CHANGELOG.md's title\n"
    "\n"
    "Groups: Breaking (ERR changes), Deprecated, Added, Changed (the rest); see docs/contract-diff.md.\n"
    "A changelog describes and never gates: it exits 0 whatever the changes (`contract diff` is the gate).\n";

int run_changelog(const ChangelogFlags& flags, Invocation& invocation) {
  std::optional<project::ProjectConfig> project;
  if (!flags.no_config) {
    auto found = project::find_project_config(".");
    if (!found) return usage_error(invocation, found.error());
    project = std::move(*found);
  }
  auto inputs = project::open_diff_inputs(flags.base, flags.revision, project ? &*project : nullptr);
  if (!inputs) return usage_error(invocation, inputs.error());
  diff::ChangelogOptions options{.title = flags.title, .date = flags.date, .policy = {}};
  if (project) options.policy = project->diff;
  auto changelog = diff::changelog_between(*inputs->base, *inputs->revision, options);
  if (!changelog) return usage_error(invocation, changelog.error());
  report::write_changelog(invocation.out, *changelog, *report::parse_changelog_format(flags.format));
  invocation.out.flush();
  return to_int(ExitCode::ok);
}

}  // namespace

void define_contract_changelog(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<ChangelogFlags>();
  command.description(
      "Write the changes between two versions of a contract as a changelog section (Keep a Changelog style),\n"
      "grouped Breaking, Deprecated, Added and Changed, ready to prepend to CHANGELOG.md. Changes are found as\n"
      "`apictl contract diff` finds them; BASE and REVISION take the same forms (file, folder, -, REV:path).");
  command.add_option("BASE", flags->base,
                     "The contract before the change (default: [contract] baseline in apictl.toml)");
  command.add_option("REVISION", flags->revision,
                     "The contract after the change (default: [contract] path in apictl.toml)");
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember(report::changelog_format_names()))
      ->capture_default_str();
  command.add_option("--title", flags->title,
                     "The section heading instead of \"[VERSION] - DATE\" (VERSION is the revision's info.version)");
  command.add_option("--date", flags->date, "The release date in the heading, YYYY-MM-DD (default: today, UTC)");
  command.add_flag("--no-config", flags->no_config,
                   "Ignore apictl.toml (its [contract.diff] ignores and level overrides apply otherwise)");
  command.footer(help_footer(contract_changelog_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_changelog(*flags, invocation)); });
}

}  // namespace apictl::cli
