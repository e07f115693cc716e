// Grouping a diff's changes into changelog sections.
#include "diff/changelog.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "diff/lifecycle.hpp"
#include "diff/version_policy.hpp"

namespace apictl::diff {

namespace {

// True when `word` is one of the dash-separated words of `id`.
bool has_word(std::string_view id, std::string_view word) {
  while (!id.empty()) {
    auto dash = id.find('-');
    if (id.substr(0, dash) == word) return true;
    if (dash == std::string_view::npos) break;
    id.remove_prefix(dash + 1);
  }
  return false;
}

std::string today_utc() {
  std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace

std::string_view group_title(ChangelogGroup group) {
  switch (group) {
    case ChangelogGroup::breaking:
      return "Breaking";
    case ChangelogGroup::deprecated:
      return "Deprecated";
    case ChangelogGroup::added:
      return "Added";
    case ChangelogGroup::changed:
      return "Changed";
  }
  return "Changed";
}

std::string_view group_key(ChangelogGroup group) {
  switch (group) {
    case ChangelogGroup::breaking:
      return "breaking";
    case ChangelogGroup::deprecated:
      return "deprecated";
    case ChangelogGroup::added:
      return "added";
    case ChangelogGroup::changed:
      return "changed";
  }
  return "changed";
}

ChangelogGroup changelog_group(std::string_view id, Level level) {
  // A deprecation is news for clients even when the sunset policy rejects it (the -sunset-missing ids are ERR).
  if (has_word(id, "deprecated")) return ChangelogGroup::deprecated;
  if (level == Level::err) return ChangelogGroup::breaking;
  if (has_word(id, "added") || id.starts_with("new-")) return ChangelogGroup::added;
  return ChangelogGroup::changed;
}

bool in_changelog(const Change& change) { return !is_version_policy_change(change); }

std::string heading(const Changelog& changelog) {
  if (!changelog.title.empty()) return changelog.title;
  std::string text = "[" + (changelog.version.empty() ? std::string("Unreleased") : changelog.version) + "]";
  if (!changelog.date.empty()) text += " - " + changelog.date;
  return text;
}

Changelog group_changes(DiffResult result, std::string version, std::string date, std::string title) {
  Changelog changelog;
  changelog.version = std::move(version);
  changelog.date = std::move(date);
  changelog.title = std::move(title);
  changelog.base = std::move(result.base);
  changelog.revision = std::move(result.revision);
  changelog.operations = std::move(result.operations);
  constexpr std::array order = {ChangelogGroup::breaking, ChangelogGroup::deprecated, ChangelogGroup::added,
                                ChangelogGroup::changed};
  std::array<std::vector<Change>, order.size()> grouped;
  for (Change& change : result.changes) {
    if (!in_changelog(change)) continue;
    grouped[static_cast<std::size_t>(changelog_group(change.id, change.level))].push_back(std::move(change));
  }
  for (ChangelogGroup group : order) {
    auto& changes = grouped[static_cast<std::size_t>(group)];
    if (!changes.empty()) changelog.sections.push_back({group, std::move(changes)});
  }
  return changelog;
}

Result<Changelog> changelog_between(contract::Workspace& base, contract::Workspace& revision,
                                    const ChangelogOptions& options) {
  std::string date = options.date.empty() ? today_utc() : options.date;
  if (date.size() != 10 || !parse_day(date)) {
    return fail("usage", "--date '" + date + "' is not a date", {}, "write it as YYYY-MM-DD, e.g. 2026-03-01");
  }
  DiffOptions diff_options;
  diff_options.min_level = Level::info;
  diff_options.today = date;
  diff_options.deprecation_days_beta = options.policy.deprecation_days_beta;
  diff_options.deprecation_days_stable = options.policy.deprecation_days_stable;
  DiffPolicy policy = options.policy;
  policy.version_policy = false;
  auto result = diff_with_policy(base, revision, diff_options, policy);
  if (!result) return std::unexpected(result.error());
  return group_changes(std::move(*result), info_version(revision).text, std::move(date), options.title);
}

}  // namespace apictl::diff
