// TextEdits: replacements of byte ranges collected during a rewrite and applied at once, so every byte outside
// them stays as it was.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace apictl::migrate {

// The line break a file uses: "\r\n" when its first line ends so, else "\n".
std::string_view line_break_of(std::string_view text);

class TextEdits {
 public:
  // Replaces [offset, offset + length) with `text`; length 0 inserts. Returns false (and records nothing) when the
  // range overlaps one already recorded, so two rules can never garble the same bytes.
  bool replace(std::size_t offset, std::size_t length, std::string text);
  bool insert(std::size_t offset, std::string text) { return replace(offset, 0, std::move(text)); }

  std::size_t count() const { return edits_.size(); }
  bool empty() const { return edits_.empty(); }
  // Whether [offset, offset + length) touches no recorded edit.
  bool is_free(std::size_t offset, std::size_t length) const;

  // The original with the edits made. Line breaks the edits write as "\n" become `line_break`, so text added to a
  // CRLF file keeps its line endings (text copied from the file already has them).
  std::string apply(std::string_view original, std::string_view line_break = "\n") const;

 private:
  struct Edit {
    std::size_t offset;
    std::size_t length;
    std::string text;
    std::size_t order;  // insertions at one offset keep the order they were made in
  };
  std::vector<Edit> edits_;
  std::map<std::size_t, std::size_t> replaced_;  // start -> end of each replacement, for O(log n) checks
  std::multiset<std::size_t> inserted_;          // offsets of insertions
};

}  // namespace apictl::migrate
