// The SLO history: measurements round-trip through their JSON lines, appends keep order, bad lines name their place.
#include "slo/history.hpp"

#include <catch2/catch.hpp>

#include "support/scratch_folder.hpp"

namespace {

apictl::slo::Measurement ttfr(double seconds, std::string time) {
  apictl::slo::Measurement measurement;
  measurement.scenario = "ttfr";
  measurement.figures = {{"ttfr_seconds", seconds}};
  measurement.phases = {{"copy", 0.01}, {"start", 0.5}, {"first_response", 0.02}};
  measurement.run_totals = {seconds, seconds + 0.1};
  measurement.source = "copy";
  measurement.commit = "0123456789abcdef0123456789abcdef01234567";
  measurement.tag = "v1.2.0";
  measurement.time = std::move(time);
  measurement.host = "ci-1";
  return measurement;
}

}  // namespace

TEST_CASE("measurements are appended and read back in order", "[slo]") {
  apictl::test::ScratchFolder folder("slo-history");
  auto empty = apictl::slo::read_history(folder.path());
  REQUIRE(empty.has_value());
  CHECK(empty->empty());

  apictl::slo::Measurement lead;
  lead.scenario = "lead-time";
  lead.figures = {{"lead_time_p50_days", 1.5}, {"lead_time_p90_days", 4}};
  lead.open = {"GET /pets: no test"};
  lead.time = "2026-01-02T00:00:00Z";
  REQUIRE(apictl::slo::append_history(folder.path(), {ttfr(1.25, "2026-01-01T00:00:00Z")}).has_value());
  REQUIRE(apictl::slo::append_history(folder.path(), {lead, ttfr(2.5, "2026-01-03T00:00:00Z")}).has_value());

  auto history = apictl::slo::read_history(folder.path());
  REQUIRE(history.has_value());
  REQUIRE(history->size() == 3);
  CHECK((*history)[0].figure("ttfr_seconds") == 1.25);
  CHECK((*history)[0].phases.size() == 3);
  CHECK((*history)[0].phases[1].name == "start");
  CHECK((*history)[0].run_totals.size() == 2);
  CHECK((*history)[0].tag == "v1.2.0");
  CHECK((*history)[0].host == "ci-1");
  CHECK((*history)[1].open == std::vector<std::string>{"GET /pets: no test"});
  CHECK((*history)[1].figure("lead_time_p90_days") == 4);
  CHECK_FALSE((*history)[1].figure("ttfr_seconds").has_value());
  CHECK((*history)[2].figure("ttfr_seconds") == 2.5);
  CHECK(apictl::slo::to_json((*history)[0]) == apictl::slo::to_json(ttfr(1.25, "2026-01-01T00:00:00Z")));
}

TEST_CASE("a malformed history line is an error with its line and column", "[slo]") {
  apictl::test::ScratchFolder folder("slo-history-bad");
  folder.write(".apictl/slo-history.jsonl",
               "{\"scenario\":\"ttfr\",\"figures\":{\"ttfr_seconds\":1},\"time\":\"t\"}\n{\"scenario\": tru}\n");
  auto history = apictl::slo::read_history(folder.path());
  REQUIRE_FALSE(history.has_value());
  CHECK(history.error().where.line == 2);
  CHECK(history.error().where.column > 1);
  CHECK(history.error().where.file.ends_with("slo-history.jsonl"));

  folder.write(".apictl/slo-history.jsonl",
               "{\"scenario\":\"ttfr\",\"figures\":{\"ttfr_seconds\":\"fast\"},\"time\":\"t\"}\n");
  auto wrong_type = apictl::slo::read_history(folder.path());
  REQUIRE_FALSE(wrong_type.has_value());
  CHECK(wrong_type.error().message.find("ttfr_seconds") != std::string::npos);
}
