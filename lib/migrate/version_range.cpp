// Version ranges as intervals: every specifier clause narrows one interval, `!=` removes single versions.
#include "migrate/version_range.hpp"

#include <algorithm>
#include <cctype>

#include "util/ascii.hpp"

namespace apictl::migrate {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The smallest version above every version starting with `prefix`: 1.10 -> 1.11, 2 -> 3.
Version after_prefix(std::vector<long> prefix) {
  Version next;
  if (prefix.empty()) prefix.push_back(0);
  prefix.back() += 1;
  next.release = std::move(prefix);
  for (std::size_t i = 0; i < next.release.size(); ++i) next.text += (i ? "." : "") + std::to_string(next.release[i]);
  return next;
}

void narrow_lower(VersionRange& range, VersionBound bound) {
  if (range.lower) {
    int order = compare_versions(bound.version, range.lower->version);
    if (order < 0 || (order == 0 && (bound.inclusive || !range.lower->inclusive))) return;
  }
  range.lower = std::move(bound);
}

void narrow_upper(VersionRange& range, VersionBound bound) {
  if (range.upper) {
    int order = compare_versions(bound.version, range.upper->version);
    if (order > 0 || (order == 0 && (bound.inclusive || !range.upper->inclusive))) return;
  }
  range.upper = std::move(bound);
}

Result<void> add_clause(VersionRange& range, std::string_view clause, std::string_view whole) {
  static constexpr std::string_view operators[] = {"===", "~=", "==", "!=", ">=", "<=", ">", "<", "^", "~"};
  std::string_view op;
  for (std::string_view candidate : operators) {
    if (clause.starts_with(candidate)) {
      op = candidate;
      break;
    }
  }
  std::string rest = trim_blanks(clause.substr(op.size()));
  bool prefix = rest.ends_with(".*");
  if (prefix) rest.resize(rest.size() - 2);
  auto version = parse_version(rest);
  auto bad = [&](std::string why) {
    return fail("bad-version-range", "'" + std::string(clause) + "' in '" + std::string(whole) + "': " + why, {},
                "write a specifier set such as \">=1.10,<3\", \"~=2.1\", \"==1.*\" or a bare version \"2\"");
  };
  if (!version) return bad("'" + rest + "' is not a version");
  if (prefix && op != "==" && op != "!=" && !op.empty()) return bad("'.*' goes only with == and !=");
  if (op.empty() || ((op == "==" || op == "===") && prefix)) {
    // A bare version (or ==V.*) allows every version starting with it: "2" is any 2.x.
    if (op.empty() && !prefix && version->pre_release) {
      narrow_lower(range, {*version, true});
      narrow_upper(range, {*version, true});
      return {};
    }
    narrow_lower(range, {*version, true});
    narrow_upper(range, {after_prefix(version->release), false});
  } else if (op == "==" || op == "===") {
    narrow_lower(range, {*version, true});
    narrow_upper(range, {*version, true});
  } else if (op == "!=") {
    // `!=1.*` removes a whole series; as an interval it cannot be expressed, so it narrows nothing.
    if (!prefix) range.excluded.push_back(*version);
  } else if (op == ">=") {
    narrow_lower(range, {*version, true});
  } else if (op == ">") {
    narrow_lower(range, {*version, false});
  } else if (op == "<=") {
    narrow_upper(range, {*version, true});
  } else if (op == "<") {
    narrow_upper(range, {*version, false});
  } else if (op == "~=") {
    if (version->release.size() < 2) return bad("~= needs at least two parts, as in ~=1.4");
    narrow_lower(range, {*version, true});
    std::vector<long> series(version->release.begin(), version->release.end() - 1);
    narrow_upper(range, {after_prefix(series), false});
  } else if (op == "^") {
    // Poetry: up to the next change of the first non-zero part (^1.2 < 2, ^0.3 < 0.4).
    std::size_t first = 0;
    while (first + 1 < version->release.size() && version->release[first] == 0) ++first;
    narrow_lower(range, {*version, true});
    std::vector<long> series(version->release.begin(), version->release.begin() + static_cast<long>(first) + 1);
    narrow_upper(range, {after_prefix(series), false});
  } else if (op == "~") {
    // Poetry: ~1.2.3 and ~1.2 stay below 1.3; ~1 below 2.
    narrow_lower(range, {*version, true});
    std::size_t keep = std::min<std::size_t>(version->release.size(), 2);
    std::vector<long> series(version->release.begin(), version->release.begin() + static_cast<long>(keep));
    narrow_upper(range, {after_prefix(series), false});
  }
  return {};
}

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
  std::string trimmed = trim_blanks(text);
  std::string_view rest = trimmed;
  if (!rest.empty() && (rest[0] == 'v' || rest[0] == 'V')) rest.remove_prefix(1);
  Version version;
  version.text = trimmed;
  while (true) {
    std::size_t digits = 0;
    while (digits < rest.size() && is_digit(rest[digits])) ++digits;
    if (digits == 0 || digits > 9) return std::nullopt;
    version.release.push_back(std::stol(std::string(rest.substr(0, digits))));
    rest.remove_prefix(digits);
    if (rest.size() >= 2 && rest[0] == '.' && is_digit(rest[1])) {
      rest.remove_prefix(1);
      continue;
    }
    break;
  }
  if (rest.empty()) return version;
  if (rest[0] == '+') return version;  // a local version label: same release
  std::string suffix = ascii_lower(rest);
  std::size_t start = (suffix[0] == '-' || suffix[0] == '_' || suffix[0] == '.') ? 1 : 0;
  std::string_view word(suffix);
  word.remove_prefix(start);
  for (std::string_view marker : {"alpha", "beta", "preview", "pre", "rc", "a", "b", "c", "dev"}) {
    if (word.starts_with(marker)) {
      version.pre_release = true;
      return version;
    }
  }
  for (std::string_view marker : {"post", "rev", "r"}) {
    if (word.starts_with(marker)) return version;
  }
  // Semantic versioning's pre-release: 1.2.3-anything.
  if (suffix[0] == '-' && suffix.size() > 1) {
    version.pre_release = true;
    return version;
  }
  return std::nullopt;
}

