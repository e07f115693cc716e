// Applying [contract.diff] policies: level overrides, ignore rules and the version policy, after the diff.
#include "diff/policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>

#include "diff/check_ids.hpp"
#include "diff/version_policy.hpp"
#include "util/glob.hpp"
#include "util/spelling.hpp"

namespace apictl::diff {

namespace {

constexpr std::array<std::string_view, 9> http_methods = {"GET",  "PUT",   "POST",  "DELETE", "OPTIONS",
                                                          "HEAD", "PATCH", "TRACE", "QUERY"};

std::string upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_glob(std::string_view id) { return id.find_first_of("*?") != std::string_view::npos; }

Result<void> check_id(std::string_view id, const SourcePosition& where) {
  if (id.empty()) return fail("unknown-check", "an empty check id", where, "name a check id, or * for every id");
  if (is_glob(id)) {
    bool any = std::ranges::any_of(check_ids(), [&](const CheckInfo& check) { return glob_match(id, check.id); });
    if (any) return {};
    return fail("unknown-check", "the pattern '" + std::string(id) + "' matches no check id", where,
                "docs/contract-diff.md lists the ids; * matches any run of characters");
  }
  if (find_check(id)) return {};
  std::vector<std::string_view> names;
  for (const CheckInfo& check : check_ids()) names.push_back(check.id);
  std::string_view near = closest_name(names, id);
  std::string hint =
      near.empty() ? std::string("docs/contract-diff.md lists the ids") : "did you mean '" + std::string(near) + "'?";
  return fail("unknown-check", "unknown check id '" + std::string(id) + "'", where, hint);
}

Result<void> check_method(std::string_view method, const SourcePosition& where) {
  if (std::ranges::find(http_methods, method) != http_methods.end()) return {};
  std::vector<std::string_view> names(http_methods.begin(), http_methods.end());
  std::string_view near = closest_name(names, method);
  std::string hint = near.empty() ? "use GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE or QUERY"
                                  : "did you mean '" + std::string(near) + "'?";
  return fail("bad-policy", "unknown HTTP method '" + std::string(method) + "'", where, hint);
}

}  // namespace

Result<LevelOverride> parse_level_override(std::string_view text, SourcePosition where) {
  std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return fail("bad-policy", "'" + std::string(text) + "' is not ID=LEVEL", where,
                "e.g. api-tag-removed=off or response-property-enum-value-added=ERR");
  }
  LevelOverride override{std::string(trim(text.substr(0, equals))), std::nullopt, std::move(where)};
  std::string_view level = trim(text.substr(equals + 1));
  if (upper(level) == "OFF") return override;
  override.level = parse_level(level);
  if (!override.level) {
    return fail("bad-policy", "unknown level '" + std::string(level) + "' for '" + override.id + "'", override.where,
                "use ERR, WARN, INFO or off");
  }
  return override;
}

Result<IgnoreRule> parse_ignore_rule(std::string_view text, SourcePosition where) {
  IgnoreRule rule;
  rule.where = std::move(where);
  std::size_t at = text.find('@');
  rule.id = std::string(trim(text.substr(0, at)));
  if (at == std::string_view::npos) return rule;
  std::string_view place = trim(text.substr(at + 1));
  if (std::size_t space = place.find(' '); space != std::string_view::npos) {
    rule.method = upper(place.substr(0, space));
    place = trim(place.substr(space + 1));
  } else if (!place.starts_with('/') && !place.empty() && place != "**" &&
             std::ranges::find(http_methods, upper(place)) != http_methods.end()) {
    rule.method = upper(place);  // "ID@GET": every GET operation
    place = {};
  }
  rule.path = std::string(place);
  if (at + 1 == text.size() || (rule.method.empty() && rule.path.empty())) {
    return fail("bad-policy", "'" + std::string(text) + "' names no path after '@'", rule.where,
                "write ID, ID@PATH or ID@METHOD PATH, e.g. response-property-removed@GET /pets/*");
  }
  return rule;
}

