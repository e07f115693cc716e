// The migration file reader: top-level keys, `upgrades`, `preconditions`, `verify`, and `[[steps]]` through
// the step-kind registry.
#include "migrate/migration_file.hpp"

#include <algorithm>
#include <cctype>

#include "migrate/sha256.hpp"
#include "util/spelling.hpp"

namespace apictl::migrate {

namespace {

Result<Upgrade> read_upgrade(const TomlField& field) {
  if (field.type != TomlField::Type::table) {
    return fail(std::string(migration_error_code), "'upgrades' must be a table", field.at,
                "e.g. upgrades = { package = \"pydantic\", from = \">=1,<2\", to = \"2\" }");
  }
  FieldReader table(field, "'upgrades'");
  if (auto ok = table.only_keys({"package", "template", "from", "to"}); !ok) return std::unexpected(ok.error());
  Upgrade upgrade;
  upgrade.where = field.at;
  auto package = table.optional_string("package");
  if (!package) return std::unexpected(package.error());
  auto template_name = table.optional_string("template");
  if (!template_name) return std::unexpected(template_name.error());
  if (package->has_value() == template_name->has_value()) {
    return table.error("'upgrades' names either a 'package' or a 'template'",
                       "e.g. { package = \"pydantic\", from = \">=1,<2\", to = \"2\" } or { template = \"fastapi\", "
                       "from = \"<1.1\", to = \"1.1.0\" }");
  }
  upgrade.subject = *package ? Upgrade::Subject::package : Upgrade::Subject::template_;
  upgrade.name = *package ? **package : **template_name;
  auto from = table.required_string("from", "from = \">=1,<2\"");
  if (!from) return std::unexpected(from.error());
  auto range = parse_version_range(*from);
  if (!range) {
    Diagnostic error = range.error();
    error.where = table.find("from")->at;
    return std::unexpected(std::move(error));
  }
  upgrade.from = std::move(*range);
  auto to = table.optional_string("to");
  if (!to) return std::unexpected(to.error());
  upgrade.to = to->value_or("");
  return upgrade;
}

Result<Precondition> read_precondition(const TomlField& field) {
  FieldReader table(field, "[[preconditions]]");
  Precondition condition;
  condition.where = field.at;
  auto kind = table.required_string("kind", "kind = \"files-exist\"");
  if (!kind) return std::unexpected(kind.error());
  if (*kind == "files-exist") {
    condition.kind = Precondition::Kind::files_exist;
    if (auto ok = table.only_keys({"kind", "paths"}); !ok) return std::unexpected(ok.error());
    auto paths = table.string_list("paths");
    if (!paths) return std::unexpected(paths.error());
    if (paths->empty())
      return table.error("a files-exist precondition needs 'paths'", "e.g. paths = [\"app/main.py\"]");
    for (PlacedText& path : *paths) condition.paths.push_back(std::move(path.text));
  } else if (*kind == "pinned") {
    condition.kind = Precondition::Kind::pinned;
    if (auto ok = table.only_keys({"kind", "package", "range"}); !ok) return std::unexpected(ok.error());
    auto package = table.required_string("package", "package = \"pydantic\"");
    if (!package) return std::unexpected(package.error());
    condition.package = *package;
    auto range_text = table.required_string("range", "range = \">=1.10,<2\"");
    if (!range_text) return std::unexpected(range_text.error());
    auto range = parse_version_range(*range_text);
    if (!range) {
      Diagnostic error = range.error();
      error.where = table.find("range")->at;
      return std::unexpected(std::move(error));
    }
    condition.range = std::move(*range);
  } else if (*kind == "command") {
    condition.kind = Precondition::Kind::command;
    if (auto ok = table.only_keys({"kind", "run"}); !ok) return std::unexpected(ok.error());
    auto run = table.required_string("run", "run = \"git diff --quiet\"");
    if (!run) return std::unexpected(run.error());
    condition.command = *run;
  } else {
    std::vector<std::string_view> kinds = {"files-exist", "pinned", "command"};
    std::string_view near = closest_name(kinds, *kind);
    return table.error_at(
        *table.find("kind"), "unknown precondition kind '" + *kind + "'",
        (near.empty() ? "" : "did you mean '" + std::string(near) + "'? ") + "kinds: files-exist, pinned, command");
  }
  return condition;
}

Result<std::optional<StepCondition>> read_condition(const FieldReader& step) {
  const TomlField* field = step.find("when");
  if (!field) return std::optional<StepCondition>{};
  constexpr std::string_view example = "when = { imports = \"pydantic_settings\", files = [\"**/*.py\"] }";
  if (field->type != TomlField::Type::table)
    return step.error_at(*field, "'when' must be a table", "e.g. " + std::string(example));
  FieldReader table(*field, "'when'");
  if (auto ok = table.only_keys({"imports", "language", "files"}); !ok) return std::unexpected(ok.error());
  StepCondition condition;
  auto module = table.required_string("imports", example);
  if (!module) return std::unexpected(module.error());
  condition.module = *module;
  if (table.find("language")) {
    auto language = parse_language(table, "language");
    if (!language) return std::unexpected(language.error());
    condition.language = *language;
  }
  auto files = table.string_list("files");
  if (!files) return std::unexpected(files.error());
  for (PlacedText& glob : *files) condition.files.push_back(std::move(glob.text));
  if (condition.files.empty()) {
    if (condition.language == Language::python) {
      condition.files = {"**/*.py"};
    } else {
      condition.files = {"**/*.cpp", "**/*.cc", "**/*.hpp", "**/*.h"};
    }
  }
  return std::optional<StepCondition>(std::move(condition));
}

Result<StepPointer> read_step(const TomlField& field) {
  FieldReader table(field, "[[steps]]");
  std::vector<std::string_view> names;
  for (const StepKind& kind : step_kinds()) names.push_back(kind.name);
  std::string list;
  for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  auto kind_name = table.required_string("kind", "kind = \"pin\"");
  if (!kind_name) {
    Diagnostic error = kind_name.error();
    error.hint += " (kinds: " + list + ")";
    return std::unexpected(std::move(error));
  }
  const StepKind* kind = find_step_kind(*kind_name);
  if (!kind) {
    std::string_view near = closest_name(names, *kind_name);
    std::string hint = (near.empty() ? "" : "did you mean '" + std::string(near) + "'? ") + "kinds: " + list;
    return table.error_at(*table.find("kind"), "unknown step kind '" + *kind_name + "'", hint);
  }
  // Each kind's keys, plus the two every step may have.
  for (const TomlField& entry : field.items) {
    if (entry.key == "kind" || entry.key == "when") continue;
    if (std::ranges::find(kind->keys, entry.key) != kind->keys.end()) continue;
    std::vector<std::string_view> allowed(kind->keys.begin(), kind->keys.end());
    allowed.push_back("when");
    std::string_view near = closest_name(allowed, entry.key);
    std::string keys = "kind";
    for (std::string_view key : allowed) keys += ", " + std::string(key);
    return fail(std::string(migration_error_code),
                "unknown key '" + entry.key + "' in a " + std::string(kind->name) + " step", entry.key_at,
                (near.empty() ? "" : "did you mean '" + std::string(near) + "'? ") + "allowed keys: " + keys);
  }
  auto step = kind->read(table);
  if (!step) return std::unexpected(step.error());
  auto condition = read_condition(table);
  if (!condition) return std::unexpected(condition.error());
  (*step)->where = field.at;
  (*step)->when = std::move(*condition);
  return StepPointer(std::move(*step));
}

Result<std::optional<Verify>> read_verify(const TomlField& field) {
  if (field.type == TomlField::Type::string) {
    return std::optional<Verify>(Verify{field.text, false});
  }
  if (field.type != TomlField::Type::table) {
    return fail(std::string(migration_error_code), "'verify' must be a command or a table", field.at,
                "e.g. verify = \"python3 -m pytest -q\", or [verify] command = \"python3 -m pytest -q\" "
                "prefer_project_test = true");
  }
  FieldReader table(field, "[verify]");
  if (auto ok = table.only_keys({"command", "prefer_project_test"}); !ok) return std::unexpected(ok.error());
  auto command = table.optional_string("command");
  if (!command) return std::unexpected(command.error());
  auto prefer = table.optional_bool("prefer_project_test");
  if (!prefer) return std::unexpected(prefer.error());
  return std::optional<Verify>(Verify{command->value_or(""), prefer->value_or(true)});
}

}  // namespace

bool valid_migration_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  };
  if (!std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  for (char c : id) {
    if (!allowed(c)) return false;
  }
  return true;
}

