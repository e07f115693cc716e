// components-valid-names: component names use only letters, digits, '.', '-' and '_', as OpenAPI requires.
#include <algorithm>
#include <array>

#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

constexpr std::array<std::string_view, 11> component_maps = {
    "schemas",         "responses", "parameters", "examples",  "requestBodies", "headers",
    "securitySchemes", "links",     "callbacks",  "pathItems", "mediaTypes"};

bool valid_name(std::string_view name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; });
}

// The name with every disallowed character replaced by '_', as a suggestion.
std::string repaired(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (!valid_name(std::string_view(&c, 1))) c = '_';
  }
  return out.empty() ? "_" : out;
}

}  // namespace

void check_components_valid_names(LintContext& context) {
  contract::NodeRef components = context.root()["components"];
  for (std::string_view map : component_maps) {
    for (auto entry : components[map].members()) {
      if (valid_name(entry.key)) continue;
      context.report_key(entry.value,
                         "component name '" + std::string(entry.key) + "' in components." + std::string(map) +
                             " may only contain letters, digits, '.', '-' and '_'",
                         "rename it, e.g. to '" + repaired(entry.key) + "', and update the $refs to it");
    }
  }
}

}  // namespace apictl::lint::rules
