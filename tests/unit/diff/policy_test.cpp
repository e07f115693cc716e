// Diff policies: semver and the version policy, level overrides, ignore rules and their order, on real diffs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "diff/check_ids.hpp"
#include "diff/policy.hpp"
#include "diff/semver.hpp"
#include "diff/version_policy.hpp"
#include "support/diff_fixture.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using diff::Level;

namespace {

const test::ScratchFolder& folder() {
  static const test::ScratchFolder scratch("diff-policy");
  return scratch;
}

// A contract with /pets (GET with an optional `limit`) and /internal/jobs (GET), at `version`.
std::string pets_contract(const std::string& version, bool with_limit = true, bool with_internal = true,
                          bool with_toys = false) {
  std::string text = "openapi: 3.0.3\ninfo: {title: Pets, version: '" + version + "'}\npaths:\n";
  text += "  /pets:\n    get:\n      tags: [pets]\n";
  if (with_limit) text += "      parameters:\n        - {name: limit, in: query, schema: {type: integer}}\n";
  text += "      responses:\n        '200': {description: ok}\n";
  if (with_internal) text += "  /internal/jobs:\n    get:\n      responses:\n        '200': {description: ok}\n";
  if (with_toys)
    text +=
        "  /pets/{id}/toys:\n    get:\n      parameters:\n"
        "        - {name: id, in: path, required: true, schema: {type: string}}\n"
        "      responses:\n        '200': {description: ok}\n";
  return text;
}

diff::DiffResult run(const std::string& name, const std::string& base, const std::string& revision,
                     const diff::DiffPolicy& policy, Level min_level = Level::info) {
  auto base_file = folder().write(name + "/base.yaml", base);
  auto revision_file = folder().write(name + "/revision.yaml", revision);
  auto base_contract = diff::open_contract(base_file.string());
  REQUIRE(base_contract.has_value());
  auto revision_contract = diff::open_contract(revision_file.string());
  REQUIRE(revision_contract.has_value());
  diff::DiffOptions options;
  options.min_level = min_level;
  auto result = diff::diff_with_policy(**base_contract, **revision_contract, options, policy);
  REQUIRE(result.has_value());
  return std::move(*result);
}

const diff::Change* find(const diff::DiffResult& result, std::string_view id) {
  auto found = std::ranges::find(result.changes, id, &diff::Change::id);
  return found == result.changes.end() ? nullptr : &*found;
}

diff::Change change(std::string id, Level level, std::string method = "", std::string path = "") {
  diff::Change out;
  out.id = std::move(id);
  out.level = level;
  out.operation.method = std::move(method);
  out.operation.path = std::move(path);
  return out;
}

diff::InfoVersion version(std::string text) { return {std::move(text), {"openapi.yaml", 2, 10, "/info/version"}}; }

std::optional<std::string> judged_id(const std::string& before, const std::string& after,
                                     const std::vector<diff::Change>& changes) {
  auto verdict = diff::judge_version(version(before), version(after), changes);
  if (!verdict) return std::nullopt;
  CHECK(verdict->level == Level::err);
  CHECK(verdict->subject == "info.version");
  return verdict->id;
}

}  // namespace

TEST_CASE("semantic versions are parsed by semver.org's grammar, with an optional v", "[diff][policy]") {
  auto plain = diff::parse_semver("1.2.3");
  REQUIRE(plain);
  CHECK((plain->major == 1 && plain->minor == 2 && plain->patch == 3 && !plain->pre_release));
  CHECK(diff::parse_semver("v10.0.7") == diff::Semver{10, 0, 7});
  auto pre = diff::parse_semver("2.0.0-rc.1+build.5");
  REQUIRE(pre);
  CHECK(pre->pre_release);
  CHECK(diff::parse_semver("1.0.0+20240601"));
  for (const char* bad : {"1.0", "v1", "2024-06", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3+", "1.2.3.4",
                          "1.2.3-a..b", " 1.2.3", "V1.2.3", ""}) {
    INFO(bad);
    CHECK_FALSE(diff::parse_semver(bad));
  }
}

