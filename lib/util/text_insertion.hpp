// Insertions into a text: the only kind of edit `apictl add endpoint` makes, so every byte that was there
// stays, and the change can be shown as a unified diff without a diff algorithm.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace apictl {

struct TextInsertion {
  std::size_t offset = 0;  // byte offset in the original text
  std::string text;
};

// The text with every insertion made; insertions at the same offset keep their order.
std::string apply_insertions(std::string_view original, std::vector<TextInsertion> insertions);

// A unified diff (`--- a/LABEL`, `+++ b/LABEL`, hunks with three lines of context) of the insertions.
// An insertion inside a line shows as that line removed and its new lines added.
std::string insertion_diff(std::string_view original, std::vector<TextInsertion> insertions, std::string_view label);

// How many lines the insertions add (newlines inserted).
std::size_t inserted_line_count(const std::vector<TextInsertion>& insertions);

}  // namespace apictl
