// A three-way merge of one text file: the template's old output (the base), the project's file (ours) and the
// template's new output (theirs), by libgit2's file merge. Conflicts are kept in the result as diff3-style
// markers, so nothing of either side is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct MergeLabels {
  std::string base;    // e.g. "template fastapi 1.0.0"
  std::string ours;    // e.g. "yours"
  std::string theirs;  // e.g. "template fastapi 1.1.0"
};

struct MergedText {
  std::string text;
  std::vector<int> conflict_lines;  // 1-based lines of each "<<<<<<<" marker in `text`; empty when clean
};

Result<MergedText> merge_three_way(std::string_view base, std::string_view ours, std::string_view theirs,
                                   const MergeLabels& labels);

}  // namespace apictl::migrate