TEST_CASE("the next version: major, minor or patch, with 0.x and pre-release rules", "[diff][policy]") {
  using diff::Bump;
  auto next = [](const char* from, Bump bump) {
    return diff::to_string(diff::next_version(*diff::parse_semver(from), bump));
  };
  CHECK(next("1.2.3", Bump::major) == "2.0.0");
  CHECK(next("1.2.3", Bump::minor) == "1.3.0");
  CHECK(next("1.2.3", Bump::patch) == "1.2.4");
  CHECK(next("v1.2.3", Bump::major) == "2.0.0");
  CHECK(next("0.3.1", Bump::major) == "0.4.0");
  CHECK(next("0.3.1", Bump::minor) == "0.3.2");
  CHECK(next("0.3.1", Bump::patch) == "0.3.2");
  CHECK(next("2.0.0-rc.1", Bump::major) == "2.0.0");
}

TEST_CASE("version policy: a breaking change needs a major bump", "[diff][policy]") {
  std::vector<diff::Change> breaking = {change("api-path-removed-without-deprecation", Level::err, "GET", "/a")};
  std::vector<diff::Change> compatible = {change("endpoint-added", Level::info, "GET", "/b"),
                                          change("request-parameter-removed", Level::warn, "GET", "/a")};
  CHECK(judged_id("1.2.0", "1.2.0", breaking) == "api-version-not-bumped");
  CHECK(judged_id("2.0.0", "1.9.0", breaking) == "api-version-decreased");
  CHECK(judged_id("1.2.0", "1.3.0", breaking) == "api-major-version-not-bumped");
  CHECK(judged_id("1.2.0", "1.2.1", breaking) == "api-major-version-not-bumped");
  CHECK(judged_id("1.2.0", "2.0.0", breaking) == std::nullopt);
  CHECK(judged_id("v1.2.0", "v2.0.0", breaking) == std::nullopt);
  CHECK(judged_id("1.2.0", "3.0.0", breaking) == std::nullopt);
  CHECK(judged_id("1.2.0", "2.0.0-beta.1", breaking) == std::nullopt);
  // Below 1.0.0 a minor step is enough; a patch step is not.
  CHECK(judged_id("0.3.1", "0.4.0", breaking) == std::nullopt);
  CHECK(judged_id("0.3.1", "0.3.2", breaking) == "api-major-version-not-bumped");
  CHECK(judged_id("0.3.1", "1.0.0", breaking) == std::nullopt);
  // A pre-release may still change anything until its release.
  CHECK(judged_id("2.0.0-rc.1", "2.0.0", breaking) == std::nullopt);
  CHECK(judged_id("2.0.0-rc.1", "2.0.0-rc.2", breaking) == std::nullopt);
  // Nothing breaking: any version, even the same, is fine.
  CHECK(judged_id("1.2.0", "1.2.0", compatible) == std::nullopt);
  CHECK(judged_id("1.2.0", "1.0.0", {}) == std::nullopt);
  // The revision's version must be semver, breaking change or not; a non-semver base starts the policy.
  CHECK(judged_id("1.2.0", "2024-06", compatible) == "api-version-not-semver");
  CHECK(judged_id("1.2.0", "", {}) == "api-version-not-semver");
  CHECK(judged_id("2024-06", "1.0.0", breaking) == std::nullopt);
  // The policy's own findings never count as the breaking change.
  std::vector<diff::Change> only_policy = {change("api-version-not-bumped", Level::err)};
  CHECK(judged_id("1.2.0", "1.2.0", only_policy) == std::nullopt);
}

TEST_CASE("the message says what to bump to, and the finding points at both versions", "[diff][policy]") {
  auto verdict = diff::judge_version(version("1.2.0"), version("1.3.0"), {change("x", Level::err, "GET", "/a")});
  REQUIRE(verdict);
  CHECK(verdict->message.find("make it 2.0.0") != std::string::npos);
  CHECK(verdict->base.line == 2);
  CHECK(verdict->revision.pointer == "/info/version");
  CHECK(verdict->operation.path.empty());
  CHECK_FALSE(verdict->fingerprint.empty());
}

TEST_CASE("the suggested version follows the most severe change left", "[diff][policy]") {
  auto suggest = [](const char* from, std::vector<diff::Change> changes) {
    return diff::suggest_version(version(from), changes);
  };
  CHECK(suggest("1.2.3", {change("a", Level::info), change("b", Level::err)}) == "2.0.0");
  CHECK(suggest("1.2.3", {change("endpoint-added", Level::info)}) == "1.3.0");
  CHECK(suggest("1.2.3", {change("request-parameter-removed", Level::warn)}) == "1.3.0");
  CHECK(suggest("1.2.3", {}) == "1.2.4");
  CHECK(suggest("0.4.0", {change("b", Level::err)}) == "0.5.0");
  CHECK(suggest("1.2.3", {change("api-version-not-bumped", Level::err)}) == "1.2.4");
  CHECK(suggest("2024-06", {}) == std::nullopt);
}

