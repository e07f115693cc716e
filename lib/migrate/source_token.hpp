// Token: one lexical unit of a Python or C++ source file, as a span of the original bytes with its place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apictl::migrate {

// One set of kinds for both languages, so pattern matching and rewriters can treat them alike.
enum class TokenKind : std::uint8_t {
  name,          // identifier or keyword
  number,        // numeric literal, suffixes included
  string,        // string, bytes, f-string (whole, nested fields included) or C++ string/char literal
  op,            // operator or punctuation
  comment,       // `# ...` or `// ...` / `/* ... */`, without the line break
  newline,       // Python only: the end of a logical line (never inside brackets or after a backslash)
  preprocessor,  // C++ only: a whole `#...` directive line, continuations included, comments excluded
  unknown,       // a byte the language does not allow here (e.g. `$` or a stray backslash)
};

struct Token {
  TokenKind kind = TokenKind::unknown;
  std::uint32_t offset = 0;  // byte offset in the source
  std::uint32_t length = 0;  // in bytes
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, counted in characters (UTF-8 code points), as editors show it

  std::uint32_t end() const { return offset + length; }
  std::string_view text(std::string_view source) const { return source.substr(offset, length); }
};

// The first thing that made the source invalid; tokenizing still goes on to the end.
struct TokenizeError {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
};

struct Tokens {
  std::vector<Token> tokens;
  std::optional<TokenizeError> error;
};

}  // namespace apictl::migrate
