// PEP 508 splitting: the name, optional [extras], then specifiers up to a marker, comment or option.
#include "migrate/requirement_spec.hpp"

#include <cctype>

namespace apictl::migrate {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}
bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::optional<RequirementParts> split_requirement(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && is_blank(text[at])) ++at;
  if (at >= text.size() || std::isalnum(static_cast<unsigned char>(text[at])) == 0) return std::nullopt;
  RequirementParts parts;
  parts.name_begin = at;
  while (at < text.size() && is_name_char(text[at])) ++at;
  parts.name_end = at;
  std::size_t after_name = at;
  while (at < text.size() && is_blank(text[at])) ++at;
  if (at < text.size() && text[at] == '[') {
    std::size_t close = text.find(']', at);
    if (close == std::string_view::npos) return std::nullopt;
    at = close + 1;
    after_name = at;
    while (at < text.size() && is_blank(text[at])) ++at;
  }
  if (at < text.size() && text[at] == '@') return std::nullopt;
  std::size_t end = at;
  while (end < text.size()) {
    char c = text[end];
    if (c == ';' || c == '#' || c == '\\' || c == '\n' || c == '\r' || c == '@') break;
    // An option after the requirement (`--hash=...`) starts after a blank.
    if (c == '-' && end > at && is_blank(text[end - 1])) break;
    ++end;
  }
  while (end > at && is_blank(text[end - 1])) --end;
  if (end == at) {
    parts.spec_begin = parts.spec_end = after_name;
  } else {
    parts.spec_begin = at;
    parts.spec_end = end;
  }
  return parts;
}

}  // namespace apictl::migrate