TEST_CASE("level overrides and ignore rules are parsed from their compact forms", "[diff][policy]") {
  SourcePosition flag{"--check-level", 0, 0, {}};
  auto off = diff::parse_level_override("api-tag-removed=off", flag);
  REQUIRE(off);
  CHECK(off->id == "api-tag-removed");
  CHECK_FALSE(off->level);
  auto raised = diff::parse_level_override("endpoint-added = err", flag);
  REQUIRE(raised);
  CHECK(raised->id == "endpoint-added");
  CHECK(raised->level == Level::err);
  CHECK_FALSE(diff::parse_level_override("endpoint-added=fatal", flag));
  CHECK_FALSE(diff::parse_level_override("endpoint-added", flag));

  auto everywhere = diff::parse_ignore_rule("api-tag-removed", flag);
  REQUIRE(everywhere);
  CHECK((everywhere->path.empty() && everywhere->method.empty()));
  auto on_path = diff::parse_ignore_rule("api-tag-removed@/internal/**", flag);
  REQUIRE(on_path);
  CHECK(on_path->path == "/internal/**");
  CHECK(on_path->method.empty());
  auto on_operation = diff::parse_ignore_rule("response-property-removed@get /pets/{id}", flag);
  REQUIRE(on_operation);
  CHECK(on_operation->method == "GET");
  CHECK(on_operation->path == "/pets/{id}");
  auto on_method = diff::parse_ignore_rule("endpoint-added@DELETE", flag);
  REQUIRE(on_method);
  CHECK(on_method->method == "DELETE");
  CHECK(on_method->path.empty());
  CHECK_FALSE(diff::parse_ignore_rule("api-tag-removed@", flag));
}

TEST_CASE("unknown ids, empty globs and unknown methods are errors with a hint", "[diff][policy]") {
  SourcePosition where{"apictl.toml", 7, 3, {}};
  diff::DiffPolicy misspelt;
  misspelt.levels.push_back({"api-tag-remove", Level::err, where});
  auto error = diff::validate_policy(misspelt);
  REQUIRE_FALSE(error);
  CHECK(error.error().where.line == 7);
  CHECK(error.error().message.find("api-tag-remove") != std::string::npos);
  CHECK(error.error().hint == "did you mean 'api-tag-removed'?");

  diff::DiffPolicy glob;
  glob.ignores.push_back({"response-*-enum-value-added", "", "", "", where});
  CHECK(diff::validate_policy(glob));
  glob.ignores.push_back({"responze-*", "", "", "", where});
  auto no_match = diff::validate_policy(glob);
  REQUIRE_FALSE(no_match);
  CHECK(no_match.error().message.find("matches no check id") != std::string::npos);

  diff::DiffPolicy method;
  method.ignores.push_back({"*", "/pets", "GETT", "", where});
  auto bad_method = diff::validate_policy(method);
  REQUIRE_FALSE(bad_method);
  CHECK(bad_method.error().hint == "did you mean 'GET'?");

  diff::DiffPolicy known;
  for (const char* id : {"api-version-not-semver", "api-major-version-not-bumped", "*"}) {
    known.levels.push_back({id, Level::warn, where});
  }
  CHECK(diff::validate_policy(known));
}

TEST_CASE("ignore rules match id (exact or glob), path glob and method as documented", "[diff][policy]") {
  auto matches = [](const char* rule_text, const diff::Change& change) {
    auto rule = diff::parse_ignore_rule(rule_text, {});
    REQUIRE(rule);
    return diff::ignore_matches(*rule, change.id, change.operation);
  };
  diff::Change removed = change("api-path-removed-without-deprecation", Level::err, "GET", "/internal/jobs");
  diff::Change nested = change("api-path-removed-without-deprecation", Level::err, "GET", "/internal/jobs/{id}");
  diff::Change root = change("api-path-removed-without-deprecation", Level::err, "POST", "/internal");
  diff::Change other = change("api-path-removed-without-deprecation", Level::err, "GET", "/internalx");
  diff::Change global = change("api-global-security-removed", Level::info);

  CHECK(matches("api-path-removed-without-deprecation", removed));
  CHECK_FALSE(matches("api-path-removed-with-deprecation", removed));
  CHECK(matches("api-path-removed-*", removed));
  CHECK(matches("*", global));
  // `*` is one path segment, `**` any number, and `/x/**` also matches `/x` itself.
  CHECK(matches("*@/internal/*", removed));
  CHECK_FALSE(matches("*@/internal/*", nested));
  CHECK(matches("*@/internal/**", nested));
  CHECK(matches("*@/internal/**", root));
  CHECK_FALSE(matches("*@/internal/**", other));
  CHECK_FALSE(matches("*@/internal", removed));
  // Paths are the contract's templates, braces included.
  CHECK(matches("*@/internal/jobs/{id}", nested));
  // Methods: only that method; case is not significant in the rule.
  CHECK(matches("*@get /internal/**", removed));
  CHECK_FALSE(matches("*@GET /internal/**", root));
  CHECK(matches("*@POST", root));
  // Document-wide changes have no path or method: only rules without them match.
  CHECK_FALSE(matches("*@/**", global));
  CHECK_FALSE(matches("*@GET", global));
}

