// What `slo measure` and `slo check` print: text for people, JSON for machines (docs/slo.md has the schema).
#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>

#include "report/terminal.hpp"
#include "slo/budget_check.hpp"
#include "slo/measure.hpp"

namespace apictl::slo {

void write_measure_text(std::ostream& out, const MeasureOutcome& outcome, const TerminalStyle& style);
nlohmann::ordered_json measure_json(const MeasureOutcome& outcome);

void write_check_text(std::ostream& out, const BudgetCheck& check, const TerminalStyle& style);
nlohmann::ordered_json check_json(const BudgetCheck& check);

}  // namespace apictl::slo
