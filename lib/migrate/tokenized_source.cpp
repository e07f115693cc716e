// TokenizedSource: tokens plus bracket partners, computed once so rewrites can skip a call's arguments in O(1).
#include "migrate/tokenized_source.hpp"

#include "migrate/cpp_tokens.hpp"
#include "migrate/python_tokens.hpp"

namespace apictl::migrate {

TokenizedSource::TokenizedSource(Language language, std::string_view source_text)
    : text_(source_text),
      tokens_(language == Language::python ? tokenize_python(source_text) : tokenize_cpp(source_text)) {
  partners_.assign(tokens_.tokens.size(), -1);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens_.tokens.size(); ++i) {
    if (tokens_.tokens[i].kind != TokenKind::op) continue;
    std::string_view op = text(i);
    if (op == "(" || op == "[" || op == "{") {
      open.push_back(i);
    } else if (op == ")" || op == "]" || op == "}") {
      if (open.empty()) continue;
      std::string_view opener = text(open.back());
      bool matches = (opener == "(" && op == ")") || (opener == "[" && op == "]") || (opener == "{" && op == "}");
      if (matches) {
        partners_[i] = static_cast<std::int32_t>(open.back());
        partners_[open.back()] = static_cast<std::int32_t>(i);
      }
      open.pop_back();
    }
  }
}

std::string_view TokenizedSource::span(std::size_t first, std::size_t last) const {
  if (first >= size() || last >= size() || last < first) return {};
  std::size_t begin = tokens_.tokens[first].offset;
  return text_.substr(begin, tokens_.tokens[last].end() - begin);
}

std::size_t TokenizedSource::previous_code(std::size_t index) const {
  while (index > 0) {
    --index;
    if (tokens_.tokens[index].kind != TokenKind::comment) return index;
  }
  return npos;
}

std::size_t TokenizedSource::next_code(std::size_t index) const {
  for (++index; index < size(); ++index)
    if (tokens_.tokens[index].kind != TokenKind::comment) return index;
  return npos;
}

}  // namespace apictl::migrate
