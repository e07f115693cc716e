// The template list in text and JSON.
#include "report/template_list.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "scaffold/template_history.hpp"

namespace apictl::report {

namespace {

// The releases `apictl new --template NAME@VERSION` can generate, newest first; a damaged history lists just
// the current one (generating an earlier release reports the damage).
std::vector<std::string> releases(const scaffold::Template& item) {
  auto versions = scaffold::template_versions(item);
  return versions ? *versions : std::vector<std::string>{item.manifest.version};
}

nlohmann::ordered_json json_value(const scaffold::Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  return std::get<bool>(value);
}

void write_json(std::ostream& out, const std::vector<scaffold::Template>& templates) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& item : templates) {
    nlohmann::ordered_json variables = nlohmann::ordered_json::array();
    for (const auto& variable : item.manifest.variables) {
      variables.push_back({{"name", variable.name},
                           {"type", scaffold::variable_type_name(variable.type)},
                           {"prompt", variable.prompt},
                           {"help", variable.help},
                           {"default", variable.default_value ? json_value(*variable.default_value) : nullptr},
                           {"choices", variable.choices},
                           {"min", variable.minimum ? nlohmann::ordered_json(*variable.minimum) : nullptr},
                           {"max", variable.maximum ? nlohmann::ordered_json(*variable.maximum) : nullptr},
                           {"validate", variable.validate}});
    }
    list.push_back({{"name", item.manifest.name},
                    {"version", item.manifest.version},
                    {"releases", releases(item)},
                    {"description", item.manifest.description},
                    {"source", item.source},
                    {"variables", std::move(variables)}});
  }
  nlohmann::ordered_json document{{"schema", "apictl.templates/v1"}, {"templates", std::move(list)}};
  out << document.dump(2) << '\n';
}

void write_text(std::ostream& out, const std::vector<scaffold::Template>& templates, const TerminalStyle& style) {
  for (const auto& item : templates) {
    out << paint(style, Color::bold, item.manifest.name) << ' ' << item.manifest.version;
    std::vector<std::string> known = releases(item);
    for (std::size_t i = 1; i < known.size(); ++i) out << (i == 1 ? " (earlier: " : ", ") << known[i];
    if (known.size() > 1) out << ')';
    if (item.source != "built-in") out << "  (" << item.source << ')';
    out << '\n';
    if (!item.manifest.description.empty()) out << "  " << item.manifest.description << '\n';
    std::size_t width = 0;
    for (const auto& variable : item.manifest.variables) width = std::max(width, variable.name.size());
    for (const auto& variable : item.manifest.variables) {
      std::string type(scaffold::variable_type_name(variable.type));
      out << "    " << variable.name << std::string(width + 2 - variable.name.size(), ' ') << type
          << std::string(8 - type.size(), ' ');
      if (variable.default_value) out << "default " << scaffold::value_text(*variable.default_value);
      if (variable.minimum || variable.maximum) {
        out << "  " << (variable.minimum ? std::to_string(*variable.minimum) : "") << ".."
            << (variable.maximum ? std::to_string(*variable.maximum) : "");
      }
      if (!variable.choices.empty()) {
        out << "  one of";
        for (const auto& choice : variable.choices) out << ' ' << choice;
      }
      if (!variable.help.empty()) out << "  " << paint(style, Color::gray, "— " + variable.help);
      out << '\n';
    }
  }
}

}  // namespace

void write_template_list(std::ostream& out, const std::vector<scaffold::Template>& templates, TemplateListFormat format,
                         const TerminalStyle& style) {
  if (format == TemplateListFormat::json) {
    write_json(out, templates);
  } else {
    write_text(out, templates, style);
  }
}

}  // namespace apictl::report
