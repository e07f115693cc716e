// `slo measure`: runs the chosen scenarios, stamps each result (commit, tag, time, host) and records it in the
// project's history.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "project/project_config.hpp"
#include "slo/defects.hpp"
#include "slo/lead_time.hpp"
#include "slo/measurement.hpp"
#include "slo/ttfr.hpp"

namespace apictl::slo {

enum class Scenario { ttfr, lead_time, defects };
std::string_view scenario_name(Scenario scenario);  // "ttfr", "lead-time", "defects"

struct MeasureOptions {
  std::optional<project::ProjectConfig> project;  // absent only for ttfr from a template outside a project
  std::vector<Scenario> scenarios;
  int runs = 3;              // ttfr
  std::string template_ref;  // ttfr: scaffold instead of copying the project
  bool run_setup = true;     // ttfr
  std::chrono::milliseconds response_timeout{std::chrono::seconds(60)};
  std::optional<int> last_operations;  // lead-time: overrides [slo] lead_time_operations
  bool record = true;                  // append to the history (needs a project)
  std::function<void(std::string_view)> progress;
};

struct MeasureOutcome {
  std::vector<Measurement> measurements;  // in scenario order
  std::optional<TtfrResult> ttfr;         // the details behind the figures
  std::optional<LeadTimeResult> lead_time;
  std::optional<DefectsResult> defects;
  std::optional<std::filesystem::path> recorded_in;  // the history file, when recorded
};

// Stops at the first scenario that fails; nothing is recorded then.
Result<MeasureOutcome> run_measure(const MeasureOptions& options);

}  // namespace apictl::slo
