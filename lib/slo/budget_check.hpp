// `slo check`: the latest figure of each SLO against its budget in apictl.toml [slo].
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "project/project_config.hpp"
#include "slo/measurement.hpp"

namespace apictl::slo {

enum class BudgetStatus { met, breached, unmeasured };
std::string_view status_name(BudgetStatus status);  // "met", "breached", "unmeasured"

struct BudgetResult {
  std::string figure;  // "ttfr_seconds"
  double budget = 0;
  BudgetStatus status = BudgetStatus::unmeasured;
  std::optional<Measurement> latest;  // the newest measurement with this figure
  std::optional<double> value;        // its value of the figure
};

struct BudgetCheck {
  std::vector<BudgetResult> results;  // one per budget set, in catalogue order
  // Every budget met. A budget never measured is not met: it cannot be shown to hold.
  bool met() const;
};

// A figure is within its budget when it is at most the budget.
BudgetCheck check_budgets(const std::vector<Measurement>& history, const project::SloConfig& config);

}  // namespace apictl::slo
