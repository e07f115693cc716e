// Diff report formats: a golden file per format, well-formed output, escaping of what the contracts say, and
// the --fail-on gate in junit, markdown and html.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "diff/diff.hpp"
#include "report/diff_report.hpp"
#include "support/diff_fixture.hpp"
#include "support/golden_file.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using report::DiffFormat;

namespace {

std::string render(const diff::DiffResult& result, DiffFormat format, diff::Level fail_on = diff::Level::err) {
  std::ostringstream out;
  report::write_diff_report(out, result, format, TerminalStyle{}, {.fail_on = fail_on});
  return out.str();
}

// Everything a hostile or merely unusual contract can put into a report: markup, quotes, the characters GitHub
// workflow commands and Markdown treat specially, a line break, and a file name with a colon and a space.
diff::DiffResult hostile_result() {
  diff::DiffResult result;
  result.base = {"origin/main:api spec.yaml", "3.1.0"};
  result.revision = {"api spec.yaml", "3.1.0"};
  diff::Change removed;
  removed.id = "api-removed-without-deprecation";
  removed.level = diff::Level::err;
  removed.operation = {"GET", "/a<b>/{id}&x", "get<script>", false};
  removed.message = "<script>alert('x')</script> & \"quoted\", a:b 100% *bold* `code` [link](javascript:x)\nnext";
  removed.base = {"origin/main:api spec.yaml", 12, 5, "/paths/~1a<b>~1{id}&x/get"};
  removed.fingerprint = "00112233aabbccdd";
  diff::Change added;
  added.id = "endpoint-added";
  added.level = diff::Level::info;
  added.operation = {"POST", "/pets", "", false};
  added.message = "endpoint added";
  added.revision = {"api spec.yaml", 30, 3, "/paths/~1pets/post"};
  added.fingerprint = "ffeeddccbbaa9988";
  result.changes = {removed, added};
  return result;
}

}  // namespace

TEST_CASE("diff report formats match their golden files", "[diff][report]") {
  auto result = test::fixture_pair_result();
  test::check_golden("diff/report.md", render(result, DiffFormat::markdown));
  test::check_golden("diff/report.html", render(result, DiffFormat::html));
  test::check_golden("diff/report.junit.xml", render(result, DiffFormat::junit));
  test::check_golden("diff/report.github.txt", render(result, DiffFormat::github));
  test::check_golden("diff/report.sarif", render(result, DiffFormat::sarif));
}

TEST_CASE("every diff format is byte-identical across runs", "[diff][report]") {
  auto first = test::fixture_pair_result();
  auto second = test::fixture_pair_result();
  for (const auto& name : report::diff_format_names()) {
    INFO(name);
    auto format = report::parse_diff_format(name);
    REQUIRE(format.has_value());
    CHECK(render(first, *format) == render(second, *format));
  }
  CHECK_FALSE(report::parse_diff_format("yaml").has_value());
  CHECK(report::diff_format_names().size() == 7);
}

TEST_CASE("sarif: a rule per check id, results in the revision or the base, stable fingerprints", "[diff][report]") {
  auto result = test::fixture_pair_result();
  auto sarif = nlohmann::json::parse(render(result, DiffFormat::sarif));
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  const auto& results = run["results"];
  REQUIRE(results.size() == result.changes.size());
  std::set<std::string> ids;
  for (const auto& change : result.changes) ids.insert(change.id);
  CHECK(rules.size() == ids.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& change = result.changes[i];
    const auto& item = results[i];
    INFO(change.id);
    CHECK(item["ruleId"] == change.id);
    CHECK(rules[item["ruleIndex"].get<std::size_t>()]["id"] == change.id);
    CHECK(item["partialFingerprints"]["apictlChange/v1"] == change.fingerprint);
    CHECK(item["level"] == (change.level == diff::Level::err    ? "error"
                            : change.level == diff::Level::warn ? "warning"
                                                                : "note"));
    const auto& location = item["locations"][0]["physicalLocation"];
    const auto& expected = change.revision.file.empty() ? change.base : change.revision;
    CHECK(location["artifactLocation"]["uri"] == expected.file);
    CHECK(location["region"]["startLine"] == expected.line);
  }
  // The removed DELETE operation is located in the base, where it still exists.
  const auto& removed = results.back();
  CHECK(removed["ruleId"] == "api-path-removed-without-deprecation");
  CHECK(removed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "tests/fixtures/diff/petstore-base.yaml");
  // A rule's default level is the registry's, whatever a result's own level.
  for (const auto& rule : rules) {
    if (rule["id"] == "request-parameter-removed") CHECK(rule["defaultConfiguration"]["level"] == "warning");
  }
}

