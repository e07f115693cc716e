// template.toml parsing with toml++ (its exceptions, and std::regex's, are caught here and nowhere else).
#include "scaffold/template.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <tuple>

#include "scaffold/condition.hpp"
#include "scaffold/path_safety.hpp"
#include "scaffold/render.hpp"
#include "util/spelling.hpp"
#include "util/toml_position.hpp"

namespace apictl::scaffold {

namespace {

SourcePosition where(const std::string& file, const toml::source_region& region) { return toml_position(file, region); }

class ManifestReader {
 public:
  explicit ManifestReader(std::string file) : file_(std::move(file)) {}

  std::unexpected<Diagnostic> error(const toml::node& node, const std::string& message, std::string hint = {}) const {
    return fail("template-error", message, where(file_, node.source()), std::move(hint));
  }

  Result<void> only_keys(const toml::table& table, std::string_view table_name,
                         std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : table) {
      bool known = false;
      for (auto name : allowed) known = known || key.str() == name;
      if (known) continue;
      std::vector<std::string_view> names(allowed);
      auto closest = closest_name(names, key.str());
      std::string list;
      for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
      return fail("template-error", "unknown key '" + std::string(key.str()) + "' in " + std::string(table_name),
                  where(file_, key.source()),
                  closest.empty() ? "allowed keys: " + list : "did you mean '" + std::string(closest) + "'?");
    }
    return {};
  }

  Result<std::string> string_at(const toml::table& table, std::string_view key, bool required,
                                const toml::node& owner) const {
    const toml::node* node = table.get(key);
    if (!node) {
      if (required) return error(owner, "missing '" + std::string(key) + "'");
      return std::string();
    }
    if (auto text = node->value<std::string>()) return *text;
    return error(*node, "'" + std::string(key) + "' must be a string");
  }