int compare_versions(const Version& a, const Version& b) {
  std::size_t parts = std::max(a.release.size(), b.release.size());
  for (std::size_t i = 0; i < parts; ++i) {
    long left = i < a.release.size() ? a.release[i] : 0;
    long right = i < b.release.size() ? b.release[i] : 0;
    if (left != right) return left < right ? -1 : 1;
  }
  if (a.pre_release != b.pre_release) return a.pre_release ? -1 : 1;
  return 0;
}

Result<VersionRange> parse_version_range(std::string_view text) {
  VersionRange range;
  range.text = trim_blanks(text);
  std::string_view rest = range.text;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string clause = trim_blanks(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (clause.empty()) {
      return fail("bad-version-range", "an empty clause in '" + range.text + "'", {}, "remove the extra comma");
    }
    if (clause == "*") continue;
    if (auto ok = add_clause(range, clause, range.text); !ok) return std::unexpected(ok.error());
  }
  return range;
}

bool range_contains(const VersionRange& range, const Version& version) {
  if (range.lower) {
    int order = compare_versions(version, range.lower->version);
    if (order < 0 || (order == 0 && !range.lower->inclusive)) return false;
  }
  if (range.upper) {
    int order = compare_versions(version, range.upper->version);
    if (order > 0 || (order == 0 && !range.upper->inclusive)) return false;
  }
  return std::ranges::none_of(range.excluded, [&](const Version& out) { return compare_versions(out, version) == 0; });
}

bool ranges_overlap(const VersionRange& a, const VersionRange& b) {
  VersionRange both = a;
  if (b.lower) narrow_lower(both, *b.lower);
  if (b.upper) narrow_upper(both, *b.upper);
  both.excluded.insert(both.excluded.end(), b.excluded.begin(), b.excluded.end());
  if (!both.lower || !both.upper) return true;
  int order = compare_versions(both.lower->version, both.upper->version);
  if (order < 0) return true;  // an interval of positive length: single exclusions cannot empty it
  if (order > 0) return false;
  return both.lower->inclusive && both.upper->inclusive && range_contains(both, both.lower->version);
}

bool range_within(const VersionRange& inner, const VersionRange& outer) {
  if (outer.lower) {
    if (!inner.lower) return false;
    int order = compare_versions(inner.lower->version, outer.lower->version);
    if (order < 0 || (order == 0 && inner.lower->inclusive && !outer.lower->inclusive)) return false;
  }
  if (outer.upper) {
    if (!inner.upper) return false;
    int order = compare_versions(inner.upper->version, outer.upper->version);
    if (order > 0 || (order == 0 && inner.upper->inclusive && !outer.upper->inclusive)) return false;
  }
  return true;
}

}  // namespace apictl::migrate