TEST_CASE("junit: changes at or above --fail-on fail, the others pass", "[diff][report]") {
  auto result = test::fixture_pair_result();
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  std::string at_err = render(result, DiffFormat::junit, diff::Level::err);
  CHECK(count(at_err, "<testcase ") == 13);
  CHECK(count(at_err, "<failure ") == 5);
  CHECK(count(at_err, "<system-out>") == 8);
  CHECK(at_err.find("<testsuites name=\"apictl contract diff\" tests=\"13\" failures=\"5\"") != std::string::npos);
  CHECK(count(render(result, DiffFormat::junit, diff::Level::warn), "<failure ") == 7);
  CHECK(count(render(result, DiffFormat::junit, diff::Level::info), "<failure ") == 13);

  diff::DiffResult empty;
  empty.base = {"a.yaml", "3.0.3"};
  empty.revision = {"b.yaml", "3.0.3"};
  std::string none = render(empty, DiffFormat::junit);
  CHECK(count(none, "<testcase ") == 1);
  CHECK(count(none, "<failure ") == 0);
}

TEST_CASE("a major bump the version policy admits passes the gate in every format", "[diff][report]") {
  auto result = test::fixture_pair_result();
  result.breaking_admitted = true;
  std::string junit = render(result, DiffFormat::junit);
  CHECK(junit.find("<failure ") == std::string::npos);
  CHECK(junit.find("failures=\"0\"") != std::string::npos);
  CHECK(junit.find("admitted by the version policy") != std::string::npos);
  CHECK(render(result, DiffFormat::markdown).find("passes: the version policy admits 5 changes at or above ERR") !=
        std::string::npos);
  CHECK(render(result, DiffFormat::html).find("class=\"gate fails\"") == std::string::npos);
}

TEST_CASE("markdown and html count the changes the policy ignored", "[diff][report]") {
  auto result = test::fixture_pair_result();
  CHECK(render(result, DiffFormat::markdown).find("ignored by policy") == std::string::npos);
  result.ignored = 2;
  CHECK(render(result, DiffFormat::markdown).find("6 compatible; 2 changes ignored by policy.") != std::string::npos);
  CHECK(render(result, DiffFormat::html).find("2 changes ignored by policy") != std::string::npos);
}

TEST_CASE("markdown and html say whether the gate passes", "[diff][report]") {
  auto result = test::fixture_pair_result();
  CHECK(render(result, DiffFormat::markdown).find("**fails**: 5 changes at or above ERR") != std::string::npos);
  CHECK(render(result, DiffFormat::markdown, diff::Level::info).find("**fails**: 13 changes") != std::string::npos);
  CHECK(render(result, DiffFormat::html).find("class=\"gate fails\"") != std::string::npos);
  result.changes.erase(std::remove_if(result.changes.begin(), result.changes.end(),
                                      [](const diff::Change& change) { return change.level == diff::Level::err; }),
                       result.changes.end());
  CHECK(render(result, DiffFormat::markdown).find("`--fail-on ERR` passes.") != std::string::npos);
  CHECK(render(result, DiffFormat::markdown).find("### Breaking") == std::string::npos);
  CHECK(render(result, DiffFormat::html).find("class=\"gate\"") != std::string::npos);
}

