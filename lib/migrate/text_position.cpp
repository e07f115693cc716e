// Line and column of byte offsets; "\r\n", "\r" and "\n" each end a line, as in Python and C++.
#include "migrate/text_position.hpp"

namespace apictl::migrate {

TextPosition PositionTracker::at(std::size_t offset) {
  if (offset > source_.size()) offset = source_.size();
  if (offset < offset_) {
    offset_ = 0;
    position_ = {};
  }
  for (; offset_ < offset; ++offset_) {
    char byte = source_[offset_];
    if (byte == '\n' || (byte == '\r' && (offset_ + 1 >= source_.size() || source_[offset_ + 1] != '\n'))) {
      ++position_.line;
      position_.column = 1;
    } else if (byte != '\r' && starts_character(byte)) {
      ++position_.column;
    }
  }
  return position_;
}

TextPosition position_of(std::string_view source, std::size_t offset) { return PositionTracker(source).at(offset); }

}  // namespace apictl::migrate
