// path-kebab-case: literal path segments are kebab-case, the common URL convention, so URLs are easy to guess.
#include <algorithm>
#include <string>

#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// Letters must be lowercase; '.' (extensions such as '.json') and ':' (custom methods such as ':cancel') are allowed.
bool kebab_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'; }

// The first segment whose text outside '{...}' is not kebab-case, or empty when every segment is.
std::string_view offending_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    int depth = 0;
    for (char c : segment) {
      if (c == '{') ++depth;
      if (depth == 0 && !kebab_char(c)) return segment;
      if (c == '}' && depth > 0) --depth;
    }
    start = end + 1;
  }
  return {};
}

}  // namespace

void check_path_kebab_case(LintContext& context) {
  for (auto [path, item] : context.root()["paths"].members()) {
    std::string_view segment = offending_segment(path);
    if (segment.empty()) continue;
    context.report_key(item,
                       "path '" + std::string(path) + "' is not kebab-case: segment '" + std::string(segment) + "'",
                       "write path segments in lowercase words joined by '-', e.g. '/pet-owners/{ownerId}'");
  }
}

}  // namespace apictl::lint::rules
