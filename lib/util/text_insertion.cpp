// Applying insertions and writing them as a unified diff, line by line from the insertion offsets.
#include "util/text_insertion.hpp"

#include <algorithm>

namespace apictl {

namespace {

void sort_by_offset(std::vector<TextInsertion>& insertions) {
  std::ranges::stable_sort(insertions, {}, &TextInsertion::offset);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One change of the original's lines: `old_count` lines (0 or 1) from `old_index` become `new_lines`.
struct LineChange {
  std::size_t old_index = 0;
  std::size_t old_count = 0;
  std::vector<std::string> new_lines;
};

}  // namespace

std::string apply_insertions(std::string_view original, std::vector<TextInsertion> insertions) {
  sort_by_offset(insertions);
  std::string out;
  std::size_t size = original.size();
  for (const auto& insertion : insertions) size += insertion.text.size();
  out.reserve(size);
  std::size_t cursor = 0;
  for (const auto& insertion : insertions) {
    std::size_t at = std::min(insertion.offset, original.size());
    out.append(original.substr(cursor, at - cursor));
    out += insertion.text;
    cursor = at;
  }
  out.append(original.substr(cursor));
  return out;
}

std::size_t inserted_line_count(const std::vector<TextInsertion>& insertions) {
  std::size_t count = 0;
  for (const auto& insertion : insertions) count += static_cast<std::size_t>(std::ranges::count(insertion.text, '\n'));
  return count;
}

std::string insertion_diff(std::string_view original, std::vector<TextInsertion> insertions, std::string_view label) {
  sort_by_offset(insertions);
  std::vector<std::size_t> line_starts;
  for (std::size_t start = 0; start < original.size();) {
    line_starts.push_back(start);
    std::size_t end = original.find('\n', start);
    start = end == std::string_view::npos ? original.size() : end + 1;
  }
  std::vector<std::string> lines = split_lines(original);
  // The line an offset falls in; an offset at the end of a text ending in '\n' starts a line of its own.
  auto line_of = [&](std::size_t offset) -> std::size_t {
    if (offset >= original.size()) {
      return original.empty() || original.back() == '\n' ? line_starts.size() : line_starts.size() - 1;
    }
    return static_cast<std::size_t>(std::ranges::upper_bound(line_starts, offset) - line_starts.begin()) - 1;
  };

  std::vector<LineChange> changes;
  for (std::size_t i = 0; i < insertions.size();) {
    std::size_t line = line_of(insertions[i].offset);
    std::size_t j = i;
    bool whole_lines = true;
    while (j < insertions.size() && line_of(insertions[j].offset) == line) {
      std::size_t start = line < line_starts.size() ? line_starts[line] : original.size();
      whole_lines = whole_lines && insertions[j].offset == start && insertions[j].text.ends_with('\n');
      ++j;
    }
    LineChange change;
    change.old_index = line;
    if (whole_lines) {
      std::string added;
      for (std::size_t k = i; k < j; ++k) added += insertions[k].text;
      change.new_lines = split_lines(added);
    } else {
      std::size_t start = line < line_starts.size() ? line_starts[line] : original.size();
      std::string_view old_line = line < lines.size() ? std::string_view(lines[line]) : std::string_view();
      std::vector<TextInsertion> local;
      for (std::size_t k = i; k < j; ++k) local.push_back({insertions[k].offset - start, insertions[k].text});
      change.old_count = line < lines.size() ? 1 : 0;
      change.new_lines = split_lines(apply_insertions(old_line, std::move(local)));
    }
    changes.push_back(std::move(change));
    i = j;
  }

  constexpr std::size_t context = 3;
  std::string out = "--- a/" + std::string(label) + "\n+++ b/" + std::string(label) + "\n";
  std::ptrdiff_t shift = 0;  // new line number minus old line number before the current hunk
  for (std::size_t i = 0; i < changes.size();) {
    std::size_t j = i + 1;
    while (j < changes.size() &&
           changes[j].old_index <= changes[j - 1].old_index + changes[j - 1].old_count + 2 * context) {
      ++j;
    }
    std::size_t first = changes[i].old_index >= context ? changes[i].old_index - context : 0;
    std::size_t last_old = changes[j - 1].old_index + changes[j - 1].old_count;
    std::size_t end = std::min(lines.size(), last_old + context);
    std::string body;
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    std::size_t cursor = first;
    for (std::size_t k = i; k < j; ++k) {
      for (; cursor < changes[k].old_index && cursor < lines.size(); ++cursor, ++old_count, ++new_count) {
        body += " " + lines[cursor] + "\n";
      }
      for (std::size_t r = 0; r < changes[k].old_count; ++r, ++cursor, ++old_count) body += "-" + lines[cursor] + "\n";
      for (const auto& added : changes[k].new_lines) {
        body += "+" + added + "\n";
        ++new_count;
      }
    }
    for (; cursor < end; ++cursor, ++old_count, ++new_count) body += " " + lines[cursor] + "\n";
    // In a hunk header an empty range names the line before it.
    std::size_t old_start = old_count == 0 ? first : first + 1;
    std::ptrdiff_t new_first = static_cast<std::ptrdiff_t>(first) + shift;
    std::size_t new_start =
        new_count == 0 ? static_cast<std::size_t>(new_first) : static_cast<std::size_t>(new_first) + 1;
    out += "@@ -" + std::to_string(old_start) + "," + std::to_string(old_count) + " +" + std::to_string(new_start) +
           "," + std::to_string(new_count) + " @@\n" + body;
    shift += static_cast<std::ptrdiff_t>(new_count) - static_cast<std::ptrdiff_t>(old_count);
    i = j;
  }
  return out;
}

}  // namespace apictl
