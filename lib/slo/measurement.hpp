// Measurement: one run of one SLO scenario as the history keeps it — its figures, the phases behind them, and
// where and when it was taken — with its JSON form (one line of the history file).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::slo {

// The figures, named as their budgets are in apictl.toml [slo].
inline constexpr std::string_view ttfr_figure = "ttfr_seconds";
inline constexpr std::string_view lead_time_p50_figure = "lead_time_p50_days";
inline constexpr std::string_view lead_time_p90_figure = "lead_time_p90_days";
inline constexpr std::string_view defects_figure = "defects";

struct Phase {
  std::string name;  // "copy", "scaffold", "setup", "build", "start", "first_response"
  double seconds = 0;
};

struct Measurement {
  std::string scenario;                                 // "ttfr", "lead-time", "defects"
  std::vector<std::pair<std::string, double>> figures;  // e.g. {"ttfr_seconds", 1.84}
  std::vector<Phase> phases;                            // ttfr: the median of each phase over the runs
  std::vector<double> run_totals;                       // ttfr: each run's total, in run order
  std::string source;                                   // ttfr: "copy" (the project's tracked files) or "template:NAME"
  std::vector<std::string> open;  // lead-time: operations still missing a test or docs ("GET /pets: no test")
  std::string commit;             // HEAD of the project when measured; "" outside git
  std::string tag;                // the nearest tag (git describe --tags --abbrev=0); "" when none
  std::string time;               // UTC, ISO 8601: 2026-11-27T09:14:03Z
  std::string host;               // the machine's name

  std::optional<double> figure(std::string_view name) const;
};

// One line of JSON, no newline, keys in a fixed order (docs/slo.md gives the schema).
std::string to_json(const Measurement& measurement);
// The inverse; `where` names the line in errors (the column is filled in from the JSON parser's offset).
Result<Measurement> parse_measurement(std::string_view line, SourcePosition where);

}  // namespace apictl::slo
