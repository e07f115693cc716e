// A TOML document as a plain tree of fields with their positions, so the readers of migration files and
// pyproject.toml need neither toml++ nor its exceptions (they stay in toml_fields.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct TomlField {
  enum class Type { string, boolean, integer, floating, date_time, array, table };
  Type type = Type::table;
  std::string key;               // the key naming this field in its table; "" for array items and the root
  SourcePosition key_at;         // where the key is written
  SourcePosition at;             // where the value begins
  SourcePosition end;            // where the value ends (toml++'s end of the value's region)
  std::string text;              // string values
  bool flag = false;             // boolean values
  std::int64_t number = 0;       // integer values
  std::vector<TomlField> items;  // table entries in file order, or array items

  const TomlField* find(std::string_view name) const;
};

std::string_view type_name(TomlField::Type type);

// Parses TOML text; a syntax error is code "toml-error" at its file:line:col.
Result<TomlField> parse_toml_fields(std::string_view text, const std::filesystem::path& file);

// The byte offset of a (line, column) position in `text`; columns count UTF-8 code points as toml++ does.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column);

}  // namespace apictl::migrate
