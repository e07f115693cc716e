// The SLO report page: a chart per SLO, budget lines where budgets are set, nothing loaded from anywhere.
#include "slo/report_html.hpp"

#include <catch2/catch.hpp>

#include <regex>

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

}  // namespace

TEST_CASE("the report has a chart per SLO and a line per budget", "[slo]") {
  std::vector<apictl::slo::Measurement> history(3);
  history[0].scenario = "ttfr";
  history[0].figures = {{"ttfr_seconds", 2.5}};
  history[0].time = "2026-01-01T00:00:00Z";
  history[1].scenario = "lead-time";
  history[1].figures = {{"lead_time_p50_days", 1}, {"lead_time_p90_days", 8}};
  history[1].open = {"GET /pets: no test"};
  history[1].time = "2026-01-02T00:00:00Z";
  history[2].scenario = "ttfr";
  history[2].figures = {{"ttfr_seconds", 1.5}};
  history[2].time = "2026-01-03T00:00:00Z";
  history[2].tag = "v1.0.0<script>";
  apictl::project::SloConfig config;
  config.ttfr_seconds = 3;
  config.lead_time_p90_days = 7;
  std::string page = apictl::slo::render_slo_report(history, config, {"pets", ""});

  CHECK(count(page, "<svg class=\"slo-chart\"") == 3);
  CHECK(count(page, "class=\"budget-line\"") == 2);
  CHECK(page.find("data-figure=\"ttfr_seconds\" x1") != std::string::npos);
  CHECK(count(page, "<polyline class=\"series\" data-figure=\"ttfr_seconds\"") == 1);
  CHECK(count(page, "<circle class=\"point\" data-figure=\"ttfr_seconds\"") == 2);
  CHECK(page.find("not measured yet") != std::string::npos);  // defects
  CHECK(page.find("GET /pets: no test") != std::string::npos);
  CHECK(page.find("breached") != std::string::npos);  // p90 8 > 7
  CHECK(page.find("<script") == std::string::npos);   // the tag is escaped, and the page has no script
  CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)=")")));
}
