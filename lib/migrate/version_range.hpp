// Versions and version ranges as dependency files write them: PEP 440 specifier sets (">=1.10,<3",
// "~=1.10", "==1.*"), Poetry's "^1.2" and "~1.2", and a bare "2" meaning any 2.x. Used to decide which
// migrations apply to a project and to check `pinned` preconditions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct Version {
  std::vector<long> release;  // 1.10.2 -> {1, 10, 2}; trailing zeros do not change the order
  bool pre_release = false;   // 2.0.0rc1, 2.0.0-beta: before 2.0.0
  std::string text;           // as written
};

// "1", "1.10", "v2.0.1", "2.0.0rc1", "1.2.3-beta.1", "1.2.post1" (post and local parts are ignored).
std::optional<Version> parse_version(std::string_view text);

// <0, 0, >0 as a is older than, the same as, or newer than b.
int compare_versions(const Version& a, const Version& b);

struct VersionBound {
  Version version;
  bool inclusive = true;
};

// The versions a specifier set allows: one interval (open ends when unbounded) less excluded versions.
struct VersionRange {
  std::optional<VersionBound> lower;
  std::optional<VersionBound> upper;
  std::vector<Version> excluded;  // != clauses
  std::string text;               // as written
};

// Parses a comma-separated specifier set; "" and "*" allow everything. Errors name the clause.
Result<VersionRange> parse_version_range(std::string_view text);

bool range_contains(const VersionRange& range, const Version& version);

// Whether some version is in both ranges.
bool ranges_overlap(const VersionRange& a, const VersionRange& b);

// Whether every version `inner` allows is in `outer` (its bounds at least as tight; exclusions aside).
bool range_within(const VersionRange& inner, const VersionRange& outer);

}  // namespace apictl::migrate
