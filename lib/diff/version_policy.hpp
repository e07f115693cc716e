// The version policy: a breaking change needs a major bump of info.version; and the next version to suggest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "diff/change.hpp"

namespace apictl::diff {

// info.version of one contract as written ("" when absent), and where it is.
struct InfoVersion {
  std::string text;
  SourcePosition where;
};
InfoVersion info_version(const contract::Workspace& contract);

// Whether the version ids below judge `change`: they never judge themselves.
bool is_version_policy_change(const Change& change);

// The policy's finding, if any, given the changes after level overrides and ignores:
// - api-version-not-semver: the revision's info.version is not MAJOR.MINOR.PATCH (reported with or without a
//   breaking change, since the policy cannot be kept);
// and when some change is ERR and the base's version is semver too:
// - api-version-not-bumped: the version did not change;
// - api-version-decreased: it went down;
// - api-major-version-not-bumped: it went up, but not by a major (below 1.0.0: a minor) step.
// Each is ERR; their ids are oasdiff's, except api-version-not-semver.
std::optional<Change> judge_version(const InfoVersion& base, const InfoVersion& revision,
                                    const std::vector<Change>& changes);

// Whether info.version moved by a major step (below 1.0.0: a minor one), which admits breaking changes.
bool admits_breaking(const InfoVersion& base, const InfoVersion& revision);

// The next version after the base's: major when some change is ERR, minor when any other change is left,
// patch when none is (only descriptions, examples and the like changed); the 0.x and pre-release rules of
// diff/semver.hpp apply. nullopt when the base's info.version is not semver.
std::optional<std::string> suggest_version(const InfoVersion& base, const std::vector<Change>& changes);

}  // namespace apictl::diff
