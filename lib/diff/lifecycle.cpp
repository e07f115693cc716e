// Stability levels, sunset dates and deprecation judgements.
#include "diff/lifecycle.hpp"

#include <charconv>
#include <chrono>

namespace apictl::diff {

using contract::NodeRef;

std::optional<Stability> parse_stability(NodeRef level) {
  if (!level) return Stability::stable;
  std::string_view text = level.text();
  if (text == "draft") return Stability::draft;
  if (text == "alpha") return Stability::alpha;
  if (text == "beta") return Stability::beta;
  if (text == "stable") return Stability::stable;
  return std::nullopt;
}

bool may_change_freely(NodeRef base_operation, NodeRef revision_operation) {
  auto unstable = [](NodeRef operation) {
    auto level = parse_stability(operation["x-stability-level"]);
    return level && (*level == Stability::draft || *level == Stability::alpha);
  };
  return unstable(base_operation) && unstable(revision_operation);
}

namespace {

std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int policy_days(NodeRef stability, const DiffOptions& options) {
  auto level = parse_stability(stability);
  if (!level || *level == Stability::draft || *level == Stability::alpha) return 0;
  return *level == Stability::beta ? options.deprecation_days_beta : options.deprecation_days_stable;
}

}  // namespace

std::optional<long> parse_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != 't') return std::nullopt;
  auto year = number(text.substr(0, 4));
  auto month = number(text.substr(5, 2));
  auto day = number(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                   std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date).time_since_epoch().count();
}

long today(const DiffOptions& options) {
  if (auto pinned = parse_day(options.today)) return *pinned;
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return now.time_since_epoch().count();
}

Deprecation judge_deprecation(NodeRef base, NodeRef revision, NodeRef stability, const DiffOptions& options) {
  bool was = base["deprecated"].as_bool();
  bool is = revision["deprecated"].as_bool();
  if (was && !is) return Deprecation::reactivated;
  if (was || !is) return Deprecation::none;
  if (!parse_stability(stability)) return Deprecation::invalid_stability;
  int days = policy_days(stability, options);
  NodeRef sunset = revision["x-sunset"];
  if (!sunset) return days > 0 ? Deprecation::sunset_missing : Deprecation::deprecated;
  auto date = parse_day(sunset.text());
  if (!date) return Deprecation::sunset_invalid;
  if (*date - today(options) < days) return Deprecation::sunset_too_small;
  return Deprecation::deprecated_with_sunset;
}

SunsetChange judge_sunset_change(NodeRef base, NodeRef revision, NodeRef stability, const DiffOptions& options) {
  if (!base["deprecated"].as_bool() || !revision["deprecated"].as_bool()) return SunsetChange::none;
  NodeRef before = base["x-sunset"];
  NodeRef after = revision["x-sunset"];
  if (!before) return SunsetChange::none;
  if (!after) return SunsetChange::deleted;
  auto old_date = parse_day(before.text());
  auto new_date = parse_day(after.text());
  if (!old_date || !new_date) return SunsetChange::invalid;
  if (*new_date < *old_date && *new_date - today(options) < policy_days(stability, options)) {
    return SunsetChange::too_small;
  }
  return SunsetChange::none;
}

Removal judge_removal(NodeRef base, const DiffOptions& options) {
  if (!base["deprecated"].as_bool()) return Removal::without_deprecation;
  NodeRef sunset = base["x-sunset"];
  if (!sunset) return Removal::with_deprecation;
  auto date = parse_day(sunset.text());
  if (!date) return Removal::sunset_invalid;
  return *date > today(options) ? Removal::before_sunset : Removal::with_deprecation;
}

}  // namespace apictl::diff
