// Golden files for every lint output format. Regenerate on purpose with APICTL_UPDATE_GOLDEN=1 and review
// the diff: the diff is the review.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/lint_report.hpp"
#include "support/golden_file.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

lint::LintResult sample_result() {
  lint::LintResult result;
  result.contracts.push_back({"api/openapi.yaml", "3.1.0", {"api/openapi.yaml", "api/schemas/pet.yaml"}});
  result.findings = {
      {Severity::error,
       "no-unresolved-refs",
       "$ref '#/components/schemas/Pets' does not resolve",
       {"api/openapi.yaml", 14, 17, "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"},
       "no node at '/components/schemas/Pets' in api/openapi.yaml"},
      {Severity::warn,
       "operation-description",
       "operation GET /pets has no description",
       {"api/openapi.yaml", 7, 5, "/paths/~1pets/get"},
       "say what it does, for the docs"},
      {Severity::info,
       "operation-singular-tag",
       "message with \"quotes\", <xml> & a,colon: 100%",
       {"api/schemas/pet.yaml", 3, 1, ""},
       ""},
  };
  return result;
}

std::string render(report::LintFormat format) {
  std::ostringstream out;
  report::write_lint_report(out, sample_result(), format, TerminalStyle{});
  return out.str();
}

}  // namespace

TEST_CASE("text report matches its golden file") {
  test::check_golden("lint/report.txt", render(report::LintFormat::text));
}
TEST_CASE("json report matches its golden file") {
  test::check_golden("lint/report.json", render(report::LintFormat::json));
}
TEST_CASE("sarif report matches its golden file") {
  test::check_golden("lint/report.sarif", render(report::LintFormat::sarif));
}
TEST_CASE("junit report matches its golden file") {
  test::check_golden("lint/report.junit.xml", render(report::LintFormat::junit));
}
TEST_CASE("junit fails what the exit code fails: findings at or above --fail-on") {
  auto failures_of = [](Severity fail_on) {
    std::ostringstream out;
    report::write_lint_report(out, sample_result(), report::LintFormat::junit, TerminalStyle{}, fail_on);
    std::string xml = out.str();
    std::size_t count = 0;
    for (std::size_t at = xml.find("<failure "); at != std::string::npos; at = xml.find("<failure ", at + 1)) ++count;
    return std::pair{count, xml};
  };
  auto [errors_only, xml] = failures_of(Severity::error);
  auto [down_to_hints, unused] = failures_of(Severity::hint);
  CHECK(errors_only < down_to_hints);
  CHECK(down_to_hints == sample_result().findings.size());
  CHECK(xml.find("below --fail-on error</system-out>") != std::string::npos);
  CHECK(xml.find("failures=\"" + std::to_string(errors_only) + "\">") != std::string::npos);
}
TEST_CASE("github report matches its golden file") {
  test::check_golden("lint/report.github.txt", render(report::LintFormat::github));
}

TEST_CASE("json and sarif reports are well-formed with every location") {
  auto json = nlohmann::json::parse(render(report::LintFormat::json));
  CHECK(json["summary"]["total"] == 3);
  CHECK(json["summary"]["errors"] == 1);
  CHECK(json["findings"][0]["line"] == 14);
  auto sarif = nlohmann::json::parse(render(report::LintFormat::sarif));
  CHECK(sarif["version"] == "2.1.0");
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[1]["level"] == "warning");
  CHECK(results[2]["level"] == "note");
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 17);
  CHECK(sarif["runs"][0]["tool"]["driver"]["rules"].size() == 3);
}

TEST_CASE("the exit threshold counts findings at or above it") {
  auto result = sample_result();
  CHECK(report::has_findings_at(result, Severity::error));
  result.findings.erase(result.findings.begin());
  CHECK_FALSE(report::has_findings_at(result, Severity::error));
  CHECK(report::has_findings_at(result, Severity::warn));
  result.findings.erase(result.findings.begin());
  CHECK_FALSE(report::has_findings_at(result, Severity::warn));
  CHECK(report::has_findings_at(result, Severity::info));
}

TEST_CASE("colour only when the style asks for it") {
  std::ostringstream plain;
  report::write_lint_report(plain, sample_result(), report::LintFormat::text, TerminalStyle{});
  CHECK(plain.str().find('\033') == std::string::npos);
  std::ostringstream coloured;
  report::write_lint_report(coloured, sample_result(), report::LintFormat::text, TerminalStyle{true, false, false});
  CHECK(coloured.str().find("\033[31merror") != std::string::npos);
}