TEST_CASE("ignored changes are dropped, counted, and do not decide the exit code", "[diff][policy]") {
  std::string base = pets_contract("1.0.0");
  std::string revision = pets_contract("1.0.0", true, false);
  diff::DiffPolicy none;
  auto plain = run("ignore-none", base, revision, none);
  REQUIRE(find(plain, "api-path-removed-without-deprecation"));
  CHECK(plain.ignored == 0);
  CHECK(diff::has_changes_at(plain, Level::err));

  diff::DiffPolicy ignoring;
  ignoring.ignores.push_back(*diff::parse_ignore_rule("api-path-removed-without-deprecation@/internal/**", {}));
  auto ignored = run("ignore-internal", base, revision, ignoring);
  CHECK_FALSE(find(ignored, "api-path-removed-without-deprecation"));
  CHECK(ignored.ignored == 1);
  CHECK_FALSE(diff::has_changes_at(ignored, Level::err));

  diff::DiffPolicy elsewhere;
  elsewhere.ignores.push_back(*diff::parse_ignore_rule("api-path-removed-without-deprecation@/pets/**", {}));
  auto kept = run("ignore-elsewhere", base, revision, elsewhere);
  CHECK(find(kept, "api-path-removed-without-deprecation"));
  CHECK(kept.ignored == 0);
}

TEST_CASE("ignore rules match each operation a shared change affects on its own", "[diff][policy]") {
  // GET /pets and GET /internal/jobs return one schema; a property removed from it reaches both.
  auto contract = [](bool with_note) {
    return std::string("openapi: 3.0.3\ninfo: {title: Pets, version: 1.0.0}\npaths:\n") +
           "  /pets:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: "
           "{schema: {$ref: '#/components/schemas/Pet'}}}}\n" +
           "  /internal/jobs:\n    get:\n      responses:\n        '200': {description: ok, content: "
           "{application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n" +
           "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        id: {type: string}\n" +
           (with_note ? "        note: {type: string}\n" : "");
  };
  diff::DiffPolicy internal;
  internal.ignores.push_back(*diff::parse_ignore_rule("response-optional-property-removed@/internal/**", {}));
  auto partly = run("ignore-shared-partly", contract(true), contract(false), internal);
  const diff::Change* removed = find(partly, "response-optional-property-removed");
  REQUIRE(removed);
  CHECK(removed->operation.path == "/pets");  // /internal/jobs comes first in report order, and is ignored
  CHECK(removed->also.empty());
  CHECK(partly.ignored == 0);

  internal.ignores.push_back(*diff::parse_ignore_rule("response-optional-property-removed@/pets", {}));
  auto wholly = run("ignore-shared-wholly", contract(true), contract(false), internal);
  CHECK_FALSE(find(wholly, "response-optional-property-removed"));
  CHECK(wholly.ignored == 1);
}

