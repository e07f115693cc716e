// Text and JSON forms of measurements and budget checks.
#include "slo/slo_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "slo/history.hpp"
#include "slo/slo_catalog.hpp"

namespace apictl::slo {

namespace {

std::string unit_of(std::string_view figure) {
  for (const SloDefinition& slo : slo_catalog) {
    for (std::string_view name : slo.figures) {
      if (!name.empty() && name == figure) return std::string(slo.unit);
    }
  }
  return "";
}

std::string value_text(double value, std::string_view figure) {
  std::string unit = unit_of(figure);
  std::string text =
      std::fabs(value - std::round(value)) < 1e-9 ? fmt::format("{:.0f}", value) : fmt::format("{:.2f}", value);
  return unit.empty() ? text : text + " " + unit;
}

}  // namespace

void write_measure_text(std::ostream& out, const MeasureOutcome& outcome, const TerminalStyle& style) {
  if (outcome.ttfr) {
    const TtfrResult& ttfr = *outcome.ttfr;
    out << paint(style, Color::bold, "time to first request") << ": "
        << fmt::format("{:.2f} s (median of {} run{}, {})\n", ttfr.median_total_seconds, ttfr.runs.size(),
                       ttfr.runs.size() == 1 ? "" : "s",
                       ttfr.source == "copy" ? "fresh copy of the project" : ttfr.source);
    for (const Phase& phase : ttfr.median_phases) out << fmt::format("  {:<15} {:7.3f} s\n", phase.name, phase.seconds);
    std::string totals;
    for (const TtfrRun& run : ttfr.runs)
      totals += fmt::format("{}{:.2f} s", totals.empty() ? "" : ", ", run.total_seconds);
    out << "  runs: " << totals << '\n';
  }
  if (outcome.lead_time) {
    const LeadTimeResult& lead = *outcome.lead_time;
    std::size_t done = 0;
    for (const OperationLeadTime& operation : lead.operations) done += operation.done ? 1 : 0;
    out << paint(style, Color::bold, "endpoint lead time") << ": ";
    if (lead.p50_days) {
      out << fmt::format("p50 {:.2f} days, p90 {:.2f} days", *lead.p50_days, *lead.p90_days);
    } else {
      out << "no operation has a test and docs yet";
    }
    out << fmt::format(" ({} operation{}, {} done, {} open; {} commits read)\n", lead.operations.size(),
                       lead.operations.size() == 1 ? "" : "s", done, lead.operations.size() - done, lead.commits_read);
    for (const OperationLeadTime& operation : lead.operations) {
      if (auto days = operation.days()) {
        out << fmt::format("  {:<40} {:8.2f} days  {} -> {}\n", operation.operation, *days,
                           operation.introduced.commit.substr(0, 10), operation.done->commit.substr(0, 10));
      } else {
        out << "  " << paint(style, Color::yellow, "open") << "  " << open_reason(operation)
            << fmt::format(" (since {})\n", operation.introduced.commit.substr(0, 10));
      }
    }
  }
  if (outcome.defects) {
    const DefectsResult& defects = *outcome.defects;
    out << paint(style, Color::bold, "contract defects") << ": "
        << fmt::format("{} ({} requests to {} operations)\n", defects.defects, defects.requests, defects.operations);
    for (const std::string& found : defects.found) out << "  " << found << '\n';
  }
  if (outcome.recorded_in) {
    const Measurement& first = outcome.measurements.front();
    out << "recorded in " << history_file;
    if (!first.commit.empty()) out << " (commit " << first.commit.substr(0, 10);
    if (!first.tag.empty()) out << ", release " << first.tag;
    if (!first.commit.empty()) out << ")";
    out << '\n';
  }
}

nlohmann::ordered_json measure_json(const MeasureOutcome& outcome) {
  nlohmann::ordered_json json;
  json["schema"] = "apictl.slo-measure/v1";
  json["measurements"] = nlohmann::ordered_json::array();
  for (const Measurement& measurement : outcome.measurements) {
    json["measurements"].push_back(nlohmann::ordered_json::parse(to_json(measurement)));
  }
  if (outcome.lead_time) {
    auto& operations = json["lead_time_operations"] = nlohmann::ordered_json::array();
    for (const OperationLeadTime& operation : outcome.lead_time->operations) {
      nlohmann::ordered_json entry;
      entry["operation"] = operation.operation;
      entry["introduced"] = {{"commit", operation.introduced.commit}, {"time", operation.introduced.time}};
      if (operation.done) {
        entry["done"] = {{"commit", operation.done->commit}, {"time", operation.done->time}};
        entry["days"] = *operation.days();
      } else {
        entry["done"] = nullptr;
        entry["days"] = nullptr;
      }
      entry["tested"] = operation.tested;
      entry["documented"] = operation.documented;
      operations.push_back(std::move(entry));
    }
  }
  if (outcome.defects) {
    json["defects"] = {{"count", outcome.defects->defects},
                       {"requests", outcome.defects->requests},
                       {"operations", outcome.defects->operations},
                       {"found", outcome.defects->found}};
  }
  json["recorded_in"] = outcome.recorded_in ? nlohmann::ordered_json(outcome.recorded_in->string()) : nullptr;
  return json;
}

void write_check_text(std::ostream& out, const BudgetCheck& check, const TerminalStyle& style) {
  if (check.results.empty()) {
    out << "no budgets in apictl.toml [slo]: nothing to check (e.g. ttfr_seconds = 3)\n";
    return;
  }
  for (const BudgetResult& result : check.results) {
    std::string budget = value_text(result.budget, result.figure);
    switch (result.status) {
      case BudgetStatus::met:
        out << paint(style, Color::green, "met     ");
        break;
      case BudgetStatus::breached:
        out << paint(style, Color::red, "BREACHED");
        break;
      case BudgetStatus::unmeasured:
        out << paint(style, Color::yellow, "NO DATA ");
        break;
    }
    out << "  " << result.figure << ": ";
    if (result.value) {
      out << value_text(*result.value, result.figure) << (result.status == BudgetStatus::met ? " <= " : " > ") << budget
          << " (" << result.latest->time;
      if (!result.latest->tag.empty()) out << ", " << result.latest->tag;
      out << ")\n";
    } else {
      out << "never measured (budget " << budget << "); run apictl slo measure\n";
    }
  }
  std::size_t failing = 0;
  for (const BudgetResult& result : check.results) failing += result.status == BudgetStatus::met ? 0 : 1;
  if (failing == 0) {
    out << "all " << check.results.size() << " budgets met\n";
  } else {
    out << failing << " of " << check.results.size() << " budgets not met\n";
  }
}

nlohmann::ordered_json check_json(const BudgetCheck& check) {
  nlohmann::ordered_json json;
  json["schema"] = "apictl.slo-check/v1";
  json["met"] = check.met();
  json["budgets"] = nlohmann::ordered_json::array();
  for (const BudgetResult& result : check.results) {
    nlohmann::ordered_json entry;
    entry["figure"] = result.figure;
    entry["budget"] = result.budget;
    entry["value"] = result.value ? nlohmann::ordered_json(*result.value) : nullptr;
    entry["status"] = status_name(result.status);
    entry["time"] = result.latest ? nlohmann::ordered_json(result.latest->time) : nullptr;
    entry["commit"] = result.latest ? nlohmann::ordered_json(result.latest->commit) : nullptr;
    entry["tag"] = result.latest ? nlohmann::ordered_json(result.latest->tag) : nullptr;
    json["budgets"].push_back(std::move(entry));
  }
  return json;
}

}  // namespace apictl::slo
