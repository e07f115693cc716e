// Lifecycle rules shared by every family: stability levels, x-sunset dates and judging a deprecation.
#pragma once

#include <optional>
#include <string_view>

#include "contract/document.hpp"
#include "diff/diff.hpp"

namespace apictl::diff {

// x-stability-level, from least to most stable; absent means stable.
enum class Stability { draft, alpha, beta, stable };
std::optional<Stability> parse_stability(contract::NodeRef level);
// Draft and alpha operations may change freely: only lifecycle checks run on them.
bool may_change_freely(contract::NodeRef base_operation, contract::NodeRef revision_operation);

// Days since 1970-01-01 of "YYYY-MM-DD" or an RFC 3339 date-time; nullopt when it is neither.
std::optional<long> parse_day(std::string_view text);
long today(const DiffOptions& options);

enum class Deprecation {
  none,
  deprecated,              // newly deprecated, no sunset and none required
  deprecated_with_sunset,  // newly deprecated with a valid, far enough sunset
  sunset_missing,          // newly deprecated without the sunset the policy requires
  sunset_invalid,          // x-sunset is not a date
  sunset_too_small,        // x-sunset is closer than the policy allows
  invalid_stability,       // x-stability-level is not draft, alpha, beta or stable
  reactivated,             // no longer deprecated
};

// Judges the `deprecated` flag of one object (operation, parameter, property) across the pair; `stability` is
// the revision operation's x-stability-level node (may be empty).
Deprecation judge_deprecation(contract::NodeRef base, contract::NodeRef revision, contract::NodeRef stability,
                              const DiffOptions& options);

enum class SunsetChange { none, deleted, invalid, too_small };
// For an object deprecated on both sides: whether its x-sunset was deleted, is unparsable, or moved closer than
// the policy allows.
SunsetChange judge_sunset_change(contract::NodeRef base, contract::NodeRef revision, contract::NodeRef stability,
                                 const DiffOptions& options);

enum class Removal { without_deprecation, with_deprecation, before_sunset, sunset_invalid };
// How a removed object (operation, parameter) was retired, judged from its base form.
Removal judge_removal(contract::NodeRef base, const DiffOptions& options);

}  // namespace apictl::diff
