// Pins in pyproject.toml: PEP 621 requirement strings and Poetry's dependency tables, located through the
// TOML parser's positions and edited in the raw text.
#include "migrate/dependency_pins.hpp"
#include "migrate/requirement_spec.hpp"
#include "migrate/toml_fields.hpp"

namespace apictl::migrate {

namespace {

// The raw text between the quotes of the string literal starting at `offset`, and the offset after its
// closing quote; nullopt for multi-line strings and for literals whose raw text is not their value
// (escapes), which cannot be edited byte for byte.
struct Literal {
  std::size_t content_begin = 0;
  std::size_t content_end = 0;
  std::size_t after = 0;
};

std::optional<Literal> string_literal(std::string_view text, std::size_t offset, const std::string& value) {
  if (offset >= text.size() || (text[offset] != '"' && text[offset] != '\'')) return std::nullopt;
  char quote = text[offset];
  if (text.substr(offset, 3) == std::string(3, quote)) return std::nullopt;
  std::size_t close = offset + 1;
  while (close < text.size() && text[close] != quote && text[close] != '\n') {
    if (quote == '"' && text[close] == '\\') return std::nullopt;
    ++close;
  }
  if (close >= text.size() || text[close] != quote) return std::nullopt;
  Literal literal{offset + 1, close, close + 1};
  if (text.substr(literal.content_begin, close - literal.content_begin) != value) return std::nullopt;
  return literal;
}

std::size_t literal_offset(std::string_view text, const TomlField& field) {
  return offset_of(text, field.at.line, field.at.column);
}

void requirement_strings(std::string_view text, std::string_view file, const TomlField& array, std::string where,
                         std::vector<DeclaredPin>& pins) {
  if (array.type != TomlField::Type::array) return;
  for (const TomlField& item : array.items) {
    if (item.type != TomlField::Type::string) continue;
    auto literal = string_literal(text, literal_offset(text, item), item.text);
    if (!literal) continue;
    auto parts = split_requirement(item.text);
    if (!parts) continue;
    DeclaredPin pin;
    pin.file = std::string(file);
    pin.kind = PinFileKind::pyproject;
    pin.form = PinForm::requirement;
    pin.package = item.text.substr(parts->name_begin, parts->name_end - parts->name_begin);
    pin.constraint = item.text.substr(parts->spec_begin, parts->spec_end - parts->spec_begin);
    pin.begin = literal->content_begin + parts->spec_begin;
    pin.end = literal->content_begin + parts->spec_end;
    pin.line = item.at.line;
    pin.where = where;
    pin.entry_begin = literal->content_begin - 1;
    pin.entry_end = literal->after;
    pins.push_back(std::move(pin));
  }
}

void poetry_table(std::string_view text, std::string_view file, const TomlField* table, std::string where,
                  std::vector<DeclaredPin>& pins) {
  if (!table || table->type != TomlField::Type::table) return;
  for (const TomlField& entry : table->items) {
    if (entry.key == "python") continue;  // the interpreter, not a package
    const TomlField* version = &entry;
    if (entry.type == TomlField::Type::table) version = entry.find("version");
    if (!version || version->type != TomlField::Type::string) continue;
    auto literal = string_literal(text, literal_offset(text, *version), version->text);
    if (!literal) continue;
    DeclaredPin pin;
    pin.file = std::string(file);
    pin.kind = PinFileKind::pyproject;
    pin.form = PinForm::poetry;
    pin.package = entry.key;
    pin.constraint = version->text;
    pin.begin = literal->content_begin;
    pin.end = literal->content_end;
    pin.line = entry.key_at.line;
    pin.where = where;
    pin.entry_begin = offset_of(text, entry.key_at.line, entry.key_at.column);
    // A new entry goes on the line after the one where this value ends.
    std::size_t value_end =
        entry.type == TomlField::Type::table ? offset_of(text, entry.end.line, entry.end.column) : literal->after;
    pin.entry_end = value_end;
    pins.push_back(std::move(pin));
  }
}

}  // namespace

Result<std::vector<DeclaredPin>> find_pyproject_pins(std::string_view text, std::string_view file) {
  auto document = parse_toml_fields(text, std::string(file));
  if (!document) return std::unexpected(document.error());
  std::vector<DeclaredPin> pins;
  if (const TomlField* project = document->find("project")) {
    if (const TomlField* dependencies = project->find("dependencies")) {
      requirement_strings(text, file, *dependencies, "[project] dependencies", pins);
    }
    if (const TomlField* optional = project->find("optional-dependencies");
        optional && optional->type == TomlField::Type::table) {
      for (const TomlField& extra : optional->items) {
        requirement_strings(text, file, extra, "[project.optional-dependencies] " + extra.key, pins);
      }
    }
  }
  const TomlField* tool = document->find("tool");
  const TomlField* poetry = tool ? tool->find("poetry") : nullptr;
  if (poetry) {
    poetry_table(text, file, poetry->find("dependencies"), "[tool.poetry.dependencies]", pins);
    poetry_table(text, file, poetry->find("dev-dependencies"), "[tool.poetry.dev-dependencies]", pins);
    if (const TomlField* groups = poetry->find("group"); groups && groups->type == TomlField::Type::table) {
      for (const TomlField& group : groups->items) {
        poetry_table(text, file, group.find("dependencies"), "[tool.poetry.group." + group.key + ".dependencies]",
                     pins);
      }
    }
  }
  return pins;
}

}  // namespace apictl::migrate
