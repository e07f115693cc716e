// apictl.toml reading with toml++ (its parse exceptions are caught here and nowhere else).
#include "project/project_config.hpp"

#include <toml++/toml.h>
#include <set>

namespace apictl::project {

namespace {

SourcePosition where(const std::filesystem::path& file, const toml::source_region& region) {
  return SourcePosition{file.string(),
                        static_cast<std::uint32_t>(region.begin.line),
                        static_cast<std::uint32_t>(region.begin.column),
                        {}};
}

// Rejects keys of `table` outside `allowed`, naming the closest allowed key.
Result<void> only_keys(const std::filesystem::path& file, const toml::table& table, std::string_view table_name,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : table) {
    bool known = false;
    for (auto name : allowed) known = known || key.str() == name;
    if (known) continue;
    std::string list;
    for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    return fail("config-error", "unknown key '" + std::string(key.str()) + "' in [" + std::string(table_name) + "]",
                where(file, key.source()), "allowed keys: " + list);
  }
  return {};
}

Result<std::string> string_value(const std::filesystem::path& file, const toml::node& node, std::string_view name) {
  if (auto text = node.value<std::string>()) return *text;
  return fail("config-error", "'" + std::string(name) + "' must be a string", where(file, node.source()));
}

Result<void> read_lint(const std::filesystem::path& file, const toml::table& table, ProjectConfig& config) {
  if (auto ok = only_keys(file, table, "contract.lint", {"preset", "extends", "rules", "ignore"}); !ok) return ok;
  for (std::string_view key : {"preset", "extends"}) {
    const toml::node* node = table.get(key);
    if (!node) continue;
    auto text = string_value(file, *node, key);
    if (!text) return std::unexpected(text.error());
    auto preset = lint::parse_preset(*text);
    if (!preset) {
      return fail("config-error", "unknown preset '" + *text + "'", where(file, node->source()),
                  "use one of: structural, recommended, strict, all");
    }
    config.lint.preset = *preset;
    config.lint_preset_set = true;
  }
  if (const toml::node* rules = table.get("rules")) {
    const toml::table* rule_table = rules->as_table();
    if (!rule_table) {
      return fail("config-error", "'rules' must be a table of rule = severity", where(file, rules->source()),
                  "e.g. rules = { \"operation-description\" = \"off\" }");
    }
    for (const auto& [key, value] : *rule_table) {
      auto text = string_value(file, value, key.str());
      if (!text) return std::unexpected(text.error());
      auto severity = lint::parse_rule_severity(*text);
      if (!severity) {
        return fail("config-error", "unknown severity '" + *text + "' for rule '" + std::string(key.str()) + "'",
                    where(file, value.source()), "use error, warn, info, hint or off");
      }
      config.lint.overrides.push_back(lint::RuleOverride{std::string(key.str()), *severity, where(file, key.source())});
    }
  }
  if (const toml::node* ignores = table.get("ignore")) {
    const toml::array* list = ignores->as_array();
    if (!list) {
      return fail("config-error", "'ignore' must be an array of { rule = ..., pointer = ... }",
                  where(file, ignores->source()));
    }
    for (const toml::node& item : *list) {
      const toml::table* entry = item.as_table();
      if (!entry) {
        return fail("config-error", "each 'ignore' entry must be a table { rule = ..., pointer = ... }",
                    where(file, item.source()), "e.g. { rule = \"operation-tags\", pointer = \"/paths/~1health/**\" }");
      }
      if (auto ok = only_keys(file, *entry, "contract.lint.ignore", {"rule", "pointer"}); !ok) return ok;
      lint::IgnoreRule rule;
      rule.where = where(file, item.source());
      const toml::node* id = entry->get("rule");
      if (!id) return fail("config-error", "an 'ignore' entry needs a 'rule' (a rule id or \"*\")", rule.where);
      auto id_text = string_value(file, *id, "rule");
      if (!id_text) return std::unexpected(id_text.error());
      rule.rule = *id_text;
      if (const toml::node* pointer = entry->get("pointer")) {
        auto pointer_text = string_value(file, *pointer, "pointer");
        if (!pointer_text) return std::unexpected(pointer_text.error());
        rule.pointer = *pointer_text;
      }
      config.lint.ignores.push_back(std::move(rule));
    }
  }
  return lint::validate_options(config.lint);
}

}  // namespace

Result<ProjectConfig> load_project_config(const std::filesystem::path& file) {
  toml::table document;
  try {
    document = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    return fail("config-error", std::string(error.description()), where(file, error.source()),
                "fix the TOML syntax of " + file.string());
  }
  ProjectConfig config;
  config.file = file;
  config.root = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  if (auto ok = only_keys(file, document, "top level", {"project", "contract"}); !ok)
    return std::unexpected(ok.error());

  if (const toml::node* node = document.get("project")) {
    const toml::table* table = node->as_table();
    if (!table) return fail("config-error", "[project] must be a table", where(file, node->source()));
    if (auto ok = only_keys(file, *table, "project", {"name", "template", "template_version"}); !ok) {
      return std::unexpected(ok.error());
    }
    std::pair<std::string_view, std::string*> fields[] = {
        {"name", &config.name}, {"template", &config.template_name}, {"template_version", &config.template_version}};
    for (auto [key, target] : fields) {
      if (const toml::node* value = table->get(key)) {
        auto text = string_value(file, *value, key);
        if (!text) return std::unexpected(text.error());
        *target = *text;
      }
    }
  }
  if (const toml::node* node = document.get("contract")) {
    const toml::table* table = node->as_table();
    if (!table) return fail("config-error", "[contract] must be a table", where(file, node->source()));
    if (auto ok = only_keys(file, *table, "contract", {"path", "lint"}); !ok) return std::unexpected(ok.error());
    if (const toml::node* path = table->get("path")) {
      auto text = string_value(file, *path, "path");
      if (!text) return std::unexpected(text.error());
      config.contract = *text;
    }
    if (const toml::node* lint = table->get("lint")) {
      const toml::table* lint_table = lint->as_table();
      if (!lint_table) return fail("config-error", "[contract.lint] must be a table", where(file, lint->source()));
      if (auto ok = read_lint(file, *lint_table, config); !ok) return std::unexpected(ok.error());
    }
  }
  return config;
}

Result<std::optional<ProjectConfig>> find_project_config(const std::filesystem::path& start) {
  std::error_code error;
  std::filesystem::path folder = std::filesystem::absolute(start, error);
  if (error) return std::optional<ProjectConfig>{};
  while (true) {
    std::filesystem::path candidate = folder / project_file_name;
    if (std::filesystem::is_regular_file(candidate, error)) {
      // Name the file relative to where we started when it is close, as users see it.
      auto config = load_project_config(candidate.lexically_proximate(std::filesystem::current_path(error)));
      if (!config) return std::unexpected(config.error());
      return std::optional<ProjectConfig>(std::move(*config));
    }
    if (!folder.has_parent_path() || folder.parent_path() == folder) break;
    folder = folder.parent_path();
  }
  return std::optional<ProjectConfig>{};
}

}  // namespace apictl::project
