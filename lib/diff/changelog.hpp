// Changelog: a diff's changes as a human changelog section in Keep a Changelog style, grouped Breaking,
// Deprecated, Added, Changed, headed by the revision's info.version and a date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "diff/diff.hpp"
#include "diff/policy.hpp"

namespace apictl::diff {

// In the order a changelog lists them.
enum class ChangelogGroup { breaking, deprecated, added, changed };
std::string_view group_title(ChangelogGroup group);  // "Breaking", "Deprecated", "Added", "Changed"
std::string_view group_key(ChangelogGroup group);    // "breaking", ... as the JSON form names them

// Where a change belongs, from its id's words and its level (docs/contract-diff.md, "contract changelog"):
// a deprecation (the id says "deprecated", whatever its level) is Deprecated; anything else at ERR is Breaking;
// an addition ("-added", "new-") is Added; the rest, removals and WARN-level changes included, is Changed.
ChangelogGroup changelog_group(std::string_view id, Level level);
// Version-policy findings (api-version-not-bumped, ...) judge the release, not the API: they stay out.
bool in_changelog(const Change& change);

struct ChangelogOptions {
  std::string title;  // the section heading instead of "[VERSION] - DATE"
  std::string date;   // "YYYY-MM-DD"; empty means today (UTC). Also pins the diff's sunset arithmetic.
  // apictl.toml's [contract.diff]: its level overrides move changes between groups, its ignore rules and `off`
  // levels keep changes out, its deprecation windows judge sunsets; --fail-on and the version policy do not
  // apply (a changelog describes, it does not gate).
  DiffPolicy policy;
};

struct ChangelogSection {
  ChangelogGroup group;
  std::vector<Change> changes;  // in report order
};

struct Changelog {
  std::string version;  // the revision's info.version; empty when it has none
  std::string date;     // "YYYY-MM-DD"
  std::string title;    // --title: the heading as given; empty for the default heading
  ContractInfo base;
  ContractInfo revision;
  std::vector<ChangelogSection> sections;  // in group order; empty groups are left out
  std::vector<OperationKey> operations;    // the table the changes' `also` refers to
};

// The section heading: the title, or "[VERSION] - DATE" ("[Unreleased] - DATE" without a version).
std::string heading(const Changelog& changelog);

// Groups a diff's changes (which should include INFO: a changelog lists compatible changes too).
Changelog group_changes(DiffResult result, std::string version, std::string date, std::string title = {});

// Diffs BASE and REVISION at INFO level under the policy and groups the changes. Errors: not OpenAPI 3.x, a
// malformed date, a policy naming an unknown id.
Result<Changelog> changelog_between(contract::Workspace& base, contract::Workspace& revision,
                                    const ChangelogOptions& options = {});

}  // namespace apictl::diff
