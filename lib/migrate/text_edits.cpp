// TextEdits: overlap-checked byte-range replacements, applied in one pass.
#include "migrate/text_edits.hpp"

#include <algorithm>
#include <iterator>

namespace apictl::migrate {

bool TextEdits::is_free(std::size_t offset, std::size_t length) const {
  std::size_t end = offset + length;
  // A replacement starting before `offset` must end by it.
  auto after = replaced_.upper_bound(offset);
  if (after != replaced_.begin() && std::prev(after)->first < offset && std::prev(after)->second > offset) return false;
  if (length == 0) return true;  // insertions only conflict with a replacement around them
  // Nothing may start inside [offset, end): neither a replacement nor an insertion.
  auto next = replaced_.lower_bound(offset);
  if (next != replaced_.end() && next->first < end) return false;
  auto point = inserted_.upper_bound(offset);
  return point == inserted_.end() || *point >= end;
}

bool TextEdits::replace(std::size_t offset, std::size_t length, std::string text) {
  if (!is_free(offset, length)) return false;
  if (length == 0) {
    inserted_.insert(offset);
  } else {
    replaced_.emplace(offset, offset + length);
  }
  edits_.push_back(Edit{offset, length, std::move(text), edits_.size()});
  return true;
}

std::string_view line_break_of(std::string_view text) {
  std::size_t end = text.find('\n');
  return end != std::string_view::npos && end > 0 && text[end - 1] == '\r' ? "\r\n" : "\n";
}

std::string TextEdits::apply(std::string_view original, std::string_view line_break) const {
  std::vector<const Edit*> sorted;
  sorted.reserve(edits_.size());
  for (const Edit& edit : edits_) sorted.push_back(&edit);
  // At one offset, insertions go before the replacement that starts there.
  std::sort(sorted.begin(), sorted.end(), [](const Edit* a, const Edit* b) {
    if (a->offset != b->offset) return a->offset < b->offset;
    if ((a->length == 0) != (b->length == 0)) return a->length == 0;
    return a->order < b->order;
  });
  std::string out;
  out.reserve(original.size() + 64 * sorted.size());
  std::size_t copied = 0;
  for (const Edit* edit : sorted) {
    out.append(original.substr(copied, edit->offset - copied));
    if (line_break == "\n") {
      out.append(edit->text);
    } else {
      for (std::size_t i = 0; i < edit->text.size(); ++i) {
        bool bare = edit->text[i] == '\n' && (i == 0 || edit->text[i - 1] != '\r');
        if (bare) {
          out.append(line_break);
        } else {
          out += edit->text[i];
        }
      }
    }
    copied = edit->offset + edit->length;
  }
  out.append(original.substr(copied));
  return out;
}

}  // namespace apictl::migrate
