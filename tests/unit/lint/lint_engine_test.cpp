// The lint engine: presets, overrides, ignores (inline and by pointer glob), Swagger 2.0, and ordering.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "lint/lint.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

// One folder for the whole test run's contracts, removed when the tests end.
fs::path write_contract(const std::string& name, const std::string& text) {
  static const test::ScratchFolder folder("engine");
  return folder.write(name + ".yaml", text);
}

std::size_t count(const lint::LintResult& result, std::string_view rule) {
  return static_cast<std::size_t>(
      std::ranges::count_if(result.findings, [&](const auto& f) { return f.code == rule; }));
}

const char* two_bad_refs = R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing'}
  /b:
    x-apictl-ignore: [no-unresolved-refs]
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing'}
)";

}  // namespace

TEST_CASE("inline x-apictl-ignore silences a rule on the node and below") {
  auto result =
      lint::lint_contract(write_contract("inline", two_bad_refs), "inline.yaml", {lint::Preset::structural, {}, {}});
  REQUIRE(result.has_value());
  REQUIRE(count(*result, "no-unresolved-refs") == 1);
  CHECK(result->findings[0].where.pointer.starts_with("/paths/~1a/"));
}

TEST_CASE("configured ignores match JSON pointer globs; overrides change severity or turn rules off") {
  auto file = write_contract("config", two_bad_refs);
  lint::LintOptions ignore_a{lint::Preset::structural, {}, {{"no-unresolved-refs", "/paths/~1a/**", {}}}};
  auto ignored = lint::lint_contract(file, "config.yaml", ignore_a);
  REQUIRE(ignored.has_value());
  CHECK(count(*ignored, "no-unresolved-refs") == 0);

  lint::LintOptions as_warning{lint::Preset::structural, {{"no-unresolved-refs", Severity::warn, {}}}, {}};
  auto warned = lint::lint_contract(file, "config.yaml", as_warning);
  REQUIRE(warned.has_value());
  REQUIRE(count(*warned, "no-unresolved-refs") == 1);
  CHECK(warned->findings[0].severity == Severity::warn);

  lint::LintOptions off{lint::Preset::structural, {{"no-unresolved-refs", std::nullopt, {}}}, {}};
  CHECK(count(*lint::lint_contract(file, "config.yaml", off), "no-unresolved-refs") == 0);

  lint::LintOptions unknown{lint::Preset::structural, {{"no-unresolved-ref", Severity::warn, {}}}, {}};
  auto refused = lint::lint_contract(file, "config.yaml", unknown);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().hint.find("'no-unresolved-refs'") != std::string::npos);
}

TEST_CASE("presets nest: every rule of a smaller preset runs in the larger ones") {
  auto file = write_contract("presets", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
  std::size_t previous = 0;
  for (auto preset : {lint::Preset::structural, lint::Preset::recommended, lint::Preset::strict, lint::Preset::all}) {
    auto result = lint::lint_contract(file, "presets.yaml", {preset, {}, {}});
    REQUIRE(result.has_value());
    CHECK(result->rules_run > previous);
    previous = result->rules_run;
  }
  CHECK(previous == lint::all_rules().size());
}

TEST_CASE("Swagger 2.0 is one clear finding, not an input error") {
  auto file = write_contract("swagger", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
  auto result = lint::lint_contract(file, "swagger.yaml", {});
  REQUIRE(result.has_value());
  REQUIRE(result->findings.size() == 1);
  CHECK(result->findings[0].code == "oas-structure");
  CHECK(result->findings[0].where.line == 1);
  CHECK(result->findings[0].message.find("Swagger 2.0") != std::string::npos);
}

TEST_CASE("a document that is a list or has no openapi field is an input error") {
  auto list = lint::lint_contract(write_contract("list", "- a\n- b\n"), "list.yaml", {});
  REQUIRE_FALSE(list.has_value());
  CHECK(list.error().code == "not-openapi");
  auto bare = lint::lint_contract(write_contract("bare", "info: {title: t}\n"), "bare.yaml", {});
  REQUIRE_FALSE(bare.has_value());
  CHECK(bare.error().where.line == 1);
}

TEST_CASE("operations behind a bundler-style $ref are linted through it") {
  fs::path fixture = fs::path(APICTL_SOURCE_DIR) / "tests/fixtures/lint/no-misplaced-refs/fail.yaml";
  auto result = lint::lint_contract(fixture, "fail.yaml", {lint::Preset::all, {}, {}});
  REQUIRE(result.has_value());
  CHECK(count(*result, "no-misplaced-refs") == 1);
  CHECK(count(*result, "operation-operation-id") == 0);  // the target has one
  CHECK(count(*result, "operation-description") == 1);   // and no description
}

TEST_CASE("findings are ordered by file, line and column") {
  auto result = lint::lint_contract(write_contract("order", two_bad_refs), "order.yaml", {lint::Preset::all, {}, {}});
  REQUIRE(result.has_value());
  CHECK(std::ranges::is_sorted(result->findings, [](const auto& a, const auto& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  }));
}

TEST_CASE("findings do not depend on how many threads run the rules") {
  const fs::path fixtures = fs::path(APICTL_SOURCE_DIR) / "tests/fixtures/lint";
  std::size_t linted = 0;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    fs::path file = entry.path() / "fail.yaml";
    if (!fs::exists(file)) continue;
    lint::LintOptions one{lint::Preset::all, {}, {}, 1};
    lint::LintOptions many{lint::Preset::all, {}, {}, 8};
    auto alone = lint::lint_contract(file, file.string(), one);
    auto together = lint::lint_contract(file, file.string(), many);
    REQUIRE(alone.has_value() == together.has_value());
    if (!alone) continue;
    INFO(file.string());
    REQUIRE(alone->findings.size() == together->findings.size());
    CHECK_FALSE(alone->findings.empty());
    for (std::size_t i = 0; i < alone->findings.size(); ++i) {
      const Diagnostic& a = alone->findings[i];
      const Diagnostic& b = together->findings[i];
      CHECK(std::tie(a.code, a.message, a.where.line, a.where.column, a.where.pointer) ==
            std::tie(b.code, b.message, b.where.line, b.where.column, b.where.pointer));
    }
    ++linted;
  }
  CHECK(linted >= 50);
}
