// apictl.toml [slo]: budgets and test globs read strictly, errors at line:column.
#include <catch2/catch.hpp>

#include "project/project_config.hpp"

namespace {

apictl::Result<apictl::project::ProjectConfig> parse(std::string_view text) {
  return apictl::project::parse_project_config(text, "apictl.toml");
}

}  // namespace

TEST_CASE("[slo] budgets and test globs are read", "[slo]") {
  auto config = parse(
      "[project]\nname = \"pets\"\n\n[slo]\nttfr_seconds = 3\nlead_time_p50_days = 1.5\nlead_time_p90_days = 7\n"
      "defects = 0\ntests = [\"tests/**\", \"e2e/**/*.sh\"]\nlead_time_operations = 50\n");
  REQUIRE(config.has_value());
  CHECK(config->slo.ttfr_seconds == 3.0);
  CHECK(config->slo.lead_time_p50_days == 1.5);
  CHECK(config->slo.lead_time_p90_days == 7.0);
  CHECK(config->slo.defects == 0.0);
  CHECK(config->slo.test_globs == std::vector<std::string>{"tests/**", "e2e/**/*.sh"});
  CHECK(config->slo.lead_time_operations == 50);

  auto defaults = parse("[project]\nname = \"pets\"\n");
  REQUIRE(defaults.has_value());
  CHECK_FALSE(defaults->slo.ttfr_seconds.has_value());
  CHECK(defaults->slo.test_globs == std::vector<std::string>{"tests/**"});
}

TEST_CASE("a malformed [slo] is an error at its line and column", "[slo]") {
  auto unknown = parse("[slo]\nttfr_seconds = 3\nttfr_second = 4\n");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().where.line == 3);
  CHECK(unknown.error().where.column == 1);
  CHECK(unknown.error().hint.find("did you mean 'ttfr_seconds'") != std::string::npos);

  auto text_budget = parse("[slo]\nttfr_seconds = \"3s\"\n");
  REQUIRE_FALSE(text_budget.has_value());
  CHECK(apictl::format_diagnostic(text_budget.error()).starts_with("apictl.toml:2:16: error: 'ttfr_seconds' must be"));

  auto negative = parse("[slo]\ndefects = -1\n");
  REQUIRE_FALSE(negative.has_value());
  CHECK(negative.error().where.line == 2);

  auto globs = parse("[slo]\ntests = \"tests/**\"\n");
  REQUIRE_FALSE(globs.has_value());
  CHECK(globs.error().message.find("'tests' must be") != std::string::npos);

  auto not_table = parse("slo = 3\n");
  REQUIRE_FALSE(not_table.has_value());
  CHECK(not_table.error().message == "[slo] must be a table");
}