Result<Migration> parse_migration(std::string_view text, const MigrationOrigin& origin) {
  auto document = parse_toml_fields(text, origin.file);
  if (!document) {
    Diagnostic error = document.error();
    error.code = std::string(migration_error_code);
    return std::unexpected(std::move(error));
  }
  FieldReader top(*document, "the migration");
  if (auto ok = top.only_keys({"id", "title", "description", "after", "upgrades", "preconditions", "steps", "verify"});
      !ok) {
    return std::unexpected(ok.error());
  }
  Migration migration;
  migration.file = origin.file;
  migration.source = origin.source;
  migration.builtin = origin.builtin;
  migration.sha256 = sha256_hex(text);
  auto at_file = [&](Diagnostic error) {
    if (error.where.file.empty()) error.where.file = origin.file;
    if (error.where.line == 0) error.where.line = 1;
    return std::unexpected(std::move(error));
  };

  auto id = top.required_string("id", "id = \"20261126-1530-pydantic-v2\"");
  if (!id) return at_file(id.error());
  migration.id = *id;
  migration.id_at = top.find("id")->at;
  if (!valid_migration_id(migration.id)) {
    return top.error_at(*top.find("id"), "id '" + migration.id + "' is not valid",
                        "use lower-case letters, digits, '.', '_' and '-', e.g. \"20261126-1530-rename-models\"");
  }
  if (!origin.expected_id.empty() && migration.id != origin.expected_id) {
    return top.error_at(*top.find("id"),
                        "id '" + migration.id + "' differs from the file name '" + origin.expected_id + ".toml'",
                        "rename the file to " + migration.id + ".toml, or set id = \"" + origin.expected_id + "\"");
  }
  auto title = top.required_string("title", "title = \"Move to Pydantic v2\"");
  if (!title) return at_file(title.error());
  migration.title = *title;
  auto description = top.optional_string("description");
  if (!description) return std::unexpected(description.error());
  migration.description = description->value_or("");
  auto after = top.string_list("after");
  if (!after) return std::unexpected(after.error());
  migration.after = std::move(*after);
  if (const TomlField* field = top.find("upgrades")) {
    auto upgrade = read_upgrade(*field);
    if (!upgrade) return std::unexpected(upgrade.error());
    migration.upgrades = std::move(*upgrade);
  }
  auto preconditions = top.table_list("preconditions", "[[preconditions]] kind = \"files-exist\" paths = [\"app\"]");
  if (!preconditions) return std::unexpected(preconditions.error());
  for (const TomlField* field : *preconditions) {
    auto condition = read_precondition(*field);
    if (!condition) return std::unexpected(condition.error());
    migration.preconditions.push_back(std::move(*condition));
  }
  auto steps = top.table_list("steps", "[[steps]] kind = \"pin\" package = \"pydantic\" version = \">=2,<3\"");
  if (!steps) return std::unexpected(steps.error());
  if (steps->empty()) {
    return at_file(fail(std::string(migration_error_code), "the migration has no [[steps]]", {},
                        "add at least one, e.g. [[steps]] kind = \"manual\" text = \"...\"")
                       .error());
  }
  for (const TomlField* field : *steps) {
    auto step = read_step(*field);
    if (!step) return std::unexpected(step.error());
    migration.steps.push_back(std::move(*step));
  }
  if (const TomlField* field = top.find("verify")) {
    auto verify = read_verify(*field);
    if (!verify) return std::unexpected(verify.error());
    migration.verify = std::move(*verify);
  }
  return migration;
}

}  // namespace apictl::migrate
