// libFuzzer target: any bytes through the Python tokenizer must give ordered tokens inside the input, with only
// blanks, line breaks and continuation backslashes between them; the built-in Python rewriters must return
// (never crash or hang) and a second run over their output must change nothing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migrate/code_rewrite.hpp"
#include "migrate/python_tokens.hpp"
#include "migrate/text_position.hpp"

using namespace apictl::migrate;

namespace {

bool is_gap(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\\'; }

void check_tokens(const std::string& text) {
  Tokens tokens = tokenize_python(text);
  std::size_t covered = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (const Token& token : tokens.tokens) {
    if (token.offset < covered || token.end() > text.size()) __builtin_trap();
    for (std::size_t i = covered; i < token.offset; ++i)
      if (!is_gap(text[i])) __builtin_trap();
    if (token.length == 0 && token.kind != TokenKind::newline) __builtin_trap();
    covered = token.end();
  }
  for (std::size_t i = covered; i < text.size(); ++i)
    if (!is_gap(text[i])) __builtin_trap();
  if (!tokens.tokens.empty()) {
    const Token& last = tokens.tokens.back();
    TextPosition place = position_of(text, last.offset);
    if (place.line != last.line || place.column != last.column) __builtin_trap();
  }
}

void check_rewriter(const char* name, const std::string& text) {
  Rewriter rewrite = find_builtin_rewriter(name);
  RewriteOutcome first = rewrite(text);
  if (first.text == text) return;
  RewriteOutcome second = rewrite(first.text);
  if (second.text != first.text) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  check_tokens(text);
  check_rewriter("pydantic-v2", text);
  check_rewriter("fastapi-lifespan", text);
  return 0;
}
