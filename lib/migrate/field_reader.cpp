// Strict field reading for migration files, in one place so every table reports mistakes alike.
#include "migrate/field_reader.hpp"

#include "util/spelling.hpp"

namespace apictl::migrate {

namespace {

SourcePosition key_or_value(const TomlField& field) { return field.key_at.line != 0 ? field.key_at : field.at; }

}  // namespace

std::unexpected<Diagnostic> FieldReader::error_at(const TomlField& field, std::string message, std::string hint) const {
  return fail(std::string(migration_error_code), std::move(message), field.at, std::move(hint));
}

std::unexpected<Diagnostic> FieldReader::error(std::string message, std::string hint) const {
  return fail(std::string(migration_error_code), std::move(message), table_.at, std::move(hint));
}

Result<void> FieldReader::only_keys(std::initializer_list<std::string_view> allowed) const {
  for (const TomlField& entry : table_.items) {
    bool known = false;
    for (std::string_view name : allowed) known = known || entry.key == name;
    if (known) continue;
    std::vector<std::string_view> names(allowed);
    std::string_view near = closest_name(names, entry.key);
    std::string list;
    for (std::string_view name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    std::string guess = near.empty() ? "" : "did you mean '" + std::string(near) + "'? ";
    return fail(std::string(migration_error_code), "unknown key '" + entry.key + "' in " + name_, key_or_value(entry),
                guess + "allowed keys: " + list);
  }
  return {};
}

Result<std::string> FieldReader::required_string(std::string_view key, std::string_view example) const {
  const TomlField* field = find(key);
  if (!field) {
    return error(name_ + " needs '" + std::string(key) + "'", "e.g. " + std::string(example));
  }
  if (field->type != TomlField::Type::string) {
    return error_at(*field, "'" + std::string(key) + "' must be a string, not " + std::string(type_name(field->type)),
                    "e.g. " + std::string(example));
  }
  if (field->text.empty())
    return error_at(*field, "'" + std::string(key) + "' is empty", "e.g. " + std::string(example));
  return field->text;
}

Result<std::optional<std::string>> FieldReader::optional_string(std::string_view key) const {
  const TomlField* field = find(key);
  if (!field) return std::optional<std::string>{};
  if (field->type != TomlField::Type::string) {
    return error_at(*field, "'" + std::string(key) + "' must be a string, not " + std::string(type_name(field->type)));
  }
  return std::optional<std::string>(field->text);
}

Result<std::optional<bool>> FieldReader::optional_bool(std::string_view key) const {
  const TomlField* field = find(key);
  if (!field) return std::optional<bool>{};
  if (field->type != TomlField::Type::boolean) {
    return error_at(*field,
                    "'" + std::string(key) + "' must be true or false, not " + std::string(type_name(field->type)));
  }
  return std::optional<bool>(field->flag);
}

Result<std::vector<PlacedText>> FieldReader::string_list(std::string_view key) const {
  std::vector<PlacedText> list;
  const TomlField* field = find(key);
  if (!field) return list;
  if (field->type == TomlField::Type::string) {
    list.push_back({field->text, field->at});
    return list;
  }
  if (field->type != TomlField::Type::array) {
    return error_at(*field, "'" + std::string(key) + "' must be a string or an array of strings, not " +
                                std::string(type_name(field->type)));
  }
  for (const TomlField& item : field->items) {
    if (item.type != TomlField::Type::string || item.text.empty()) {
      return error_at(item, "each item of '" + std::string(key) + "' must be a non-empty string");
    }
    list.push_back({item.text, item.at});
  }
  return list;
}

Result<std::vector<const TomlField*>> FieldReader::table_list(std::string_view key, std::string_view example) const {
  std::vector<const TomlField*> tables;
  const TomlField* field = find(key);
  if (!field) return tables;
  if (field->type != TomlField::Type::array) {
    return error_at(*field, "'" + std::string(key) + "' must be an array of tables", "e.g. " + std::string(example));
  }
  for (const TomlField& item : field->items) {
    if (item.type != TomlField::Type::table) {
      return error_at(item, "each item of '" + std::string(key) + "' must be a table", "e.g. " + std::string(example));
    }
    tables.push_back(&item);
  }
  return tables;
}

}  // namespace apictl::migrate
