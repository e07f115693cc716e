// Line and column of a byte offset: 1-based, columns in UTF-8 code points (as editors count them).
#pragma once

#include <cstdint>
#include <string_view>

namespace apictl::migrate {

struct TextPosition {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Positions of offsets asked for in increasing order, in time linear in the source (tokenizers ask once per
// token). An offset before the last one asked restarts from the beginning.
class PositionTracker {
 public:
  explicit PositionTracker(std::string_view source) : source_(source) {}
  TextPosition at(std::size_t offset);

 private:
  std::string_view source_;
  std::size_t offset_ = 0;
  TextPosition position_;
};

// One-off lookup: scans from the start.
TextPosition position_of(std::string_view source, std::size_t offset);

// Whether a byte starts a character: not a UTF-8 continuation byte.
inline bool starts_character(char byte) { return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U; }

}  // namespace apictl::migrate