TEST_CASE("html is one self-contained page with everything from the contracts escaped", "[diff][report]") {
  std::string html = render(hostile_result(), DiffFormat::html);
  CHECK(html.starts_with("<!DOCTYPE html>\n"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot;") != std::string::npos);
  CHECK(html.find("/a&lt;b&gt;/{id}&amp;x") != std::string::npos);
  CHECK(html.find("get&lt;script&gt;") != std::string::npos);
  // No network: no URL, no external stylesheet, font, image or script.
  for (const char* forbidden : {"http:", "https:", "//", "<link", "<img", "src=", "@import", "url("}) {
    INFO(forbidden);
    CHECK(html.find(forbidden) == std::string::npos);
  }
  // The fixture pair's page too, and one without changes.
  std::string page = render(test::fixture_pair_result(), DiffFormat::html);
  CHECK(page.find("http") == std::string::npos);
  CHECK(page.find("<input type=\"checkbox\" class=\"filter\" id=\"show-ERR\" checked=\"checked\"/>") !=
        std::string::npos);
  diff::DiffResult empty;
  empty.base = {"a.yaml", "3.0.3"};
  empty.revision = {"b.yaml", "3.0.3"};
  CHECK(render(empty, DiffFormat::html).find("No changes.") != std::string::npos);
}

TEST_CASE("github annotations escape data and properties as GitHub documents", "[diff][report]") {
  std::string github = render(hostile_result(), DiffFormat::github);
  std::istringstream lines(github);
  std::string removed;
  std::string added;
  REQUIRE(std::getline(lines, removed));
  REQUIRE(std::getline(lines, added));
  std::string extra;
  CHECK_FALSE(std::getline(lines, extra));
  // Removed: located in the base; ':' in the file name escaped as a property; %, CR and LF in the message.
  CHECK(removed.starts_with(
      "::error file=origin/main%3Aapi spec.yaml,line=12,col=5,title=api-removed-without-deprecation::GET "
      "/a<b>/{id}&x: <script>"));
  CHECK(removed.find("a:b 100%25 ") != std::string::npos);
  CHECK(removed.ends_with("%0Anext"));
  CHECK(added == "::notice file=api spec.yaml,line=30,col=3,title=endpoint-added::POST /pets: endpoint added");
}

TEST_CASE("markdown renders what the contracts say literally", "[diff][report]") {
  std::string markdown = render(hostile_result(), DiffFormat::markdown);
  CHECK(markdown.find("\\<script\\>alert('x')\\</script\\> \\& \"quoted\", a:b 100% \\*bold\\* \\`code\\` "
                      "\\[link\\](javascript:x) next") != std::string::npos);
  CHECK(markdown.find("**`GET /a<b>/{id}&x`** (`get<script>`)") != std::string::npos);
  CHECK(markdown.find("(`origin/main:api spec.yaml:12:5`)") != std::string::npos);
  // Compatible changes fold away under the breaking ones.
  CHECK(markdown.find("### Breaking (ERR): 1") < markdown.find("<summary>Compatible (INFO): 1</summary>"));
  CHECK(markdown.ends_with("</details>\n"));
}

TEST_CASE("sarif and junit carry hostile text safely", "[diff][report]") {
  auto sarif = nlohmann::json::parse(render(hostile_result(), DiffFormat::sarif));
  const auto& removed = sarif["runs"][0]["results"][0];
  CHECK(removed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "origin/main%3Aapi%20spec.yaml");
  CHECK_FALSE(removed.contains("relatedLocations"));  // nothing in the revision to relate the base to
  CHECK(sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 30);
  std::string junit = render(hostile_result(), DiffFormat::junit);
  CHECK(junit.find("<script") == std::string::npos);
  CHECK(junit.find("classname=\"GET /a&lt;b&gt;/{id}&amp;x (get&lt;script&gt;)\"") != std::string::npos);
}
