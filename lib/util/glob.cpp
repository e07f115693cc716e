// Glob matching with `*`, `**` and `?`, iterative so long pointers cannot blow the stack.
#include "util/glob.hpp"

#include <vector>

namespace apictl {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Dynamic programming over (pattern position, text position): O(p*t), no backtracking explosion.
  const std::size_t p = pattern.size();
  const std::size_t t = text.size();
  // match[i][j]: pattern[i..] matches text[j..]; computed from the end.
  std::vector<std::vector<char>> match(p + 1, std::vector<char>(t + 1, 0));
  match[p][t] = 1;
  for (std::size_t i = p; i-- > 0;) {
    bool double_star = pattern[i] == '*' && i + 1 < p && pattern[i + 1] == '*';
    for (std::size_t j = t + 1; j-- > 0;) {
      char c = pattern[i];
      bool result = false;
      if (double_star) {
        // `**` matches any run of characters, slashes included; `/**` also matches nothing after it.
        result = match[i + 2][j] || (j < t && match[i][j + 1]);
        // A whole `**/` segment also matches no folder at all, as in .gitignore: `app/**/*.py` matches
        // `app/main.py`, `**/*.log` matches `out.log`.
        if (!result && i + 2 < p && pattern[i + 2] == '/' && (i == 0 || pattern[i - 1] == '/'))
          result = match[i + 3][j];
      } else if (c == '*') {
        result = match[i + 1][j] || (j < t && text[j] != '/' && match[i][j + 1]);
      } else if (c == '?') {
        result = j < t && text[j] != '/' && match[i + 1][j + 1];
      } else {
        result = j < t && text[j] == c && match[i + 1][j + 1];
      }
      // `x/**` also matches `x` itself.
      if (!result && c == '/' && i + 2 < p && pattern[i + 1] == '*' && pattern[i + 2] == '*' && i + 3 == p && j == t) {
        result = true;
      }
      match[i][j] = result;
    }
  }
  return match[0][0] != 0;
}

}  // namespace apictl
