// Reading one table of a migration file strictly: unknown keys (with the nearest known one), wrong types
// and missing keys are errors at their line:column with a hint.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/toml_fields.hpp"

namespace apictl::migrate {

// A string with the place it was written, for errors found after parsing (an unknown id in `after`).
struct PlacedText {
  std::string text;
  SourcePosition at;
};

class FieldReader {
 public:
  FieldReader(const TomlField& table, std::string table_name) : table_(table), name_(std::move(table_name)) {}

  const TomlField& table() const { return table_; }
  const std::string& name() const { return name_; }
  const TomlField* find(std::string_view key) const { return table_.find(key); }

  Result<void> only_keys(std::initializer_list<std::string_view> allowed) const;
  Result<std::string> required_string(std::string_view key, std::string_view example) const;
  Result<std::optional<std::string>> optional_string(std::string_view key) const;
  Result<std::optional<bool>> optional_bool(std::string_view key) const;
  // A string or an array of strings; an empty list when absent.
  Result<std::vector<PlacedText>> string_list(std::string_view key) const;
  // An array of tables (`[[steps.replace]]` or `replace = [{...}]`); empty when absent.
  Result<std::vector<const TomlField*>> table_list(std::string_view key, std::string_view example) const;

  // An error at `field` (a value of this table), in this table's words.
  std::unexpected<Diagnostic> error_at(const TomlField& field, std::string message, std::string hint = {}) const;
  // An error at this table itself.
  std::unexpected<Diagnostic> error(std::string message, std::string hint = {}) const;

 private:
  const TomlField& table_;
  std::string name_;
};

inline constexpr std::string_view migration_error_code = "migration-error";

}  // namespace apictl::migrate
