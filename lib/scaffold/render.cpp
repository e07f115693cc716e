// The placeholder renderer: a single left-to-right scan, no nesting, no logic beyond filters.
#include "scaffold/render.hpp"

#include <cctype>
#include <vector>

#include "scaffold/filters.hpp"
#include "util/spelling.hpp"

namespace apictl::scaffold {

namespace {

// Where byte `offset` of the text is, counting from the text's own origin.
SourcePosition position_at(std::string_view text, std::size_t offset, const SourcePosition& origin) {
  SourcePosition where = origin;
  if (where.line == 0) return where;
  std::uint32_t line = origin.line;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  where.column = static_cast<std::uint32_t>((line == origin.line ? origin.column : 1) + (offset - line_start));
  where.line = line;
  return where;
}

std::string_view trimmed(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// A variable name; a '.' joins a loop variable and its field in endpoint snippets (`parameter.name`).
bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.') return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  }
  return true;
}

std::string closest_hint(const Answers& values, std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& entry : values.entries()) names.push_back(entry.first);
  auto closest = closest_name(names, name);
  if (!closest.empty()) return "did you mean '" + std::string(closest) + "'?";
  std::string list;
  for (auto known : names) list += (list.empty() ? "" : ", ") + std::string(known);
  return list.empty() ? "the template declares no variables" : "variables: " + list;
}

// Evaluates the inside of one placeholder: a variable or a quoted literal, then `| filter`s.
Result<std::string> evaluate(std::string_view expression, const Answers& values, const SourcePosition& where) {
  std::string_view rest = trimmed(expression);
  std::string current;
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    auto close = rest.find(rest.front(), 1);
    if (close == std::string_view::npos) {
      return fail("template-error", "unterminated string literal in placeholder", where,
                  "close it with the same quote it opened with");
    }
    current = std::string(rest.substr(1, close - 1));
    rest = trimmed(rest.substr(close + 1));
  } else {
    auto bar = rest.find('|');
    std::string_view name = trimmed(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar);
    if (!is_identifier(name)) {
      return fail("template-error", "'" + std::string(name) + "' is not a variable name", where,
                  "write {{ name }} or {{ name | filter }}; a literal {{ is written {{ \"{{\" }}");
    }
    const Value* value = values.find(name);
    if (!value) {
      return fail("template-error", "unknown variable '" + std::string(name) + "'", where, closest_hint(values, name));
    }
    current = value_text(*value);
  }
  while (!rest.empty()) {
    if (rest.front() != '|') {
      return fail("template-error", "expected '|' before '" + std::string(rest) + "'", where,
                  "filters are chained as {{ name | snake | upper }}");
    }
    rest.remove_prefix(1);
    auto bar = rest.find('|');
    std::string_view filter = trimmed(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar);
    auto filtered = apply_filter(filter, current);
    if (!filtered) {
      auto closest = closest_name(filter_names(), filter);
      std::string list;
      for (auto known : filter_names()) list += (list.empty() ? "" : ", ") + std::string(known);
      return fail("template-error", "unknown filter '" + std::string(filter) + "'", where,
                  closest.empty() ? "filters: " + list : "did you mean '" + std::string(closest) + "'?");
    }
    current = std::move(*filtered);
  }
  return current;
}

}  // namespace

bool has_placeholder(std::string_view text) { return text.find("{{") != std::string_view::npos; }

Result<std::string> render_text(std::string_view text, const Answers& values, const SourcePosition& origin) {
  std::string out;
  out.reserve(text.size());
  std::size_t cursor = 0;
  while (true) {
    auto open = text.find("{{", cursor);
    if (open == std::string_view::npos) break;
    out.append(text.substr(cursor, open - cursor));
    // The closing braces of a placeholder are the first `}}` outside a quoted literal.
    std::size_t scan = open + 2;
    char quote = 0;
    std::size_t close = std::string_view::npos;
    for (; scan < text.size(); ++scan) {
      char c = text[scan];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '}' && scan + 1 < text.size() && text[scan + 1] == '}') {
        close = scan;
        break;
      } else if (c == '\n') {
        break;
      }
    }
    SourcePosition where = position_at(text, open, origin);
    if (close == std::string_view::npos) {
      return fail("template-error", "'{{' is not closed by '}}' on the same line", where,
                  "close the placeholder, or write a literal {{ as {{ \"{{\" }}");
    }
    auto value = evaluate(text.substr(open + 2, close - open - 2), values, where);
    if (!value) return std::unexpected(value.error());
    out += *value;
    cursor = close + 2;
  }
  out.append(text.substr(cursor));
  return out;
}

}  // namespace apictl::scaffold
