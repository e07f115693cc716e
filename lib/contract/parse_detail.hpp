// Helpers the JSON and YAML parsers share; internal to lib/contract (parse.hpp is the public face).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apictl::contract::detail {

// The parsers skip a UTF-8 byte order mark; positions count from the first character after it.
std::string_view strip_bom(std::string_view source);

// Number of characters (code points) in UTF-8 text: every byte that is not a continuation byte.
// Columns count characters, not bytes, so a JSON and a YAML file agree (libyaml counts characters).
std::size_t count_chars(const char* begin, const char* end);

struct LineColumn {
  std::uint32_t line = 1;    // 1-based; "\n", "\r\n" and a lone "\r" end a line
  std::uint32_t column = 1;  // 1-based, in characters
};

// Line and column of a byte offset; linear in the offset, so meant for error paths only.
LineColumn line_column_at(std::string_view text, std::size_t offset);

}  // namespace apictl::contract::detail
