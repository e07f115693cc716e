// The [project] and [answers] record of a generated apictl.toml, written by inserting text.
#include "scaffold/project_record.hpp"

#include <cstdio>
#include <regex>

#include "project/project_config.hpp"
#include "scaffold/template.hpp"

namespace apictl::scaffold {

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string answer_line(const std::string& name, const Value& value) {
  const auto* string = std::get_if<std::string>(&value);
  return name + " = " + (string ? toml_string(*string) : value_text(value)) + "\n";
}

Result<std::string> record_template(std::string_view config_text, const TemplateRecord& record,
                                    const Answers& answers) {
  const std::string label = "apictl.toml (generated)";
  auto existing = project::parse_project_config(config_text, label);
  if (!existing) {
    Diagnostic diagnostic = existing.error();
    diagnostic.hint = "the template's apictl.toml must be a valid project file once rendered";
    return std::unexpected(diagnostic);
  }
  if (!existing->template_name.empty() || !existing->template_version.empty() || !existing->answers.empty()) {
    return fail("template-error", "the template's apictl.toml sets template, template_version or [answers]",
                {label, 0, 0, {}}, "leave them out: apictl new records them");
  }

  std::string text(config_text);
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::string project_lines =
      "template = " + toml_string(record.name) + "\ntemplate_version = " + toml_string(record.version) + "\n";
  static const std::regex project_header(R"(^[ \t]*\[[ \t]*project[ \t]*\][ \t]*(#.*)?$)");
  static const std::regex any_header(R"(^[ \t]*\[)");
  std::size_t insert_at = std::string::npos;
  std::size_t first_table = std::string::npos;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    if (std::regex_search(line, project_header)) {
      insert_at = end + 1;
      break;
    }
    if (first_table == std::string::npos && std::regex_search(line, any_header)) first_table = start;
    start = end + 1;
  }
  if (insert_at != std::string::npos) {
    text.insert(insert_at, project_lines);
  } else {
    text.insert(first_table == std::string::npos ? text.size() : first_table, "[project]\n" + project_lines + "\n");
  }

  text += "\n# The answers this project was generated with (apictl new); template upgrades reuse them.\n[answers]\n";
  for (const auto& [name, value] : answers.entries()) {
    if (name != directory_variable) text += answer_line(name, value);
  }

  auto check = project::parse_project_config(text, label);
  if (!check) return std::unexpected(check.error());
  return text;
}

}  // namespace apictl::scaffold
