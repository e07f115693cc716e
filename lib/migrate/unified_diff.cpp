// Unified diffs: dtl (Debian's libdtl-dev) finds the shortest edit script between the line sequences; the
// hunks around it are grouped here, so the output is exactly diff -u's, including missing final newlines.
#include "migrate/unified_diff.hpp"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <vector>

namespace apictl::migrate {

namespace {

// Lines with their line breaks, so a change of the final line break alone shows.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

struct Edit {
  std::string_view line;
  dtl::edit_t type;
};

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

std::string range_text(std::size_t start, std::size_t count) {
  // diff -u: an empty range names the line before it.
  if (count == 0) return std::to_string(start == 0 ? 0 : start - 1) + ",0";
  if (count == 1) return std::to_string(start);
  return std::to_string(start) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label) {
  if (before == after) return "";
  std::string header = "--- " + std::string(old_label) + "\n+++ " + std::string(new_label) + "\n";
  if (before.find('\0') != std::string_view::npos || after.find('\0') != std::string_view::npos) {
    return "Binary files " + std::string(old_label) + " and " + std::string(new_label) + " differ\n";
  }
  std::vector<std::string_view> old_lines = split_lines(before);
  std::vector<std::string_view> new_lines = split_lines(after);
  // Equal heads and tails are no work for the edit script; only the middle goes to dtl.
  std::size_t head = 0;
  while (head < old_lines.size() && head < new_lines.size() && old_lines[head] == new_lines[head]) ++head;
  std::size_t tail = 0;
  while (tail < old_lines.size() - head && tail < new_lines.size() - head &&
         old_lines[old_lines.size() - 1 - tail] == new_lines[new_lines.size() - 1 - tail])
    ++tail;
  std::vector<Edit> edits;
  edits.reserve(old_lines.size() + new_lines.size());
  for (std::size_t i = 0; i < head; ++i) edits.push_back({old_lines[i], dtl::SES_COMMON});
  std::vector<std::string_view> old_middle(old_lines.begin() + static_cast<long>(head),
                                           old_lines.end() - static_cast<long>(tail));
  std::vector<std::string_view> new_middle(new_lines.begin() + static_cast<long>(head),
                                           new_lines.end() - static_cast<long>(tail));
  dtl::Diff<std::string_view> diff(old_middle, new_middle, true);  // deletions before additions, as diff -u
  diff.compose();
  for (const auto& [line, info] : diff.getSes().getSequence()) edits.push_back({line, info.type});
  for (std::size_t i = old_lines.size() - tail; i < old_lines.size(); ++i) {
    edits.push_back({old_lines[i], dtl::SES_COMMON});
  }

  constexpr std::size_t context = 3;
  std::string out = header;
  std::size_t i = 0;
  // Line numbers (1-based) of edits[i] in the old and the new text.
  std::vector<std::size_t> old_number(edits.size() + 1);
  std::vector<std::size_t> new_number(edits.size() + 1);
  std::size_t old_at = 1;
  std::size_t new_at = 1;
  for (std::size_t k = 0; k < edits.size(); ++k) {
    old_number[k] = old_at;
    new_number[k] = new_at;
    if (edits[k].type != dtl::SES_ADD) ++old_at;
    if (edits[k].type != dtl::SES_DELETE) ++new_at;
  }
  old_number[edits.size()] = old_at;
  new_number[edits.size()] = new_at;
  while (i < edits.size()) {
    if (edits[i].type == dtl::SES_COMMON) {
      ++i;
      continue;
    }
    // A hunk: from `context` commons before this change to `context` after the last change that is
    // closer than 2 * context commons to the one before it.
    std::size_t first = i >= context ? i - context : 0;
    std::size_t last = i;  // the last changed edit of the hunk
    std::size_t k = i;
    while (k < edits.size()) {
      if (edits[k].type != dtl::SES_COMMON) {
        last = k;
        ++k;
        continue;
      }
      std::size_t run = k;
      while (run < edits.size() && edits[run].type == dtl::SES_COMMON) ++run;
      if (run == edits.size() || run - k > 2 * context) break;
      k = run;
    }
    std::size_t end = std::min(edits.size(), last + 1 + context);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t e = first; e < end; ++e) {
      if (edits[e].type != dtl::SES_ADD) ++old_count;
      if (edits[e].type != dtl::SES_DELETE) ++new_count;
    }
    out +=
        "@@ -" + range_text(old_number[first], old_count) + " +" + range_text(new_number[first], new_count) + " @@\n";
    for (std::size_t e = first; e < end; ++e) {
      char mark = edits[e].type == dtl::SES_COMMON ? ' ' : edits[e].type == dtl::SES_ADD ? '+' : '-';
      append_line(out, mark, edits[e].line);
    }
    i = end;
  }
  return out;
}

}  // namespace apictl::migrate
