// The template model: template.toml (name, version, variables, conditional and binary files, hooks) and the
// files a template holds, wherever they were read from.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

inline constexpr std::string_view manifest_file_name = "template.toml";

// The name the target folder's base name is visible as, in defaults and file contents.
inline constexpr std::string_view directory_variable = "directory";

enum class VariableType { string, integer, boolean, choice };

std::string_view variable_type_name(VariableType type);

struct Variable {
  std::string name;
  VariableType type = VariableType::string;
  std::string prompt;                   // the question; the name when template.toml gives none
  std::string help;                     // one line shown with the question and by `apictl templates`
  std::optional<Value> default_value;   // a string default may hold placeholders naming earlier variables
  std::vector<std::string> choices;     // for choice variables
  std::string validate;                 // ECMAScript regex the whole answer must match; "" for none
  std::optional<std::regex> pattern;    // `validate`, compiled
  std::optional<std::int64_t> minimum;  // int variables: `min` and `max`, inclusive
  std::optional<std::int64_t> maximum;
  SourcePosition where;
};

// Files matching `paths` (globs: `*` within a folder, `**` across) are generated only when `when` holds, and
// are copied byte for byte (no placeholders) when `binary`.
struct FileRule {
  std::vector<std::string> paths;
  std::string when;
  bool binary = false;
  SourcePosition where;
};

// A post-generation step, run with `sh -c` in the new project unless --no-hooks.
struct Hook {
  std::string run;
  std::string description;
  std::string when;
  SourcePosition where;
};

// One place code is added by `apictl add endpoint`: `snippet` (a template file, never generated) is rendered
// with the answers and the endpoint's variables and inserted before the line of `file` that starts with
// `marker`, indented like that line.
struct EndpointInsert {
  std::string file;     // the project file, relative to its root; may hold placeholders
  std::string marker;   // e.g. "# apictl:routes"
  std::string snippet;  // the template file to render, relative to the template folder
  SourcePosition where;
};

// [endpoints]: how `apictl add endpoint` extends a project made from this template.
struct EndpointRules {
  // Responses every new operation declares beside its success response: status code and the $ref of a
  // components/responses entry (e.g. "422" = "#/components/responses/ValidationError").
  std::vector<std::pair<std::string, std::string>> responses;
  std::vector<EndpointInsert> inserts;
  SourcePosition where;
};

struct TemplateManifest {
  std::string name;
  std::string version;
  std::string description;
  std::string next_steps;  // printed after generation; may hold placeholders
  std::vector<Variable> variables;
  std::vector<FileRule> files;
  std::vector<Hook> hooks;
  std::optional<EndpointRules> endpoints;  // absent: the template does not support `apictl add endpoint`
};

struct TemplateFile {
  std::string path;  // relative to the template folder, '/'-separated; may hold placeholders
  std::string content;
  bool executable = false;
};

struct Template {
  TemplateManifest manifest;
  std::vector<TemplateFile> files;  // every file but template.toml, sorted by path
  std::string source;               // "built-in" or the folder it was read from
};

// Whether `path` (a template file) is a snippet of [endpoints]: part of the template, never of a project.
bool is_endpoint_snippet(const TemplateManifest& manifest, std::string_view path);

// Answers for checking a template before anyone answers: each default rendered with the ones before it, or
// a stand-in of the variable's type; `directory` is "project".
Result<Answers> sample_answers(const TemplateManifest& manifest);

// Parses template.toml. Unknown keys, wrong types, bad regexes, defaults outside their choices, and
// placeholders or conditions naming unknown (or later) variables are errors at their line:column in `file`.
Result<TemplateManifest> parse_template_manifest(std::string_view text, const std::string& file);

}  // namespace apictl::scaffold
