// Helpers the JSON and YAML parsers share; internal to lib/contract (parse.hpp is the public face).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "contract/document.hpp"

namespace apictl::contract::detail {

// The parsers skip a UTF-8 byte order mark; positions count from the first character after it.
std::string_view strip_bom(std::string_view source);

// Number of characters (code points) in UTF-8 text: every byte that is not a continuation byte.
// Columns count characters, not bytes, so a JSON and a YAML file agree (libyaml counts characters).
std::size_t count_chars(const char* begin, const char* end);

struct LineColumn {
  std::uint32_t line = 1;    // 1-based; "\n" ends a line (so "\r\n" does; a lone "\r", long extinct, does not)
  std::uint32_t column = 1;  // 1-based, in characters
};

// Line and column of a byte offset; linear in the offset, so meant for error paths only.
LineColumn line_column_at(std::string_view text, std::size_t offset);

// parse_json minus check_text, for callers that have just run it (parse_document): the text is valid UTF-8
// without NUL bytes.
Result<std::unique_ptr<Document>> parse_checked_json(std::string path, std::string source, ParseLimits limits);

}  // namespace apictl::contract::detail
