// "Did you mean": edit distance and the nearest of a set of names, for hints on misspelt keys and ids.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace apictl {

// Levenshtein distance: insertions, deletions and substitutions each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name nearest to `word`, or "" when none is close enough to be a likely misspelling (ASCII case is
// ignored; short words must be closer than long ones).
std::string_view closest_name(std::span<const std::string_view> names, std::string_view word);

}  // namespace apictl
