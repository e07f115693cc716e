// C++ tokenizer for code rewrites: tells code from string literals, comments and preprocessor directives.
#pragma once

#include <string_view>

#include "migrate/source_token.hpp"

namespace apictl::migrate {

// Tokens of `source` in order: identifiers, numbers (pp-numbers, digit separators and suffixes included),
// punctuation (longest match), string and character literals with their encoding prefix (u8, u, U, L), raw
// strings R"delim(...)delim" and user-defined suffixes, `//` and `/* */` comments, and each preprocessor
// directive as one `preprocessor` token (its backslash continuations included, a trailing comment excluded).
// No `newline` tokens. Never fails and never loops: what is invalid still yields tokens to the end, and the
// first problem is reported in `error`.
Tokens tokenize_cpp(std::string_view source);

}  // namespace apictl::migrate
