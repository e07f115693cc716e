// `slo report`: one self-contained HTML page with a trend chart per SLO — inline SVG, the budget drawn as a line,
// no script and nothing loaded from anywhere.
#pragma once

#include <string>
#include <vector>

#include "project/project_config.hpp"
#include "slo/measurement.hpp"

namespace apictl::slo {

struct SloReportOptions {
  std::string project_name;  // the page's title; "" for none
  std::string generated_at;  // shown at the bottom; "" for none
};

// One <section class="slo" data-slo="ID"> per SLO of the catalogue, each with one <svg class="slo-chart">; a
// budget set in [slo] is a <line class="budget-line" data-figure="FIGURE">. Points are the measurements in the
// order they were taken; each carries its time, commit and release (tag) in a tooltip.
std::string render_slo_report(const std::vector<Measurement>& history, const project::SloConfig& config,
                              const SloReportOptions& options);

}  // namespace apictl::slo
