// apictl.toml reading with toml++ (its parse exceptions are caught here and nowhere else).
#include "project/project_config.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include "util/spelling.hpp"
#include "util/toml_position.hpp"

namespace apictl::project {

namespace {

SourcePosition where(const std::filesystem::path& file, const toml::source_region& region) {
  return toml_position(file.string(), region);
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
    std::vector<std::string_view> names(allowed);
    std::string_view near = closest_name(names, key.str());
    std::string guess = near.empty() ? "" : "did you mean '" + std::string(near) + "'? ";
    return fail("config-error", "unknown key '" + std::string(key.str()) + "' in [" + std::string(table_name) + "]",
                where(file, key.source()), guess + "allowed keys: " + list);
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

// [contract.diff]: policies of `contract diff`; ids and methods are checked by diff::validate_policy.
Result<void> read_contract_diff(const std::filesystem::path& file, const toml::table& table, diff::DiffPolicy& policy) {
  if (auto ok = only_keys(file, table, "contract.diff",
                          {"fail-on", "deprecation-days", "version-policy", "levels", "ignore"});
      !ok) {
    return ok;
  }
  if (const toml::node* node = table.get("fail-on")) {
    auto text = string_value(file, *node, "fail-on");
    if (!text) return std::unexpected(text.error());
    auto level = diff::parse_level(*text);
    if (!level) {
      return fail("config-error", "unknown level '" + *text + "' for 'fail-on'", where(file, node->source()),
                  "use ERR, WARN or INFO");
    }
    policy.fail_on = *level;
  }
  if (const toml::node* node = table.get("deprecation-days")) {
    const toml::table* days = node->as_table();
    if (!days) {
      return fail("config-error", "'deprecation-days' must be a table of stability level = days",
                  where(file, node->source()), "e.g. deprecation-days = { beta = 30, stable = 180 }");
    }
    if (auto ok = only_keys(file, *days, "contract.diff.deprecation-days", {"beta", "stable"}); !ok) {
      Diagnostic error = ok.error();
      error.hint += " (draft and alpha operations may change at any time, so they have no window)";
      return std::unexpected(std::move(error));
    }
    std::pair<std::string_view, int*> windows[] = {{"beta", &policy.deprecation_days_beta},
                                                   {"stable", &policy.deprecation_days_stable}};
    for (auto [key, target] : windows) {
      const toml::node* value = days->get(key);
      if (!value) continue;
      auto count = value->value_exact<std::int64_t>();
      if (!count || *count < 0 || *count > 100000) {
        return fail("config-error", "'" + std::string(key) + "' must be a number of days (0 or more)",
                    where(file, value->source()), "e.g. " + std::string(key) + " = 180");
      }
      *target = static_cast<int>(*count);
    }
  }
  if (const toml::node* node = table.get("version-policy")) {
    auto flag = node->value_exact<bool>();
    if (!flag) {
      return fail("config-error", "'version-policy' must be true or false", where(file, node->source()),
                  "true: a breaking change without a major bump of info.version is an error");
    }
    policy.version_policy = *flag;
  }
  if (const toml::node* node = table.get("levels")) {
    const toml::table* levels = node->as_table();
    if (!levels) {
      return fail("config-error", "'levels' must be a table of check id = level", where(file, node->source()),
                  "e.g. levels = { \"api-tag-removed\" = \"off\" }");
    }
    // toml++ keeps keys sorted; the file's order decides which of two matching globs wins.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, value] : *levels) entries.emplace_back(&key, &value);
    std::ranges::stable_sort(entries, {}, [](const auto& entry) {
      return std::pair(entry.first->source().begin.line, entry.first->source().begin.column);
    });
    for (auto [key, value] : entries) {
      auto text = string_value(file, *value, key->str());
      if (!text) return std::unexpected(text.error());
      diff::LevelOverride override{std::string(key->str()), diff::parse_level(*text), where(file, key->source())};
      bool off = *text == "off" || *text == "OFF" || *text == "Off";
      if (!override.level && !off) {
        return fail("config-error", "unknown level '" + *text + "' for '" + override.id + "'",
                    where(file, value->source()), "use ERR, WARN, INFO or off");
      }
      policy.levels.push_back(std::move(override));
    }
  }
  if (const toml::node* node = table.get("ignore")) {
    const toml::array* list = node->as_array();
    if (!list) {
      return fail("config-error", "'ignore' must be an array of rules", where(file, node->source()),
                  "e.g. ignore = [ { id = \"api-path-removed-without-deprecation\", path = \"/internal/**\" } ]");
    }
    for (const toml::node& item : *list) {
      if (auto compact = item.value_exact<std::string>()) {
        auto rule = diff::parse_ignore_rule(*compact, where(file, item.source()));
        if (!rule) return std::unexpected(rule.error());
        policy.ignores.push_back(std::move(*rule));
        continue;
      }
      const toml::table* entry = item.as_table();
      if (!entry) {
        return fail("config-error", "each 'ignore' entry must be a table or an \"ID@METHOD PATH\" string",
                    where(file, item.source()), "e.g. { id = \"response-property-removed\", path = \"/pets/*\" }");
      }
      if (auto ok = only_keys(file, *entry, "contract.diff.ignore", {"id", "path", "method", "reason"}); !ok) return ok;
      const toml::node* id = entry->get("id");
      if (!id) {
        return fail("config-error", "an 'ignore' entry needs an 'id' (a check id, a glob, or \"*\")",
                    where(file, item.source()), "e.g. { id = \"api-tag-removed\", path = \"/internal/**\" }");
      }
      diff::IgnoreRule rule;
      rule.where = where(file, id->source());
      std::pair<std::string_view, std::string*> fields[] = {
          {"id", &rule.id}, {"path", &rule.path}, {"method", &rule.method}, {"reason", &rule.reason}};
      for (auto [key, target] : fields) {
        const toml::node* value = entry->get(key);
        if (!value) continue;
        auto text = string_value(file, *value, key);
        if (!text) return std::unexpected(text.error());
        *target = *text;
      }
      std::ranges::transform(rule.method, rule.method.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (const toml::node* method = entry->get("method"); method && rule.method.empty()) {
        return fail("config-error", "'method' is empty", where(file, method->source()), "leave it out to match any");
      }
      if (const toml::node* path = entry->get("path"); path && rule.path.empty()) {
        return fail("config-error", "'path' is empty", where(file, path->source()), "leave it out to match any");
      }
      // An unknown method is reported at the method, anything else at the id.
      diff::DiffPolicy single;
      single.ignores.push_back(rule);
      if (auto ok = diff::validate_policy(single); !ok) {
        Diagnostic error = ok.error();
        if (const toml::node* method = entry->get("method"); method && error.code == "bad-policy") {
          error.where = where(file, method->source());
        }
        return std::unexpected(std::move(error));
      }
      policy.ignores.push_back(std::move(rule));
    }
  }
  return diff::validate_policy(policy);
}

Result<void> read_dev(const std::filesystem::path& file, const toml::table& table, DevConfig& dev) {
  if (auto ok = only_keys(file, table, "dev", {"setup", "build", "command", "test", "health", "watch", "ignore"});
      !ok) {
    return ok;
  }
  std::pair<std::string_view, std::string*> texts[] = {{"setup", &dev.setup},
                                                       {"build", &dev.build},
                                                       {"command", &dev.command},
                                                       {"test", &dev.test},
                                                       {"health", &dev.health}};
  for (auto [key, target] : texts) {
    if (const toml::node* value = table.get(key)) {
      auto text = string_value(file, *value, key);
      if (!text) return std::unexpected(text.error());
      *target = *text;
    }
  }
  std::pair<std::string_view, std::vector<std::string>*> lists[] = {{"watch", &dev.watch}, {"ignore", &dev.ignore}};
  for (auto [key, target] : lists) {
    const toml::node* value = table.get(key);
    if (!value) continue;
    const toml::array* array = value->as_array();
    if (!array) {
      return fail("config-error", "'" + std::string(key) + "' must be an array of globs", where(file, value->source()),
                  "e.g. " + std::string(key) + " = [\"app/**/*.py\"]");
    }
    for (const toml::node& item : *array) {
      auto text = string_value(file, item, key);
      if (!text) return std::unexpected(text.error());
      target->push_back(*text);
    }
  }
  return {};
}

Result<void> read_slo(const std::filesystem::path& file, const toml::table& table, SloConfig& slo) {
  if (auto ok = only_keys(
          file, table, "slo",
          {"ttfr_seconds", "lead_time_p50_days", "lead_time_p90_days", "defects", "tests", "lead_time_operations"});
      !ok) {
    return ok;
  }
  std::pair<std::string_view, std::optional<double>*> budgets[] = {{"ttfr_seconds", &slo.ttfr_seconds},
                                                                   {"lead_time_p50_days", &slo.lead_time_p50_days},
                                                                   {"lead_time_p90_days", &slo.lead_time_p90_days},
                                                                   {"defects", &slo.defects}};
  for (auto [key, target] : budgets) {
    const toml::node* value = table.get(key);
    if (!value) continue;
    std::optional<double> number = value->value_exact<double>();
    if (auto integer = value->value_exact<std::int64_t>()) number = static_cast<double>(*integer);
    if (!number || !(*number >= 0) || *number > 1e9) {
      return fail("config-error", "'" + std::string(key) + "' must be a number, 0 or more",
                  where(file, value->source()), "e.g. " + std::string(key) + (key == "defects" ? " = 0" : " = 3"));
    }
    *target = *number;
  }
  if (const toml::node* value = table.get("lead_time_operations")) {
    auto count = value->value_exact<std::int64_t>();
    if (!count || *count < 1 || *count > 1000000) {
      return fail("config-error", "'lead_time_operations' must be a whole number, 1 or more",
                  where(file, value->source()), "e.g. lead_time_operations = 20");
    }
    slo.lead_time_operations = static_cast<int>(*count);
  }
  if (const toml::node* value = table.get("tests")) {
    const toml::array* array = value->as_array();
    if (!array || array->empty()) {
      return fail("config-error", "'tests' must be a non-empty array of globs", where(file, value->source()),
                  "e.g. tests = [\"tests/**\"]");
    }
    slo.test_globs.clear();
    for (const toml::node& item : *array) {
      auto text = string_value(file, item, "tests");
      if (!text) return std::unexpected(text.error());
      if (text->empty()) return fail("config-error", "a glob in 'tests' is empty", where(file, item.source()));
      slo.test_globs.push_back(*text);
    }
  }
  return {};
}

Result<void> read_answers(const std::filesystem::path& file, const toml::table& table, ProjectConfig& config) {
  for (const auto& [key, value] : table) {
    AnswerValue answer;
    if (auto text = value.value_exact<std::string>()) {
      answer = *text;
    } else if (auto number = value.value_exact<std::int64_t>()) {
      answer = *number;
    } else if (auto flag = value.value_exact<bool>()) {
      answer = *flag;
    } else {
      return fail("config-error", "answer '" + std::string(key.str()) + "' must be a string, an integer or a boolean",
                  where(file, value.source()));
    }
    config.answers.emplace_back(std::string(key.str()), std::move(answer));
  }
  // toml++ keeps a table's keys sorted; the file's order is the template's question order.
  std::ranges::stable_sort(config.answers, {}, [&](const auto& entry) {
    const toml::node* node = table.get(entry.first);
    return std::pair(node->source().begin.line, node->source().begin.column);
  });
  return {};
}

Result<ProjectConfig> read_document(const std::filesystem::path& file, const toml::table& document) {
  ProjectConfig config;
  config.file = file;
  config.root = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  if (auto ok = only_keys(file, document, "top level", {"project", "contract", "dev", "slo", "answers"}); !ok)
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
    if (auto ok = only_keys(file, *table, "contract", {"path", "lint", "baseline", "diff"}); !ok)
      return std::unexpected(ok.error());
    if (const toml::node* baseline = table->get("baseline")) {
      auto text = string_value(file, *baseline, "baseline");
      if (!text) return std::unexpected(text.error());
      if (text->empty() || *text == "-") {
        return fail("config-error", "'baseline' must name a file, a folder or REV:path",
                    where(file, baseline->source()), "e.g. baseline = \"origin/main:openapi.yaml\"");
      }
      config.baseline = *text;
    }
    if (const toml::node* diff_node = table->get("diff")) {
      const toml::table* diff_table = diff_node->as_table();
      if (!diff_table) return fail("config-error", "[contract.diff] must be a table", where(file, diff_node->source()));
      if (auto ok = read_contract_diff(file, *diff_table, config.diff); !ok) return std::unexpected(ok.error());
    }
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
  if (const toml::node* node = document.get("dev")) {
    const toml::table* table = node->as_table();
    if (!table) return fail("config-error", "[dev] must be a table", where(file, node->source()));
    if (auto ok = read_dev(file, *table, config.dev); !ok) return std::unexpected(ok.error());
  }
  if (const toml::node* node = document.get("slo")) {
    const toml::table* table = node->as_table();
    if (!table) return fail("config-error", "[slo] must be a table", where(file, node->source()));
    if (auto ok = read_slo(file, *table, config.slo); !ok) return std::unexpected(ok.error());
  }
  if (const toml::node* node = document.get("answers")) {
    const toml::table* table = node->as_table();
    if (!table) return fail("config-error", "[answers] must be a table", where(file, node->source()));
    if (auto ok = read_answers(file, *table, config); !ok) return std::unexpected(ok.error());
  }
  return config;
}

}  // namespace

Result<ProjectConfig> parse_project_config(std::string_view text, const std::filesystem::path& file) {
  toml::table document;
  try {
    document = toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    return fail("config-error", std::string(error.description()), where(file, error.source()),
                "fix the TOML syntax of " + file.string());
  }
  return read_document(file, document);
}

Result<ProjectConfig> load_project_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) return fail("config-error", "cannot read the project file", {file.string(), 0, 0, {}});
  return parse_project_config(text.str(), file);
}

std::optional<std::string> baseline_argument(const ProjectConfig& config) {
  if (!config.baseline) return std::nullopt;
  const std::string& baseline = *config.baseline;
  auto relative = [&](std::string_view path) { return (config.root / path).lexically_normal().string(); };
  std::error_code error;
  if (std::filesystem::exists(config.root / baseline, error)) return relative(baseline);
  // REV:path, split where contract::resolve_spec splits it: the first ':' outside `@{...}`.
  int depth = 0;
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    if (baseline[i] == '{' && i > 0 && baseline[i - 1] == '@') ++depth;
    if (baseline[i] == '}' && depth > 0) --depth;
    if (baseline[i] == ':' && depth == 0 && i > 0 && i + 1 < baseline.size()) {
      return baseline.substr(0, i + 1) + relative(std::string_view(baseline).substr(i + 1));
    }
  }
  return relative(baseline);
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
