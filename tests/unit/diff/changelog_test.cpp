// contract changelog: which group each check id lands in, the section's heading, golden files per format and
// the command's exit codes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "diff/changelog.hpp"
#include "diff/check_ids.hpp"
#include "report/changelog_report.hpp"
#include "run.hpp"
#include "support/golden_file.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using diff::ChangelogGroup;
using diff::Level;

namespace {

const fs::path fixtures = fs::path(APICTL_SOURCE_DIR) / "tests/fixtures/diff";
const fs::path shared_dir = fs::path(APICTL_SOURCE_DIR) / ".." / "shared";

// Options with the date pinned, so the heading and the golden files do not move with the clock.
diff::ChangelogOptions dated(std::string title = {}) {
  diff::ChangelogOptions options;
  options.title = std::move(title);
  options.date = "2026-03-01";
  return options;
}

diff::Changelog fixture_changelog(diff::ChangelogOptions options = dated()) {
  contract::Workspace base;
  contract::Workspace revision;
  REQUIRE(base.open(fixtures / "changelog-base.yaml", "tests/fixtures/diff/changelog-base.yaml").has_value());
  REQUIRE(
      revision.open(fixtures / "changelog-revision.yaml", "tests/fixtures/diff/changelog-revision.yaml").has_value());
  auto changelog = diff::changelog_between(base, revision, options);
  REQUIRE(changelog.has_value());
  return std::move(*changelog);
}

std::string render(const diff::Changelog& changelog, report::ChangelogFormat format) {
  std::ostringstream out;
  report::write_changelog(out, changelog, format);
  return out.str();
}

std::vector<std::string> section_ids(const diff::Changelog& changelog, ChangelogGroup group) {
  std::vector<std::string> ids;
  for (const auto& section : changelog.sections) {
    if (section.group != group) continue;
    for (const auto& change : section.changes) ids.push_back(change.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("changelog groups: deprecations, then breaking, additions, and the rest", "[diff][changelog]") {
  CHECK(diff::changelog_group("endpoint-deprecated", Level::info) == ChangelogGroup::deprecated);
  CHECK(diff::changelog_group("request-property-deprecated-sunset-missing", Level::err) == ChangelogGroup::deprecated);
  CHECK(diff::changelog_group("api-removed-without-deprecation", Level::err) == ChangelogGroup::breaking);
  CHECK(diff::changelog_group("new-required-request-property", Level::err) == ChangelogGroup::breaking);
  CHECK(diff::changelog_group("request-parameter-max-decreased", Level::err) == ChangelogGroup::breaking);
  CHECK(diff::changelog_group("endpoint-added", Level::info) == ChangelogGroup::added);
  CHECK(diff::changelog_group("new-optional-request-parameter", Level::info) == ChangelogGroup::added);
  CHECK(diff::changelog_group("request-body-added-optional", Level::info) == ChangelogGroup::added);
  CHECK(diff::changelog_group("response-property-enum-value-added", Level::warn) == ChangelogGroup::added);
  CHECK(diff::changelog_group("api-removed-with-deprecation", Level::info) == ChangelogGroup::changed);
  CHECK(diff::changelog_group("request-parameter-removed", Level::warn) == ChangelogGroup::changed);
  CHECK(diff::changelog_group("request-parameter-max-increased", Level::info) == ChangelogGroup::changed);
  // "deprecation" is not "deprecated": removing a deprecated operation is a change, not a deprecation.
  CHECK(diff::changelog_group("request-parameter-removed-with-deprecation", Level::info) == ChangelogGroup::changed);
  // A level override (per-id policy) moves a change: the group follows the level it is reported at.
  CHECK(diff::changelog_group("request-parameter-max-decreased", Level::warn) == ChangelogGroup::changed);
  diff::Change version_policy;
  version_policy.id = "api-version-not-bumped";
  version_policy.level = Level::err;
  CHECK_FALSE(diff::in_changelog(version_policy));
  version_policy.id = "endpoint-added";
  CHECK(diff::in_changelog(version_policy));
}

TEST_CASE("changelog groups agree with the action and kind oasdiff gives each id", "[diff][changelog]") {
  std::ifstream tsv(shared_dir / "oasdiff/check-ids.tsv");
  if (!tsv) {
    WARN("../shared/oasdiff/check-ids.tsv is absent; the grouping is checked against named ids only");
    return;
  }
  std::string line;
  std::getline(tsv, line);
  std::size_t rows = 0;
  while (std::getline(tsv, line)) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    REQUIRE(fields.size() >= 7);
    const std::string& id = fields[0];
    const std::string& kind = fields[5];
    const std::string& action = fields[6];
    Level level = *diff::parse_level(fields[1]);
    ChangelogGroup group = diff::changelog_group(id, level);
    INFO(id << " " << fields[1] << " " << kind << " " << action);
    ++rows;
    if (group == ChangelogGroup::deprecated) {
      CHECK(kind == "lifecycle");
      continue;
    }
    if (level == Level::err) {
      CHECK(group == ChangelogGroup::breaking);
      continue;
    }
    // Every id that adds something to the API is Added; "list-of-types-widened" is oasdiff's one add that
    // reads as a change of a type.
    if (action == "add" && kind != "type") CHECK(group == ChangelogGroup::added);
    if (group == ChangelogGroup::added) CHECK(action == "add");
    if (action == "remove") CHECK(group == ChangelogGroup::changed);
  }
  CHECK(rows == 509);
}

TEST_CASE("the fixture pair's changelog: every group, the revision's version and the date", "[diff][changelog]") {
  auto changelog = fixture_changelog();
  CHECK(changelog.version == "2.0.0");
  CHECK(diff::heading(changelog) == "[2.0.0] - 2026-03-01");
  REQUIRE(changelog.sections.size() == 4);
  CHECK(changelog.sections[0].group == ChangelogGroup::breaking);
  CHECK(changelog.sections[1].group == ChangelogGroup::deprecated);
  CHECK(changelog.sections[2].group == ChangelogGroup::added);
  CHECK(changelog.sections[3].group == ChangelogGroup::changed);
  auto breaking = section_ids(changelog, ChangelogGroup::breaking);
  CHECK(std::find(breaking.begin(), breaking.end(), "api-removed-without-deprecation") != breaking.end());
  CHECK(section_ids(changelog, ChangelogGroup::deprecated) == std::vector<std::string>{"endpoint-deprecated"});
  auto added = section_ids(changelog, ChangelogGroup::added);
  CHECK(std::find(added.begin(), added.end(), "endpoint-added") != added.end());
  auto changed = section_ids(changelog, ChangelogGroup::changed);
  CHECK(std::find(changed.begin(), changed.end(), "api-schema-removed") != changed.end());

  CHECK(diff::heading(fixture_changelog(dated("Unreleased"))) == "Unreleased");
}

TEST_CASE("apictl.toml's ignores and level overrides shape the changelog", "[diff][changelog]") {
  auto options = dated();
  options.policy.ignores.push_back({.id = "endpoint-deprecated", .path = {}, .method = {}, .reason = {}, .where = {}});
  options.policy.levels.push_back({.id = "request-parameter-max-decreased", .level = Level::info, .where = {}});
  auto changelog = fixture_changelog(options);
  CHECK(section_ids(changelog, ChangelogGroup::deprecated).empty());
  auto breaking = section_ids(changelog, ChangelogGroup::breaking);
  CHECK(std::find(breaking.begin(), breaking.end(), "request-parameter-max-decreased") == breaking.end());
  auto changed = section_ids(changelog, ChangelogGroup::changed);
  CHECK(std::find(changed.begin(), changed.end(), "request-parameter-max-decreased") != changed.end());
}

TEST_CASE("changelog formats match their golden files", "[diff][changelog]") {
  auto changelog = fixture_changelog();
  test::check_golden("diff/changelog.md", render(changelog, report::ChangelogFormat::markdown));
  test::check_golden("diff/changelog.txt", render(changelog, report::ChangelogFormat::text));
  test::check_golden("diff/changelog.json", render(changelog, report::ChangelogFormat::json));
  auto json = nlohmann::json::parse(render(changelog, report::ChangelogFormat::json));
  CHECK(json["schema"] == "apictl.changelog/v1");
  CHECK(json["version"] == "2.0.0");
  CHECK(json["sections"][0]["group"] == "breaking");
}

TEST_CASE("a changelog without changes says so; no version means Unreleased", "[diff][changelog]") {
  diff::DiffResult nothing;
  auto empty = diff::group_changes(nothing, "", "2026-03-01");
  CHECK(diff::heading(empty) == "[Unreleased] - 2026-03-01");
  CHECK(render(empty, report::ChangelogFormat::markdown) ==
        "## [Unreleased] - 2026-03-01\n\nNo changes to the API contract.\n");
}

TEST_CASE("contract changelog exit codes: 0 on success, 2 on bad input", "[diff][changelog]") {
  auto run = [](std::vector<std::string> args, std::string* stdout_text = nullptr, std::string* stderr_text = nullptr) {
    std::ostringstream out;
    std::ostringstream err;
    int code = cli::run(args, out, err);
    if (stdout_text) *stdout_text = out.str();
    if (stderr_text) *stderr_text = err.str();
    return code;
  };
  std::string base = (fixtures / "changelog-base.yaml").string();
  std::string revision = (fixtures / "changelog-revision.yaml").string();
  std::string text;
  std::string err;
  // Breaking changes do not fail a changelog: it describes, it does not gate.
  CHECK(run({"contract", "changelog", base, revision, "--date", "2026-03-01"}, &text) == 0);
  CHECK(text.starts_with("## [2.0.0] - 2026-03-01\n\n### Breaking\n"));
  CHECK(run({"contract", "changelog", base, revision, "--title", "[Unreleased]", "-f", "text"}, &text) == 0);
  CHECK(text.starts_with("[Unreleased]\n\nBreaking\n"));
  CHECK(run({"contract", "changelog", base, revision, "--date", "March 1st"}, &text, &err) == 2);
  CHECK(text.empty());
  CHECK(err.find("--date 'March 1st' is not a date") != std::string::npos);
  CHECK(run({"contract", "changelog", base, (fixtures / "missing.yaml").string()}) == 2);
  CHECK(run({"contract", "changelog", base}) == 2);
  CHECK(run({"contract", "changelog", base, revision, "--format", "html"}) == 2);
  CHECK(run({"contract", "changelog", "--help"}, &text) == 0);
  CHECK(text.find("Keep a Changelog") != std::string::npos);
}
