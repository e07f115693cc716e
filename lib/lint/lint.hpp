// Lint: run the configured rules over a contract and collect the findings that are not ignored.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contract/openapi.hpp"
#include "contract/spec_source.hpp"
#include "diagnostic.hpp"
#include "lint/rule.hpp"
#include "util/parallel.hpp"

namespace apictl::lint {

// A per-rule severity override from apictl.toml or flags; nullopt severity turns the rule off.
struct RuleOverride {
  std::string rule;
  std::optional<Severity> severity;
  SourcePosition where;  // where it was configured, for "unknown rule" errors
};

// Silences one rule (or "*") for nodes whose JSON pointer matches `pointer` (a glob; "" = everywhere).
struct IgnoreRule {
  std::string rule;
  std::string pointer;
  SourcePosition where;
};

struct LintOptions {
  Preset preset = Preset::recommended;
  std::vector<RuleOverride> overrides;
  std::vector<IgnoreRule> ignores;
  unsigned threads = available_threads();  // rules run in parallel; the findings do not depend on it
};

// One linted contract: its root file, its OpenAPI version and every file its $refs reach.
struct LintedContract {
  std::string file;
  std::string openapi;             // the `openapi` (or `swagger`) value as written
  std::vector<std::string> files;  // root first, as displayed
};

struct LintResult {
  std::vector<Diagnostic> findings;  // per contract: root file first, then by file, line, column, rule
  std::vector<LintedContract> contracts;
  std::size_t rules_run = 0;
  // The text of each source line a finding points at, by (file as displayed, line): code frames without
  // reading files again, so they work for stdin and REV:path contracts too.
  std::map<std::pair<std::string, std::uint32_t>, std::string> source_lines;
};

// Appends `more` (another contract's result) to `into`, for `lint a.yaml b.yaml`.
void merge_results(LintResult& into, LintResult&& more);

// Parses "error" (or "err"), "warn" (or "warning"), "info", "hint", in any case; "off" gives nullopt. Anything
// else: unexpected.
std::optional<std::optional<Severity>> parse_rule_severity(std::string_view spelled);
std::optional<Preset> parse_preset(std::string_view text);

// The known rule id nearest to `id` (edit distance), for "did you mean" hints.
std::string closest_rule_id(std::string_view id);

// Checks that every overridden or ignored rule id exists (exit 2 with a suggestion otherwise).
Result<void> validate_options(const LintOptions& options);

// Loads the contract at `path` and lints it. Load errors (unreadable, malformed, not OpenAPI) are the
// error value; everything about the contract's content is a finding.
Result<LintResult> lint_contract(const std::filesystem::path& path, std::string display_path,
                                 const LintOptions& options);
// The same for a contract from contract::resolve_spec: a folder's entry file, standard input, or REV:path (the
// root and every file its $refs reach read at that git revision).
Result<LintResult> lint_contract(const contract::SpecSource& source, const LintOptions& options);

}  // namespace apictl::lint
