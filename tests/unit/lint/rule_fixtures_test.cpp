// Registry invariants: every rule has a unique kebab-case id, a summary, and a passing and a failing fixture
// (tests/fixtures/lint/<rule-id>/pass.yaml and fail.yaml) on which it behaves as the names say.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "lint/lint.hpp"
#include "support/rule_findings.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

std::vector<Diagnostic> findings_of(const fs::path& file, std::string_view rule) {
  return test::rule_findings(file, file.string(), rule);
}

}  // namespace

TEST_CASE("rule ids are unique, kebab-case and described") {
  std::set<std::string_view> ids;
  const std::regex kebab("^[a-z0-9]+(-[a-z0-9]+)*$");
  for (const auto& rule : lint::all_rules()) {
    INFO(rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(std::regex_match(std::string(rule.id), kebab));
    CHECK(!rule.summary.empty());
    CHECK(rule.check != nullptr);
  }
  CHECK(ids.size() >= 2);
}

TEST_CASE("every rule passes its pass fixture and fires on its fail fixture") {
  const fs::path root = fs::path(APICTL_SOURCE_DIR) / "tests/fixtures/lint";
  for (const auto& rule : lint::all_rules()) {
    const fs::path folder = root / std::string(rule.id);
    INFO("rule " << rule.id << " fixtures in " << folder);
    REQUIRE(fs::exists(folder / "pass.yaml"));
    REQUIRE(fs::exists(folder / "fail.yaml"));
    CHECK(findings_of(folder / "pass.yaml", rule.id).empty());
    auto failing = findings_of(folder / "fail.yaml", rule.id);
    CHECK(!failing.empty());
    for (const auto& finding : failing) {
      INFO(format_diagnostic(finding));
      CHECK(finding.where.line > 0);
      CHECK(finding.where.column > 0);
      CHECK(!finding.message.empty());
    }
  }
}

TEST_CASE("every rule is explained in docs/lint-rules-details.md") {
  std::ifstream input(fs::path(APICTL_SOURCE_DIR) / "docs/lint-rules-details.md");
  std::stringstream text;
  text << input.rdbuf();
  for (const auto& rule : lint::all_rules()) {
    INFO(rule.id);
    CHECK(text.str().find("| `" + std::string(rule.id) + "` |") != std::string::npos);
  }
}
