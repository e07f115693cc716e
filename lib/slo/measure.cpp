// Running the scenarios of `slo measure` and recording what they found.
#include "slo/measure.hpp"

#include "slo/history.hpp"
#include "slo/project_git.hpp"

namespace apictl::slo {

std::string_view scenario_name(Scenario scenario) {
  switch (scenario) {
    case Scenario::ttfr:
      return "ttfr";
    case Scenario::lead_time:
      return "lead-time";
    case Scenario::defects:
      return "defects";
  }
  return "ttfr";
}

namespace {

Measurement ttfr_measurement(const TtfrResult& result) {
  Measurement measurement;
  measurement.scenario = "ttfr";
  measurement.figures.emplace_back(std::string(ttfr_figure), result.median_total_seconds);
  measurement.phases = result.median_phases;
  for (const TtfrRun& run : result.runs) measurement.run_totals.push_back(run.total_seconds);
  measurement.source = result.source;
  return measurement;
}

Measurement lead_time_measurement(const LeadTimeResult& result) {
  Measurement measurement;
  measurement.scenario = "lead-time";
  if (result.p50_days) measurement.figures.emplace_back(std::string(lead_time_p50_figure), *result.p50_days);
  if (result.p90_days) measurement.figures.emplace_back(std::string(lead_time_p90_figure), *result.p90_days);
  for (const OperationLeadTime& operation : result.operations) {
    if (!operation.done) measurement.open.push_back(open_reason(operation));
  }
  return measurement;
}

}  // namespace

Result<MeasureOutcome> run_measure(const MeasureOptions& options) {
  MeasureOutcome outcome;
  auto need_project = [&](std::string_view what) -> Result<void> {
    if (options.project) return {};
    return fail("usage", "no apictl.toml here or above: " + std::string(what) + " needs a project", {},
                "run it inside a project made by apictl new");
  };
  for (Scenario scenario : options.scenarios) {
    if (scenario == Scenario::ttfr) {
      if (options.template_ref.empty()) {
        if (auto ok = need_project("measuring a fresh copy"); !ok) return std::unexpected(ok.error());
      }
      TtfrOptions ttfr;
      if (options.project) {
        ttfr.root = options.project->root;
        ttfr.ignore_globs = options.project->dev.ignore;
      }
      ttfr.template_ref = options.template_ref;
      ttfr.run_setup = options.run_setup;
      ttfr.runs = options.runs;
      ttfr.response_timeout = options.response_timeout;
      ttfr.progress = options.progress;
      auto result = measure_ttfr(ttfr);
      if (!result) return std::unexpected(result.error());
      outcome.measurements.push_back(ttfr_measurement(*result));
      outcome.ttfr = std::move(*result);
    } else if (scenario == Scenario::lead_time) {
      if (auto ok = need_project("lead time"); !ok) return std::unexpected(ok.error());
      if (!options.project->contract) {
        return fail("usage", "[contract] path is not set in apictl.toml: lead time needs the contract",
                    {options.project->file.string(), 0, 0, {}}, "set [contract] path = \"openapi.yaml\"");
      }
      if (options.progress) options.progress("lead time: reading git history");
      LeadTimeOptions lead;
      lead.root = options.project->root;
      lead.contract = *options.project->contract;
      lead.test_globs = options.project->slo.test_globs;
      lead.last_operations = options.last_operations.value_or(options.project->slo.lead_time_operations);
      auto result = measure_lead_time(lead);
      if (!result) return std::unexpected(result.error());
      outcome.measurements.push_back(lead_time_measurement(*result));
      outcome.lead_time = std::move(*result);
    } else {
      if (auto ok = need_project("the defects scenario"); !ok) return std::unexpected(ok.error());
      DefectsOptions defects;
      defects.project = &*options.project;
      defects.response_timeout = options.response_timeout;
      defects.progress = options.progress;
      auto result = measure_defects(defects);
      if (!result) return std::unexpected(result.error());
      Measurement measurement;
      measurement.scenario = "defects";
      measurement.figures.emplace_back(std::string(defects_figure), static_cast<double>(result->defects));
      outcome.measurements.push_back(std::move(measurement));
      outcome.defects = std::move(*result);
    }
  }
  std::filesystem::path stamp_root = options.project ? options.project->root : std::filesystem::path(".");
  MeasurementStamp stamp = stamp_now(stamp_root);
  for (Measurement& measurement : outcome.measurements) {
    measurement.commit = stamp.commit;
    measurement.tag = stamp.tag;
    measurement.time = stamp.time;
    measurement.host = stamp.host;
  }
  if (options.record && options.project) {
    if (auto ok = append_history(options.project->root, outcome.measurements); !ok) return std::unexpected(ok.error());
    outcome.recorded_in = (options.project->root / history_file).lexically_normal();
  }
  return outcome;
}

}  // namespace apictl::slo
