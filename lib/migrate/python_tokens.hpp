// Python 3 tokenizer for code rewrites: every byte outside whitespace lands in exactly one token, so a rewrite can
// tell code from strings and comments and edit by byte offsets.
#pragma once

#include <string_view>

#include "migrate/source_token.hpp"

namespace apictl::migrate {

// Tokens of `source` in order. Strings take every prefix (r, b, u, f, t and their pairs, any case), single or
// triple quotes; an f-string is one token, its replacement fields (nested strings, Python 3.12 quote reuse,
// format specs) included. Brackets join lines implicitly, a backslash before a line break joins explicitly;
// `newline` tokens end logical lines only (a zero-length one closes a last line without a line break).
// INDENT/DEDENT are not produced: a token's column tells its indentation.
// Never fails and never loops: what is invalid (an unterminated string, a stray character, an unclosed bracket)
// still yields tokens up to the end, and the first problem is reported in `error`.
Tokens tokenize_python(std::string_view source);

// Whether `op` binds its left side: `=`, `:=` or an augmented assignment such as `+=` (not `==`, `<=`...).
bool is_assignment_operator(std::string_view op);

// Whether `name` is a Python keyword (soft keywords such as `match` excluded: they are names elsewhere).
bool is_python_keyword(std::string_view name);

}  // namespace apictl::migrate