  Result<std::vector<std::string>> strings_at(const toml::table& table, std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) return error(*node, "'" + std::string(key) + "' must be an array of strings");
    for (const toml::node& item : *array) {
      auto text = item.value<std::string>();
      if (!text) return error(item, "'" + std::string(key) + "' must hold only strings");
      out.push_back(*text);
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

Result<VariableType> parse_type(const ManifestReader& reader, const toml::node& node) {
  auto text = node.value<std::string>();
  if (text == "string") return VariableType::string;
  if (text == "int") return VariableType::integer;
  if (text == "bool") return VariableType::boolean;
  if (text == "choice") return VariableType::choice;
  return reader.error(node, "unknown variable type", "use string, int, bool or choice");
}

Result<Variable> read_variable(const ManifestReader& reader, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (!table) return reader.error(node, "each [[variables]] entry must be a table");
  if (auto ok = reader.only_keys(*table, "[[variables]]",
                                 {"name", "type", "prompt", "help", "default", "validate", "choices", "min", "max"});
      !ok) {
    return std::unexpected(ok.error());
  }
  Variable variable;
  variable.where = where(reader.file(), node.source());
  auto name = reader.string_at(*table, "name", true, node);
  if (!name) return std::unexpected(name.error());
  if (!is_identifier(*name)) {
    return reader.error(*table->get("name"), "variable name '" + *name + "' is not an identifier",
                        "use letters, digits and _, not starting with a digit");
  }
  if (*name == directory_variable) {
    return reader.error(*table->get("name"), "'directory' is reserved: it is the target folder's name");
  }
  variable.name = *name;

  const toml::node* default_node = table->get("default");
  if (const toml::node* type = table->get("type")) {
    auto parsed = parse_type(reader, *type);
    if (!parsed) return std::unexpected(parsed.error());
    variable.type = *parsed;
  } else if (default_node && default_node->is_boolean()) {
    variable.type = VariableType::boolean;
  } else if (default_node && default_node->is_integer()) {
    variable.type = VariableType::integer;
  } else if (table->get("choices")) {
    variable.type = VariableType::choice;
  }

  for (auto [key, target] : {std::pair{"prompt", &variable.prompt}, std::pair{"help", &variable.help},
                             std::pair{"validate", &variable.validate}}) {
    auto text = reader.string_at(*table, key, false, node);
    if (!text) return std::unexpected(text.error());
    *target = *text;
  }
  if (variable.prompt.empty()) variable.prompt = variable.name;

  auto choices = reader.strings_at(*table, "choices");
  if (!choices) return std::unexpected(choices.error());
  variable.choices = std::move(*choices);
  if (variable.type == VariableType::choice && variable.choices.empty()) {
    return reader.error(node, "choice variable '" + variable.name + "' needs a non-empty 'choices' array");
  }
  if (variable.type != VariableType::choice && !variable.choices.empty()) {
    return reader.error(*table->get("choices"), "'choices' is only for type = \"choice\"");
  }

  if (!variable.validate.empty()) {
    if (variable.type == VariableType::boolean || variable.type == VariableType::choice) {
      return reader.error(*table->get("validate"), "'validate' is for string and int variables",
                          "a choice is validated by its choices, a bool by being true or false");
    }
    try {
      variable.pattern.emplace(variable.validate, std::regex::ECMAScript);
    } catch (const std::regex_error& regex_error) {
      return reader.error(*table->get("validate"), "invalid regular expression: " + std::string(regex_error.what()));
    }
  }

  for (auto [key, target] : {std::pair{"min", &variable.minimum}, std::pair{"max", &variable.maximum}}) {
    const toml::node* bound = table->get(key);
    if (!bound) continue;
    if (variable.type != VariableType::integer) {
      return reader.error(*bound, "'" + std::string(key) + "' is only for type = \"int\"");
    }
    if (!bound->is_integer()) return reader.error(*bound, "'" + std::string(key) + "' must be an integer");
    *target = bound->as_integer()->get();
  }

  if (default_node) {
    bool fits = false;
    switch (variable.type) {
      case VariableType::string:
      case VariableType::choice:
        if (auto text = default_node->value<std::string>()) {
          variable.default_value = *text;
          fits = true;
        }
        break;
      case VariableType::integer:
        if (default_node->is_integer()) {
          variable.default_value = default_node->as_integer()->get();
          fits = true;
        }
        break;
      case VariableType::boolean:
        if (auto flag = default_node->value<bool>()) {
          variable.default_value = *flag;
          fits = true;
        }
        break;
    }
    if (!fits) {
      return reader.error(*default_node, "the default of '" + variable.name + "' must be a " +
                                             std::string(variable_type_name(variable.type)));
    }
  }
  return variable;
}

Result<void> check_literal_default(const ManifestReader& reader, const toml::table& entry, const Variable& variable) {
  if (!variable.default_value) return {};
  std::string text = value_text(*variable.default_value);
  if (has_placeholder(text)) return {};  // checked once rendered, with the answers before it
  const toml::node& node = *entry.get("default");
  if (variable.type == VariableType::choice &&
      std::find(variable.choices.begin(), variable.choices.end(), text) == variable.choices.end()) {
    return reader.error(node, "default '" + text + "' is not one of the choices of '" + variable.name + "'");
  }
  bool matches = true;
  try {
    matches = !variable.pattern || std::regex_match(text, *variable.pattern);
  } catch (const std::regex_error&) {
    matches = false;
  }
  if (!matches) {
    return reader.error(node, "default '" + text + "' does not match validate = '" + variable.validate + "'");
  }
  if (const auto* number = std::get_if<std::int64_t>(&*variable.default_value)) {
    if ((variable.minimum && *number < *variable.minimum) || (variable.maximum && *number > *variable.maximum)) {
      return reader.error(node, "default " + text + " is outside min/max");
    }
  }
  return {};
}

Result<FileRule> read_file_rule(const ManifestReader& reader, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (!table) return reader.error(node, "each [[files]] entry must be a table");
  if (auto ok = reader.only_keys(*table, "[[files]]", {"paths", "when", "binary"}); !ok) {
    return std::unexpected(ok.error());
  }
  FileRule rule;
  rule.where = where(reader.file(), node.source());
  auto paths = reader.strings_at(*table, "paths");
  if (!paths) return std::unexpected(paths.error());
  if (paths->empty()) return reader.error(node, "a [[files]] entry needs 'paths' (globs such as \"docker/**\")");
  rule.paths = std::move(*paths);
  auto when = reader.string_at(*table, "when", false, node);
  if (!when) return std::unexpected(when.error());
  rule.when = *when;
  if (const toml::node* binary = table->get("binary")) {
    auto flag = binary->value<bool>();
    if (!flag) return reader.error(*binary, "'binary' must be true or false");
    rule.binary = *flag;
  }
  return rule;
}

Result<Hook> read_hook(const ManifestReader& reader, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (!table) return reader.error(node, "each [[hooks]] entry must be a table");
  if (auto ok = reader.only_keys(*table, "[[hooks]]", {"run", "description", "when"}); !ok) {
    return std::unexpected(ok.error());
  }
  Hook hook;
  hook.where = where(reader.file(), node.source());
  for (auto [key, target, required] :
       {std::tuple{"run", &hook.run, true}, std::tuple{"description", &hook.description, false},
        std::tuple{"when", &hook.when, false}}) {
    auto text = reader.string_at(*table, key, required, node);
    if (!text) return std::unexpected(text.error());
    *target = *text;
  }
  if (hook.description.empty()) hook.description = hook.run;
  return hook;
}

Result<EndpointInsert> read_endpoint_insert(const ManifestReader& reader, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (!table) return reader.error(node, "each [[endpoints.insert]] entry must be a table");
  if (auto ok = reader.only_keys(*table, "[[endpoints.insert]]", {"file", "marker", "snippet"}); !ok) {
    return std::unexpected(ok.error());
  }
  EndpointInsert insert;
  insert.where = where(reader.file(), node.source());
  for (auto [key, target] :
       {std::pair{"file", &insert.file}, std::pair{"marker", &insert.marker}, std::pair{"snippet", &insert.snippet}}) {
    auto text = reader.string_at(*table, key, true, node);
    if (!text) return std::unexpected(text.error());
    *target = *text;
  }
  if (insert.marker.find_first_not_of(" \t") == std::string::npos || insert.marker.find('\n') != std::string::npos) {
    return reader.error(*table->get("marker"), "'marker' must be one line of text, such as \"# apictl:routes\"");
  }
  auto snippet = safe_relative_path(insert.snippet, where(reader.file(), table->get("snippet")->source()));
  if (!snippet) return std::unexpected(snippet.error());
  if (*snippet == manifest_file_name) {
    return reader.error(*table->get("snippet"), "'snippet' names template.toml", "name a snippet file of the template");
  }
  insert.snippet = snippet->generic_string();
  return insert;
}

// A status code as OpenAPI keys responses: 100-599, a range such as 4XX, or default.
bool is_response_key(std::string_view key) {
  if (key == "default") return true;
  if (key.size() != 3 || key[0] < '1' || key[0] > '5') return false;
  bool range = key[1] == 'X' && key[2] == 'X';
  return range ||
         (std::isdigit(static_cast<unsigned char>(key[1])) && std::isdigit(static_cast<unsigned char>(key[2])));
}

Result<EndpointRules> read_endpoints(const ManifestReader& reader, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (!table) return reader.error(node, "'endpoints' must be a table ([endpoints])");
  if (auto ok = reader.only_keys(*table, "[endpoints]", {"responses", "insert"}); !ok) {
    return std::unexpected(ok.error());
  }
  EndpointRules rules;
  rules.where = where(reader.file(), node.source());
  if (const toml::node* responses = table->get("responses")) {
    const toml::table* entries = responses->as_table();
    if (!entries) {
      return reader.error(*responses, "'responses' must be a table of status code = $ref",
                          "e.g. responses = { \"422\" = \"#/components/responses/ValidationError\" }");
    }
    for (const auto& [key, value] : *entries) {
      if (!is_response_key(key.str())) {
        return fail("template-error", "'" + std::string(key.str()) + "' is not a response status code",
                    where(reader.file(), key.source()),
                    "use a code such as \"422\", a range such as \"4XX\", or \"default\"");
      }
      auto ref = value.value<std::string>();
      if (!ref || !ref->starts_with("#/components/responses/")) {
        return reader.error(value, "the response for '" + std::string(key.str()) + "' must be a $ref string",
                            "e.g. \"#/components/responses/ValidationError\"");
      }
      rules.responses.emplace_back(std::string(key.str()), *ref);
    }
  }
  if (const toml::node* inserts = table->get("insert")) {
    const toml::array* array = inserts->as_array();
    if (!array) return reader.error(*inserts, "'insert' must be an array of tables ([[endpoints.insert]])");
    for (const toml::node& entry : *array) {
      auto insert = read_endpoint_insert(reader, entry);
      if (!insert) return std::unexpected(insert.error());
      rules.inserts.push_back(std::move(*insert));
    }
  }
  return rules;
}

template <typename Item, typename ReadItem>
Result<std::vector<Item>> read_array(const ManifestReader& reader, const toml::table& document, std::string_view key,
                                     ReadItem read_item) {
  std::vector<Item> items;
  const toml::node* node = document.get(key);
  if (!node) return items;
  const toml::array* array = node->as_array();
  if (!array)
    return reader.error(*node, "'" + std::string(key) + "' must be an array of tables ([[" + std::string(key) + "]])");
  for (const toml::node& entry : *array) {
    auto item = read_item(reader, entry);
    if (!item) return std::unexpected(item.error());
    items.push_back(std::move(*item));
  }
  return items;
}

// A variable's value before anyone answers: its default rendered with the earlier answers, or a stand-in of
// its type.
Result<Value> sample_value(const Variable& variable, const Answers& earlier) {
  if (!variable.default_value) {
    if (variable.type == VariableType::integer) return Value(std::int64_t{0});
    if (variable.type == VariableType::boolean) return Value(false);
    if (variable.type == VariableType::choice) return Value(variable.choices.front());
    return Value(std::string("x"));
  }
  const auto* text = std::get_if<std::string>(&*variable.default_value);
  if (!text) return *variable.default_value;
  auto rendered = render_text(*text, earlier, variable.where);
  if (!rendered) return std::unexpected(rendered.error());
  return Value(std::move(*rendered));
}

// Renders every default with the answers before it, so a default naming a later or unknown variable fails
// now, at its own line, not when a user runs `apictl new`; conditions and hook commands likewise.
Result<void> check_references(const TemplateManifest& manifest) {
  Answers earlier;
  earlier.set(std::string(directory_variable), std::string("project"));
  for (const Variable& variable : manifest.variables) {
    auto sample = sample_value(variable, earlier);
    if (!sample) return std::unexpected(sample.error());
    earlier.set(variable.name, std::move(*sample));
  }
  for (const FileRule& rule : manifest.files) {
    if (rule.when.empty()) continue;
    if (auto ok = evaluate_condition(rule.when, earlier, rule.where); !ok) return std::unexpected(ok.error());
  }
  for (const Hook& hook : manifest.hooks) {
    if (!hook.when.empty()) {
      if (auto ok = evaluate_condition(hook.when, earlier, hook.where); !ok) return std::unexpected(ok.error());
    }
    if (auto ok = render_text(hook.run, earlier, hook.where); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = render_text(manifest.next_steps, earlier, {}); !ok) return std::unexpected(ok.error());
  if (manifest.endpoints) {
    for (const EndpointInsert& insert : manifest.endpoints->inserts) {
      if (auto ok = render_text(insert.file, earlier, insert.where); !ok) return std::unexpected(ok.error());
    }
  }
  return {};
}

}  // namespace

Result<Answers> sample_answers(const TemplateManifest& manifest) {
  Answers answers;
  answers.set(std::string(directory_variable), std::string("project"));
  for (const Variable& variable : manifest.variables) {
    auto sample = sample_value(variable, answers);
    if (!sample) return std::unexpected(sample.error());
    answers.set(variable.name, std::move(*sample));
  }
  return answers;
}

bool is_endpoint_snippet(const TemplateManifest& manifest, std::string_view path) {
  if (!manifest.endpoints) return false;
  return std::ranges::any_of(manifest.endpoints->inserts,
                             [&](const EndpointInsert& insert) { return insert.snippet == path; });
}

std::string_view variable_type_name(VariableType type) {
  switch (type) {
    case VariableType::string:
      return "string";
    case VariableType::integer:
      return "int";
    case VariableType::boolean:
      return "bool";
    case VariableType::choice:
      return "choice";
  }
  return "string";
}

Result<TemplateManifest> parse_template_manifest(std::string_view text, const std::string& file) {
  toml::table document;
  try {
    document = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    return fail("template-error", std::string(error.description()), where(file, error.source()),
                "fix the TOML syntax of " + file);
  }
  ManifestReader reader(file);
  if (auto ok = reader.only_keys(document, "template.toml", {"template", "variables", "files", "hooks", "endpoints"});
      !ok) {
    return std::unexpected(ok.error());
  }
  TemplateManifest manifest;
  const toml::node* header = document.get("template");
  if (!header || !header->is_table()) {
    return fail("template-error", "missing [template] table", {file, 1, 1, {}},
                "start template.toml with [template] name = \"...\" version = \"...\" description = \"...\"");
  }
  const toml::table& info = *header->as_table();
  if (auto ok = reader.only_keys(info, "[template]", {"name", "version", "description", "next_steps"}); !ok) {
    return std::unexpected(ok.error());
  }
  for (auto [key, target, required] :
       {std::tuple{"name", &manifest.name, true}, std::tuple{"version", &manifest.version, true},
        std::tuple{"description", &manifest.description, false},
        std::tuple{"next_steps", &manifest.next_steps, false}}) {
    auto value = reader.string_at(info, key, required, *header);
    if (!value) return std::unexpected(value.error());
    *target = *value;
  }

  auto variables = read_array<Variable>(reader, document, "variables", read_variable);
  if (!variables) return std::unexpected(variables.error());
  manifest.variables = std::move(*variables);
  const toml::array* variable_nodes = document.get("variables") ? document.get("variables")->as_array() : nullptr;
  for (std::size_t i = 0; i < manifest.variables.size(); ++i) {
    const Variable& variable = manifest.variables[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (manifest.variables[j].name == variable.name) {
        return fail("template-error", "variable '" + variable.name + "' is declared twice", variable.where);
      }
    }
    if (auto ok = check_literal_default(reader, *(*variable_nodes)[i].as_table(), variable); !ok) {
      return std::unexpected(ok.error());
    }
  }
  auto files = read_array<FileRule>(reader, document, "files", read_file_rule);
  if (!files) return std::unexpected(files.error());
  manifest.files = std::move(*files);
  auto hooks = read_array<Hook>(reader, document, "hooks", read_hook);
  if (!hooks) return std::unexpected(hooks.error());
  manifest.hooks = std::move(*hooks);
  if (const toml::node* endpoints = document.get("endpoints")) {
    auto rules = read_endpoints(reader, *endpoints);
    if (!rules) return std::unexpected(rules.error());
    manifest.endpoints = std::move(*rules);
  }

  if (auto ok = check_references(manifest); !ok) return std::unexpected(ok.error());
  return manifest;
}

}  // namespace apictl::scaffold
