// Edit distance and nearest-name suggestions.
#include "util/spelling.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace apictl {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string_view closest_name(std::span<const std::string_view> names, std::string_view word) {
  std::string_view best;
  // Short words are close to many names by chance ('foo' is two edits from 'not'); demand more likeness of them.
  std::size_t best_distance = word.size() >= 6 ? 3 : 2;
  for (std::string_view name : names) {
    std::size_t distance = equals_ignoring_case(name, word) ? 0 : edit_distance(name, word);
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

}  // namespace apictl
