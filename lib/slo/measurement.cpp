// Measurement <-> one JSON line, with nlohmann::json (its exceptions are caught here).
#include "slo/measurement.hpp"

#include <nlohmann/json.hpp>

namespace apictl::slo {

std::optional<double> Measurement::figure(std::string_view name) const {
  for (const auto& [figure_name, value] : figures) {
    if (figure_name == name) return value;
  }
  return std::nullopt;
}

std::string to_json(const Measurement& measurement) {
  nlohmann::ordered_json line;
  line["scenario"] = measurement.scenario;
  line["figures"] = nlohmann::ordered_json::object();
  for (const auto& [name, value] : measurement.figures) line["figures"][name] = value;
  if (!measurement.phases.empty()) {
    line["phases"] = nlohmann::ordered_json::object();
    for (const Phase& phase : measurement.phases) line["phases"][phase.name] = phase.seconds;
  }
  if (!measurement.run_totals.empty()) line["run_totals"] = measurement.run_totals;
  if (!measurement.source.empty()) line["source"] = measurement.source;
  if (measurement.scenario == "lead-time") line["open"] = measurement.open;
  line["commit"] = measurement.commit;
  line["tag"] = measurement.tag;
  line["time"] = measurement.time;
  line["host"] = measurement.host;
  return line.dump();
}

namespace {

Result<Measurement> read_measurement(const nlohmann::ordered_json& line, const SourcePosition& where) {
  auto bad = [&](const std::string& what) {
    return fail("bad-history", "not a measurement: " + what, where,
                "each line is written by apictl slo measure; remove or fix this line");
  };
  if (!line.is_object()) return bad("a line must be a JSON object");
  Measurement measurement;
  auto text = [&](const char* key, std::string& target, bool required) -> bool {
    auto found = line.find(key);
    if (found == line.end()) return !required;
    if (!found->is_string()) return false;
    target = found->get<std::string>();
    return true;
  };
  if (!text("scenario", measurement.scenario, true) || measurement.scenario.empty()) {
    return bad("'scenario' must be a non-empty string");
  }
  if (!text("time", measurement.time, true)) return bad("'time' must be a string");
  for (const char* key : {"commit", "tag", "host", "source"}) {
    std::string* target = std::string_view(key) == "commit" ? &measurement.commit
                          : std::string_view(key) == "tag"  ? &measurement.tag
                          : std::string_view(key) == "host" ? &measurement.host
                                                            : &measurement.source;
    if (!text(key, *target, false)) return bad("'" + std::string(key) + "' must be a string");
  }
  auto figures = line.find("figures");
  if (figures == line.end() || !figures->is_object()) return bad("'figures' must be an object of name: number");
  for (const auto& [name, value] : figures->items()) {
    if (!value.is_number()) return bad("figure '" + name + "' must be a number");
    measurement.figures.emplace_back(name, value.get<double>());
  }
  if (auto phases = line.find("phases"); phases != line.end()) {
    if (!phases->is_object()) return bad("'phases' must be an object of name: seconds");
    for (const auto& [name, value] : phases->items()) {
      if (!value.is_number()) return bad("phase '" + name + "' must be a number");
      measurement.phases.push_back(Phase{name, value.get<double>()});
    }
  }
  if (auto totals = line.find("run_totals"); totals != line.end()) {
    if (!totals->is_array()) return bad("'run_totals' must be an array of seconds");
    for (const auto& value : *totals) {
      if (!value.is_number()) return bad("'run_totals' must be an array of seconds");
      measurement.run_totals.push_back(value.get<double>());
    }
  }
  if (auto open = line.find("open"); open != line.end()) {
    if (!open->is_array()) return bad("'open' must be an array of strings");
    for (const auto& value : *open) {
      if (!value.is_string()) return bad("'open' must be an array of strings");
      measurement.open.push_back(value.get<std::string>());
    }
  }
  return measurement;
}

}  // namespace

Result<Measurement> parse_measurement(std::string_view line, SourcePosition where) {
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(line);
  } catch (const nlohmann::json::parse_error& error) {
    where.column = static_cast<std::uint32_t>(error.byte == 0 ? 1 : error.byte);
    return fail("bad-history", "malformed JSON in the SLO history", where,
                "each line is written by apictl slo measure; remove or fix this line");
  }
  where.column = 1;
  return read_measurement(parsed, where);
}

}  // namespace apictl::slo
