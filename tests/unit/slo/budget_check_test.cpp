// slo check: the newest figure against its budget; never measured is not met; no budget, nothing to check.
#include "slo/budget_check.hpp"

#include <catch2/catch.hpp>

namespace {

apictl::slo::Measurement measured(std::string scenario, std::vector<std::pair<std::string, double>> figures) {
  apictl::slo::Measurement measurement;
  measurement.scenario = std::move(scenario);
  measurement.figures = std::move(figures);
  measurement.time = "2026-01-01T00:00:00Z";
  return measurement;
}

}  // namespace

TEST_CASE("budgets are checked against the latest measurement of each figure", "[slo]") {
  std::vector<apictl::slo::Measurement> history = {
      measured("ttfr", {{"ttfr_seconds", 5}}),
      measured("lead-time", {{"lead_time_p50_days", 1}, {"lead_time_p90_days", 9}}),
      measured("ttfr", {{"ttfr_seconds", 2}}),
  };
  apictl::project::SloConfig config;
  config.ttfr_seconds = 3;
  config.lead_time_p90_days = 7;
  auto check = apictl::slo::check_budgets(history, config);
  REQUIRE(check.results.size() == 2);
  CHECK(check.results[0].figure == "ttfr_seconds");
  CHECK(check.results[0].value == 2);  // the latest, not the first
  CHECK(check.results[0].status == apictl::slo::BudgetStatus::met);
  CHECK(check.results[1].figure == "lead_time_p90_days");
  CHECK(check.results[1].status == apictl::slo::BudgetStatus::breached);
  CHECK_FALSE(check.met());

  config.lead_time_p90_days = 9;  // equal to the budget is within it
  CHECK(apictl::slo::check_budgets(history, config).met());

  config.defects = 0;
  auto unmeasured = apictl::slo::check_budgets(history, config);
  CHECK(unmeasured.results.back().status == apictl::slo::BudgetStatus::unmeasured);
  CHECK_FALSE(unmeasured.met());

  CHECK(apictl::slo::check_budgets(history, apictl::project::SloConfig{}).met());
}
