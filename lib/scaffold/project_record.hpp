// Recording where a project came from in its apictl.toml: template, template_version and [answers], so
// `apictl migrate` can later carry it to newer template versions.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

struct TemplateRecord {
  std::string name;  // a built-in's name, or the template folder as given
  std::string version;
};

// Inserts `template` and `template_version` after the `[project]` header of the rendered apictl.toml (or a
// new [project] table before the first table), and appends an [answers] table. Text is inserted, never
// re-serialised, so the template's comments and layout stay. The result is read back with the strict
// apictl.toml reader; a template that sets these keys itself is an error.
Result<std::string> record_template(std::string_view config_text, const TemplateRecord& record, const Answers& answers);

// One line of the [answers] table: `name = value\n`.
std::string answer_line(const std::string& name, const Value& value);

// TOML text of a basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view text);

}  // namespace apictl::scaffold
