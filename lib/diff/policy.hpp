// Diff policies from apictl.toml [contract.diff] and flags: per-id level overrides, ignore rules, deprecation
// windows, the version policy and the --fail-on threshold, applied to the changes a diff found.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "diff/change.hpp"
#include "diff/diff.hpp"

namespace apictl::diff {

// `levels = { "ID" = "ERR" }` or `--check-level ID=LEVEL`: a check's level, or `off` to drop it.
struct LevelOverride {
  std::string id;              // a check id, or a glob over ids ("api-tag-*")
  std::optional<Level> level;  // nullopt: off
  SourcePosition where;        // apictl.toml:line:column, or the flag that set it
};

// `ignore = [ { id, path, method, reason } ]` or `--ignore ID[@[METHOD ]PATH]`: changes not to report.
struct IgnoreRule {
  std::string id;      // a check id, or a glob over ids ("*", "response-property-*")
  std::string path;    // a glob over the operation's path as the contract writes it; "" matches any change
  std::string method;  // upper case; "" matches any
  std::string reason;  // why; for the reader of apictl.toml
  SourcePosition where;
};

struct DiffPolicy {
  Level fail_on = Level::err;
  int deprecation_days_beta = 0;
  int deprecation_days_stable = 0;
  bool version_policy = false;  // a breaking change needs a major bump of info.version
  std::vector<LevelOverride> levels;
  std::vector<IgnoreRule> ignores;
};

// "ID=LEVEL" with LEVEL one of ERR, WARN, INFO (any case, or error/warning) or off.
Result<LevelOverride> parse_level_override(std::string_view text, SourcePosition where);
// "ID", "ID@PATH" or "ID@METHOD PATH" (e.g. "response-property-removed@GET /pets/*").
Result<IgnoreRule> parse_ignore_rule(std::string_view text, SourcePosition where);

// Every id must be a check id or a glob matching one, every method an HTTP method; errors name the place
// and the nearest id.
Result<void> validate_policy(const DiffPolicy& policy);

// Whether `rule` ignores change `id` at `operation` (empty for a document-wide change).
bool ignore_matches(const IgnoreRule& rule, std::string_view id, const OperationKey& operation);

// Applies the level overrides (the last matching one wins; off drops the change), then the ignore rules, one
// operation of a change at a time: a change goes, counted in `result.ignored`, when every operation it affects
// is ignored. `result.operations` must be the table the changes' `also` refers to.
void apply_levels_and_ignores(DiffResult& result, std::vector<Change> changes, const DiffPolicy& policy);

// The --fail-on gate: some change at or above `fail_on`, unless the version policy admitted them all with a
// major bump.
bool fails_gate(const DiffResult& result, Level fail_on);

// The whole diff as `contract diff` runs it: every change is found (at INFO), the policy's levels and ignores
// are applied, the version policy judges what is left, the next version is suggested from it, and only then
// are changes below `options.min_level` dropped. `options`' deprecation windows are used as given.
Result<DiffResult> diff_with_policy(contract::Workspace& base, contract::Workspace& revision,
                                    const DiffOptions& options, const DiffPolicy& policy);

}  // namespace apictl::diff
