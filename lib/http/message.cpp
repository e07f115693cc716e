#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace apictl::http {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view Request::path() const {
  std::string_view text = target;
  return text.substr(0, text.find_first_of("?#"));
}

std::string_view Request::query() const {
  std::string_view text = target;
  const auto question = text.find('?');
  if (question == std::string_view::npos) return {};
  text.remove_prefix(question + 1);
  return text.substr(0, text.find('#'));
}

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  const auto found = std::ranges::find_if(headers, [&](const Header& header) { return iequals(header.name, name); });
  if (found == headers.end()) return std::nullopt;
  return std::string_view(found->value);
}

std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && is_space(content_type.front())) content_type.remove_prefix(1);
  while (!content_type.empty() && is_space(content_type.back())) content_type.remove_suffix(1);
  std::string result(content_type);
  std::ranges::transform(result, result.begin(), lower);
  return result;
}

}  // namespace apictl::http