TEST_CASE("level overrides change a level or drop the change before the threshold", "[diff][policy]") {
  std::string base = pets_contract("1.0.0", true, true);
  std::string revision = pets_contract("1.0.0", true, true, true);  // adds GET /pets/{id}/toys: INFO
  diff::DiffPolicy raise;
  raise.levels.push_back(*diff::parse_level_override("endpoint-added=ERR", {}));
  // Raised before --level filters: an INFO change raised to ERR is shown even at min level ERR.
  auto raised = run("raise", base, revision, raise, Level::err);
  const diff::Change* added = find(raised, "endpoint-added");
  REQUIRE(added);
  CHECK(added->level == Level::err);
  CHECK(diff::has_changes_at(raised, Level::err));

  diff::DiffPolicy off;
  off.levels.push_back(*diff::parse_level_override("endpoint-*=ERR", {}));
  off.levels.push_back(*diff::parse_level_override("endpoint-added=off", {}));  // the last match wins
  auto dropped = run("off", base, revision, off);
  CHECK_FALSE(find(dropped, "endpoint-added"));
  CHECK(dropped.ignored == 0);  // off is not an ignore: it is not counted

  // Lowering a breaking change makes it pass the default gate.
  diff::DiffPolicy lower;
  lower.levels.push_back(*diff::parse_level_override("api-path-removed-without-deprecation=WARN", {}));
  auto lowered = run("lower", base, pets_contract("1.0.0", true, false), lower);
  REQUIRE(find(lowered, "api-path-removed-without-deprecation"));
  CHECK_FALSE(diff::has_changes_at(lowered, Level::err));
  CHECK(diff::has_changes_at(lowered, Level::warn));
}

TEST_CASE("the version policy runs on what overrides and ignores left", "[diff][policy]") {
  std::string base = pets_contract("1.4.0");
  diff::DiffPolicy policy;
  policy.version_policy = true;

  auto not_bumped = run("version-same", base, pets_contract("1.4.0", true, false), policy);
  const diff::Change* finding = find(not_bumped, "api-version-not-bumped");
  REQUIRE(finding);
  CHECK(finding->level == Level::err);
  CHECK(not_bumped.suggested_version == "2.0.0");

  auto minor = run("version-minor", base, pets_contract("1.5.0", true, false), policy);
  CHECK(find(minor, "api-major-version-not-bumped"));

  auto major = run("version-major", base, pets_contract("2.0.0", true, false), policy);
  CHECK_FALSE(find(major, "api-major-version-not-bumped"));
  CHECK(test::change_ids(major) == std::multiset<std::string>{"api-path-removed-without-deprecation"});
  // The major bump admits the breaking change: reported at ERR, but the gate passes.
  CHECK(major.breaking_admitted);
  CHECK(diff::has_changes_at(major, Level::err));
  CHECK_FALSE(diff::fails_gate(major, Level::err));
  CHECK_FALSE(not_bumped.breaking_admitted);
  CHECK(diff::fails_gate(not_bumped, Level::err));
  CHECK(diff::fails_gate(minor, Level::err));

  // Ignoring the only breaking change leaves nothing for the policy to judge.
  diff::DiffPolicy ignoring = policy;
  ignoring.ignores.push_back(*diff::parse_ignore_rule("api-path-removed-*@/internal/**", {}));
  auto ignored = run("version-ignored", base, pets_contract("1.4.0", true, false), ignoring);
  CHECK(test::change_ids(ignored).empty());
  CHECK(ignored.suggested_version == "1.4.1");

  // The policy's own finding can be lowered like any other.
  diff::DiffPolicy lowered = policy;
  lowered.levels.push_back(*diff::parse_level_override("api-version-not-bumped=WARN", {}));
  auto warned = run("version-lowered", base, pets_contract("1.4.0", true, false), lowered);
  REQUIRE(find(warned, "api-version-not-bumped"));
  CHECK(find(warned, "api-version-not-bumped")->level == Level::warn);

  // Off by default.
  auto off = run("version-off", base, pets_contract("1.4.0", true, false), diff::DiffPolicy{});
  CHECK_FALSE(find(off, "api-version-not-bumped"));
  // Without the policy a major bump admits nothing.
  auto off_major = run("version-off-major", base, pets_contract("2.0.0", true, false), diff::DiffPolicy{});
  CHECK_FALSE(off_major.breaking_admitted);
  CHECK(diff::fails_gate(off_major, Level::err));
}

TEST_CASE("the suggestion sees every change, whatever --level shows", "[diff][policy]") {
  diff::DiffPolicy policy;
  // Removing the optional parameter is WARN, adding /pets/{id}/toys INFO: a minor bump.
  auto minor =
      run("suggest-minor", pets_contract("1.4.0"), pets_contract("1.4.0", false, true, true), policy, Level::err);
  CHECK(minor.changes.empty());
  CHECK(minor.suggested_version == "1.5.0");
  auto same = run("suggest-patch", pets_contract("1.4.0"), pets_contract("1.4.0"), policy);
  CHECK(same.suggested_version == "1.4.1");
  auto unversioned = run("suggest-none", pets_contract("2024-06"), pets_contract("2024-06"), policy);
  CHECK_FALSE(unversioned.suggested_version);
}
