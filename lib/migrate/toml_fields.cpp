// toml++ adapter: parse exceptions are caught here, and its node tree becomes plain TomlFields in file order.
#include "migrate/toml_fields.hpp"

#include <toml++/toml.h>

#include <algorithm>

namespace apictl::migrate {

namespace {

SourcePosition position(const std::filesystem::path& file, const toml::source_position& at) {
  return SourcePosition{file.string(), static_cast<std::uint32_t>(at.line), static_cast<std::uint32_t>(at.column), {}};
}

TomlField convert(const toml::node& node, const std::filesystem::path& file) {
  TomlField field;
  field.at = position(file, node.source().begin);
  field.end = position(file, node.source().end);
  if (const toml::table* table = node.as_table()) {
    field.type = TomlField::Type::table;
    for (const auto& [key, value] : *table) {
      TomlField entry = convert(value, file);
      entry.key = std::string(key.str());
      entry.key_at = position(file, key.source().begin);
      field.items.push_back(std::move(entry));
    }
    // toml++ keeps keys sorted; readers report and keep things in the order the file has them.
    std::ranges::stable_sort(field.items, {},
                             [](const TomlField& entry) { return std::pair(entry.key_at.line, entry.key_at.column); });
  } else if (const toml::array* array = node.as_array()) {
    field.type = TomlField::Type::array;
    for (const toml::node& item : *array) field.items.push_back(convert(item, file));
  } else if (auto text = node.value_exact<std::string>()) {
    field.type = TomlField::Type::string;
    field.text = *text;
  } else if (auto flag = node.value_exact<bool>()) {
    field.type = TomlField::Type::boolean;
    field.flag = *flag;
  } else if (auto number = node.value_exact<std::int64_t>()) {
    field.type = TomlField::Type::integer;
    field.number = *number;
  } else if (node.is_floating_point()) {
    field.type = TomlField::Type::floating;
  } else {
    field.type = TomlField::Type::date_time;
  }
  return field;
}

}  // namespace

const TomlField* TomlField::find(std::string_view name) const {
  auto found = std::ranges::find(items, name, &TomlField::key);
  return found == items.end() ? nullptr : &*found;
}

std::string_view type_name(TomlField::Type type) {
  switch (type) {
    case TomlField::Type::string:
      return "a string";
    case TomlField::Type::boolean:
      return "a boolean";
    case TomlField::Type::integer:
      return "an integer";
    case TomlField::Type::floating:
      return "a float";
    case TomlField::Type::date_time:
      return "a date or time";
    case TomlField::Type::array:
      return "an array";
    case TomlField::Type::table:
      return "a table";
  }
  return "a value";
}

Result<TomlField> parse_toml_fields(std::string_view text, const std::filesystem::path& file) {
  toml::table document;
  try {
    document = toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    return fail("toml-error", std::string(error.description()), position(file, error.source().begin),
                "fix the TOML syntax of " + file.string());
  }
  return convert(document, file);
}

std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column) {
  std::size_t offset = 0;
  for (std::uint32_t current = 1; current < line; ++current) {
    std::size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  for (std::uint32_t current = 1; current < column && offset < text.size() && text[offset] != '\n'; ++current) {
    // Skip one UTF-8 code point: a lead byte and its continuation bytes.
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

}  // namespace apictl::migrate
