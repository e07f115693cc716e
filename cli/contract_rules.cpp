// `apictl contract rules`: the rule registry as a table or JSON.
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "lint/lint.hpp"

namespace apictl::cli {

namespace {

std::string severity_word(Severity severity) {
  return severity == Severity::warn ? "warn" : std::string(severity_name(severity));
}

void write_rules(Invocation& invocation, const std::string& format, const std::string& preset_filter) {
  auto preset = lint::parse_preset(preset_filter);
  std::vector<const lint::Rule*> rules;
  for (const auto& rule : lint::all_rules()) {
    if (!preset || static_cast<int>(rule.preset) <= static_cast<int>(*preset)) rules.push_back(&rule);
  }
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto* rule : rules) {
      list.push_back({{"id", rule->id},
                      {"summary", rule->summary},
                      {"severity", severity_word(rule->severity)},
                      {"preset", lint::preset_name(rule->preset)},
                      {"spectral", rule->spectral},
                      {"redocly", rule->redocly}});
    }
    invocation.out << list.dump(2) << '\n';
    return;
  }
  std::size_t width = 0;
  for (const auto* rule : rules) width = std::max(width, rule->id.size());
  for (const auto* rule : rules) {
    std::string id(rule->id);
    invocation.out << id << std::string(width + 2 - id.size(), ' ') << severity_word(rule->severity)
                   << std::string(7 - severity_word(rule->severity).size(), ' ') << lint::preset_name(rule->preset)
                   << std::string(13 - lint::preset_name(rule->preset).size(), ' ') << rule->summary << '\n';
  }
}

}  // namespace

void define_contract_rules(CLI::App& command, Invocation& invocation) {
  auto format = std::make_shared<std::string>("text");
  auto preset = std::make_shared<std::string>();
  command.add_option("--format,-f", *format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  command.add_option("--preset", *preset, "Only the rules this preset enables")
      ->check(CLI::IsMember({"structural", "recommended", "strict", "all"}));
  command.footer(help_footer("  apictl contract rules --preset recommended\n"
                             "  apictl contract rules --format json | jq '.[] | select(.spectral != \"\")'\n"));
  command.callback([format, preset, &invocation] { write_rules(invocation, *format, *preset); });
}

}  // namespace apictl::cli
