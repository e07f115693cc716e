// The SLOs apictl measures: each with its scenario, the figures it records and their unit. `check` and `report`
// walk this one list, so a new SLO is one row here plus its scenario.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "project/project_config.hpp"
#include "slo/measurement.hpp"

namespace apictl::slo {

struct SloDefinition {
  std::string_view id;                      // "ttfr", "lead-time", "defects": the scenario that measures it
  std::string_view title;                   // "Time to first request"
  std::string_view unit;                    // "s", "days", ""
  std::array<std::string_view, 2> figures;  // "" when unused
  std::array<std::string_view, 2> labels;   // short names of the figures in a chart with two: "p50", "p90"
};

inline constexpr std::array<SloDefinition, 3> slo_catalog = {{
    {"ttfr", "Time to first request", "s", {ttfr_figure, ""}, {"", ""}},
    {"lead-time", "Endpoint lead time", "days", {lead_time_p50_figure, lead_time_p90_figure}, {"p50", "p90"}},
    {"defects", "Contract defects", "", {defects_figure, ""}, {"", ""}},
}};

// The budget apictl.toml [slo] sets for a figure, if any.
inline std::optional<double> budget_for(const project::SloConfig& config, std::string_view figure) {
  if (figure == ttfr_figure) return config.ttfr_seconds;
  if (figure == lead_time_p50_figure) return config.lead_time_p50_days;
  if (figure == lead_time_p90_figure) return config.lead_time_p90_days;
  if (figure == defects_figure) return config.defects;
  return std::nullopt;
}

}  // namespace apictl::slo