Result<void> validate_policy(const DiffPolicy& policy) {
  for (const LevelOverride& override : policy.levels) {
    if (auto ok = check_id(override.id, override.where); !ok) return ok;
  }
  for (const IgnoreRule& rule : policy.ignores) {
    if (auto ok = check_id(rule.id, rule.where); !ok) return ok;
    if (!rule.method.empty()) {
      if (auto ok = check_method(rule.method, rule.where); !ok) return ok;
    }
  }
  if (policy.deprecation_days_beta < 0 || policy.deprecation_days_stable < 0) {
    return fail("bad-policy", "deprecation days cannot be negative", {}, "use 0 for no sunset requirement");
  }
  return {};
}

bool ignore_matches(const IgnoreRule& rule, std::string_view id, const OperationKey& operation) {
  if (!glob_match(rule.id, id)) return false;
  if (!rule.method.empty() && rule.method != operation.method) return false;
  // A path rule is about operations: document-wide changes (no path) never match it.
  if (!rule.path.empty() && (operation.path.empty() || !glob_match(rule.path, operation.path))) return false;
  return true;
}

void apply_levels_and_ignores(DiffResult& result, std::vector<Change> changes, const DiffPolicy& policy) {
  // The kept changes are compacted in `changes` itself, which then becomes (or joins) result.changes: a diff has
  // thousands of changes, and a second vector of them is megabytes of fresh memory.
  std::size_t kept = 0;
  for (Change& change : changes) {
    std::optional<std::optional<Level>> level;
    for (const LevelOverride& override : policy.levels) {
      if (glob_match(override.id, change.id)) level = override.level;
    }
    if (level && !*level) continue;  // off
    if (level) change.level = **level;
    auto ignored = [&](const OperationKey& operation) {
      return std::ranges::any_of(policy.ignores,
                                 [&](const IgnoreRule& rule) { return ignore_matches(rule, change.id, operation); });
    };
    if (!policy.ignores.empty()) {
      std::erase_if(change.also, [&](std::uint32_t index) { return ignored(result.operations[index]); });
      if (ignored(change.operation)) {
        if (change.also.empty()) {
          ++result.ignored;
          continue;
        }
        change.operation = result.operations[change.also.front()];
        change.also.erase(change.also.begin());
        change.fingerprint = fingerprint_of(change);
      }
    }
    if (&changes[kept] != &change) changes[kept] = std::move(change);
    ++kept;
  }
  changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(kept), changes.end());
  if (result.changes.empty()) {
    result.changes = std::move(changes);
  } else {
    result.changes.insert(result.changes.end(), std::make_move_iterator(changes.begin()),
                          std::make_move_iterator(changes.end()));
  }
}

bool fails_gate(const DiffResult& result, Level fail_on) {
  return !result.breaking_admitted && has_changes_at(result, fail_on);
}

Result<DiffResult> diff_with_policy(contract::Workspace& base, contract::Workspace& revision,
                                    const DiffOptions& options, const DiffPolicy& policy) {
  if (auto ok = validate_policy(policy); !ok) return std::unexpected(ok.error());
  DiffOptions every_change = options;
  every_change.min_level = Level::info;
  auto found = diff_contracts(base, revision, every_change);
  if (!found) return std::unexpected(found.error());

  DiffResult result;
  result.base = std::move(found->base);
  result.revision = std::move(found->revision);
  result.operations = std::move(found->operations);
  apply_levels_and_ignores(result, std::move(found->changes), policy);

  InfoVersion base_version = info_version(base);
  if (policy.version_policy) {
    InfoVersion revision_version = info_version(revision);
    if (auto verdict = judge_version(base_version, revision_version, result.changes)) {
      apply_levels_and_ignores(result, {std::move(*verdict)}, policy);
    } else {
      result.breaking_admitted = admits_breaking(base_version, revision_version);
    }
  }
  result.suggested_version = suggest_version(base_version, result.changes);

  std::erase_if(result.changes, [&](const Change& change) { return change.level < options.min_level; });
  // Still in order unless an ignore rule moved a change to a later operation or the version policy added one.
  if (!std::ranges::is_sorted(result.changes, report_order)) sort_for_report(result.changes);
  return result;
}

}  // namespace apictl::diff
