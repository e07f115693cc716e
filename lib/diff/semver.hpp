// Semantic versions (semver.org) as info.version carries them: parsing, ordering and the next version.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace apictl::diff {

struct Semver {
  long major = 0;
  long minor = 0;
  long patch = 0;
  bool pre_release = false;  // "2.0.0-rc.1": a step towards 2.0.0, which may still change anything
  // Orders by the numbers only: pre-release and build metadata do not say which number moved.
  friend auto operator<=>(const Semver& a, const Semver& b) {
    return std::tie(a.major, a.minor, a.patch) <=> std::tie(b.major, b.minor, b.patch);
  }
  friend bool operator==(const Semver& a, const Semver& b) { return (a <=> b) == 0; }
};

// MAJOR.MINOR.PATCH with semver.org's grammar (no leading zeros), an optional leading `v`, and optional
// `-pre.release` and `+build` parts (only whether there is a pre-release is kept). nullopt for anything else
// ("1.0", "2024-01", "v1").
std::optional<Semver> parse_semver(std::string_view text);

std::string to_string(const Semver& version);

enum class Bump { patch, minor, major };
std::string_view bump_name(Bump bump);

// The version after `version` for a bump. Below 1.0.0 semver lets anything change, so the roles shift down
// one place (as Cargo reads 0.x): a breaking change bumps the minor, anything else the patch. After a
// pre-release it is that pre-release's version (2.0.0-rc.1 -> 2.0.0), which may change anything.
Semver next_version(const Semver& version, Bump bump);

// Whether going from `base` to `revision` is a big enough step for `bump` (the same 0.x rule; from a
// pre-release, any version with at least its numbers is).
bool bumped_enough(const Semver& base, const Semver& revision, Bump bump);

}  // namespace apictl::diff
