// Comparing the newest figures with their budgets.
#include "slo/budget_check.hpp"

#include "slo/slo_catalog.hpp"

namespace apictl::slo {

std::string_view status_name(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::met:
      return "met";
    case BudgetStatus::breached:
      return "breached";
    case BudgetStatus::unmeasured:
      return "unmeasured";
  }
  return "unmeasured";
}

bool BudgetCheck::met() const {
  for (const BudgetResult& result : results) {
    if (result.status != BudgetStatus::met) return false;
  }
  return true;
}

BudgetCheck check_budgets(const std::vector<Measurement>& history, const project::SloConfig& config) {
  BudgetCheck check;
  for (const SloDefinition& slo : slo_catalog) {
    for (std::string_view figure : slo.figures) {
      if (figure.empty()) continue;
      auto budget = budget_for(config, figure);
      if (!budget) continue;
      BudgetResult result;
      result.figure = std::string(figure);
      result.budget = *budget;
      // The history is in the order measured: the last line with the figure is the latest.
      for (auto measurement = history.rbegin(); measurement != history.rend(); ++measurement) {
        if (auto value = measurement->figure(figure)) {
          result.latest = *measurement;
          result.value = *value;
          break;
        }
      }
      if (result.value) result.status = *result.value <= *budget ? BudgetStatus::met : BudgetStatus::breached;
      check.results.push_back(std::move(result));
    }
  }
  return check;
}

}  // namespace apictl::slo
