// The version policy over info.version, judged on the changes a diff kept.
#include "diff/version_policy.hpp"

#include <algorithm>

#include "diff/semver.hpp"

namespace apictl::diff {

namespace {

bool has_breaking(const std::vector<Change>& changes) {
  return std::ranges::any_of(
      changes, [](const Change& change) { return change.level == Level::err && !is_version_policy_change(change); });
}

Bump bump_for(const std::vector<Change>& changes) {
  Bump bump = Bump::patch;
  for (const Change& change : changes) {
    if (is_version_policy_change(change)) continue;
    if (change.level == Level::err) return Bump::major;
    bump = Bump::minor;
  }
  return bump;
}

Change version_change(std::string id, std::string message, const InfoVersion& base, const InfoVersion& revision) {
  Change change;
  change.id = std::move(id);
  change.level = Level::err;
  change.message = std::move(message);
  change.base = base.where;
  change.revision = revision.where;
  change.subject = "info.version";
  change.fingerprint = fingerprint_of(change);
  return change;
}

}  // namespace

InfoVersion info_version(const contract::Workspace& contract) {
  contract::NodeRef version = contract.root().root()["info"]["version"];
  if (!version || !version.is_scalar()) return {"", contract.root().root()["info"].position()};
  return {std::string(version.text()), version.position()};
}

bool is_version_policy_change(const Change& change) {
  return change.id == "api-version-not-semver" || change.id == "api-version-not-bumped" ||
         change.id == "api-version-decreased" || change.id == "api-major-version-not-bumped";
}

std::optional<Change> judge_version(const InfoVersion& base, const InfoVersion& revision,
                                    const std::vector<Change>& changes) {
  auto after = parse_semver(revision.text);
  if (!after) {
    return version_change("api-version-not-semver",
                          "info.version '" + revision.text +
                              "' is not a semantic version (MAJOR.MINOR.PATCH), so the version policy cannot judge it",
                          base, revision);
  }
  auto before = parse_semver(base.text);
  // A base without a semver is where a team adopts the policy: nothing to compare against yet.
  if (!before || !has_breaking(changes)) return std::nullopt;
  if (bumped_enough(*before, *after, Bump::major)) return std::nullopt;
  std::string wanted = to_string(next_version(*before, Bump::major));
  std::string from_to = "from '" + base.text + "' to '" + revision.text + "'";
  if (*after == *before) {
    return version_change(
        "api-version-not-bumped",
        "a breaking change was detected but info.version stayed '" + revision.text + "'; make it " + wanted, base,
        revision);
  }
  if (*after < *before) {
    return version_change(
        "api-version-decreased",
        "a breaking change was detected but info.version went down " + from_to + "; make it " + wanted, base, revision);
  }
  std::string step =
      before->major == 0 ? "a minor step (below 1.0.0 a breaking change bumps the minor)" : "a major step";
  return version_change(
      "api-major-version-not-bumped",
      "a breaking change was detected but info.version went " + from_to + ", not " + step + "; make it " + wanted, base,
      revision);
}

bool admits_breaking(const InfoVersion& base, const InfoVersion& revision) {
  auto before = parse_semver(base.text);
  auto after = parse_semver(revision.text);
  return before && after && bumped_enough(*before, *after, Bump::major);
}

std::optional<std::string> suggest_version(const InfoVersion& base, const std::vector<Change>& changes) {
  auto version = parse_semver(base.text);
  if (!version) return std::nullopt;
  return to_string(next_version(*version, bump_for(changes)));
}

}  // namespace apictl::diff
