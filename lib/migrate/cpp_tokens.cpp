// C++ tokenizer: a single forward pass. Line splices (backslash + line break) are honoured where they matter in
// practice: in comments, directives and between tokens.
#include "migrate/cpp_tokens.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "migrate/text_position.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t max_raw_delimiter = 16;  // [lex.string]

bool is_identifier_start(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte == '_' || byte >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || is_digit(c); }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }

enum class LiteralPrefix { none, plain, raw };

// u8, u, U, L, and each of them (or nothing) followed by R for a raw string.
LiteralPrefix literal_prefix(std::string_view identifier) {
  bool raw = identifier.ends_with('R');
  std::string_view encoding = raw ? identifier.substr(0, identifier.size() - 1) : identifier;
  if (encoding.empty() || encoding == "u8" || encoding == "u" || encoding == "U" || encoding == "L")
    return identifier.empty() ? LiteralPrefix::none : (raw ? LiteralPrefix::raw : LiteralPrefix::plain);
  return LiteralPrefix::none;
}

class CppLexer {
 public:
  explicit CppLexer(std::string_view source) : source_(source), tracker_(source) {}

  Tokens run() {
    if (source_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      report(0, "the file is too large to rewrite (4 GiB or more)");
      return std::move(out_);
    }
    std::size_t pos = source_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (pos < source_.size()) pos = next(pos);
    return std::move(out_);
  }

 private:
  char at(std::size_t pos) const { return pos < source_.size() ? source_[pos] : '\0'; }

  // The end of a backslash + line break at `pos`, or `pos` when there is none.
  std::size_t splice_end(std::size_t pos) const {
    if (at(pos) != '\\') return pos;
    if (at(pos + 1) == '\n') return pos + 2;
    if (at(pos + 1) == '\r') return at(pos + 2) == '\n' ? pos + 3 : pos + 2;
    return pos;
  }

  std::size_t next(std::size_t pos) {
    char c = source_[pos];
    if (is_line_break(c)) {
      at_line_start_ = true;
      return pos + 1;
    }
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return pos + 1;
    if (std::size_t end = splice_end(pos); end != pos) return end;
    if (c == '/' && at(pos + 1) == '/') return line_comment(pos);
    if (c == '/' && at(pos + 1) == '*') return block_comment(pos);
    bool line_start = at_line_start_;
    at_line_start_ = false;
    if (c == '#' && line_start) return directive(pos);
    if (is_identifier_start(c)) {
      std::size_t end = pos;
      while (end < source_.size() && is_identifier_char(source_[end])) ++end;
      LiteralPrefix prefix = literal_prefix(source_.substr(pos, end - pos));
      if (prefix == LiteralPrefix::raw && at(end) == '"') return raw_string(pos, end);
      if (prefix == LiteralPrefix::plain && (at(end) == '"' || at(end) == '\'')) return quoted(pos, end);
      emit(TokenKind::name, pos, end);
      return end;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(pos + 1)))) {
      std::size_t end = pp_number_end(pos);
      emit(TokenKind::number, pos, end);
      return end;
    }
    if (c == '"' || c == '\'') return quoted(pos, pos);
    if (std::size_t length = punctuation_length(pos); length > 0) {
      emit(TokenKind::op, pos, pos + length);
      return pos + length;
    }
    std::size_t end = pos + 1;
    while (end < source_.size() && !starts_character(source_[end])) ++end;
    report(pos, "'" + std::string(source_.substr(pos, end - pos)) + "' is not valid C++ here");
    emit(TokenKind::unknown, pos, end);
    return end;
  }

  std::size_t line_comment(std::size_t pos) {
    std::size_t end = pos + 2;
    while (end < source_.size() && !is_line_break(source_[end])) {
      std::size_t spliced = splice_end(end);
      end = spliced != end ? spliced : end + 1;  // a backslash at the end of the line continues the comment
    }
    emit(TokenKind::comment, pos, end);
    return end;
  }

  std::size_t block_comment(std::size_t pos) {
    std::size_t close = source_.find("*/", pos + 2);
    std::size_t end = close == std::string_view::npos ? source_.size() : close + 2;
    if (close == std::string_view::npos) report(pos, "this comment is never closed with */");
    emit(TokenKind::comment, pos, end);
    return end;
  }

  // `#...` to the end of its line, continuations included. A comment inside splits it: the directive text before
  // and after becomes separate `preprocessor` tokens, so comments stay comments.
  std::size_t directive(std::size_t pos) {
    std::size_t start = pos;
    while (pos < source_.size() && !is_line_break(source_[pos])) {
      if (std::size_t spliced = splice_end(pos); spliced != pos) {
        pos = spliced;
        continue;
      }
      char c = source_[pos];
      if (c == '/' && (at(pos + 1) == '/' || at(pos + 1) == '*')) {
        emit_directive_part(start, pos);
        if (at(pos + 1) == '/') return line_comment(pos);
        pos = block_comment(pos);
        start = pos;
        continue;
      }
      if (c == '"') {  // `#include "a//b.h"`, `#define S "/*"`; an apostrophe (`#error can't`) is just text
        ++pos;
        while (pos < source_.size() && source_[pos] != '"' && !is_line_break(source_[pos]))
          pos += source_[pos] == '\\' && pos + 1 < source_.size() && !is_line_break(source_[pos + 1]) ? 2 : 1;
        if (pos < source_.size() && source_[pos] == '"') ++pos;
        continue;
      }
      ++pos;
    }
    emit_directive_part(start, pos);
    return pos;
  }

  void emit_directive_part(std::size_t start, std::size_t end) {
    while (start < end && (source_[start] == ' ' || source_[start] == '\t')) ++start;
    while (end > start && (source_[end - 1] == ' ' || source_[end - 1] == '\t')) --end;
    if (end > start) emit(TokenKind::preprocessor, start, end);
  }

  // "..." or '...' from `quote`, with the prefix starting at `start`, and a user-defined suffix.
  std::size_t quoted(std::size_t start, std::size_t quote) {
    char delimiter = source_[quote];
    std::size_t pos = quote + 1;
    while (pos < source_.size() && source_[pos] != delimiter) {
      if (source_[pos] == '\\' && pos + 1 < source_.size()) {
        std::size_t spliced = splice_end(pos);
        pos = spliced != pos ? spliced : pos + 2;
        continue;
      }
      if (is_line_break(source_[pos])) {
        report(start, delimiter == '"' ? "this string literal is not closed on its line"
                                       : "this character literal is not closed on its line");
        emit(TokenKind::string, start, pos);
        return pos;
      }
      ++pos;
    }
    if (pos >= source_.size()) {
      report(start, "this literal is never closed");
      emit(TokenKind::string, start, source_.size());
      return source_.size();
    }
    std::size_t end = suffix_end(pos + 1);
    emit(TokenKind::string, start, end);
    return end;
  }

  // R"delim( ... )delim": nothing inside is special, not even backslashes or line breaks.
  std::size_t raw_string(std::size_t start, std::size_t quote) {
    std::size_t open = quote + 1;
    while (open < source_.size() && open - quote - 1 <= max_raw_delimiter && source_[open] != '(') {
      char c = source_[open];
      if (c == ' ' || c == ')' || c == '\\' || c == '\t' || c == '\v' || c == '\f' || is_line_break(c)) break;
      ++open;
    }
    if (at(open) != '(' || open - quote - 1 > max_raw_delimiter) {
      report(start, "this raw string has no valid delimiter (at most 16 characters, then '(')");
      std::size_t end = open;
      while (end < source_.size() && !is_line_break(source_[end])) ++end;
      emit(TokenKind::string, start, end);
      return end;
    }
    std::string closing = ")" + std::string(source_.substr(quote + 1, open - quote - 1)) + "\"";
    std::size_t close = source_.find(closing, open + 1);
    if (close == std::string_view::npos) {
      report(start, "this raw string is never closed with " + closing);
      emit(TokenKind::string, start, source_.size());
      return source_.size();
    }
    std::size_t end = suffix_end(close + closing.size());
    emit(TokenKind::string, start, end);
    return end;
  }

  std::size_t suffix_end(std::size_t pos) const {
    if (!is_identifier_start(at(pos))) return pos;
    while (pos < source_.size() && is_identifier_char(source_[pos])) ++pos;
    return pos;
  }

  // [lex.ppnumber]: digits, letters, `_`, `.`, digit separators, and signs after an exponent letter.
  std::size_t pp_number_end(std::size_t pos) const {
    ++pos;
    while (pos < source_.size()) {
      char c = source_[pos];
      if ((c == '+' || c == '-') && (std::string_view("eEpP").find(source_[pos - 1]) != std::string_view::npos)) {
        ++pos;
      } else if (c == '\'' && is_identifier_char(at(pos + 1)) && static_cast<unsigned char>(at(pos + 1)) < 0x80) {
        pos += 2;
      } else if (c == '.' || (is_identifier_char(c) && static_cast<unsigned char>(c) < 0x80)) {
        ++pos;
      } else {
        break;
      }
    }
    return pos;
  }

  std::size_t punctuation_length(std::size_t pos) const {
    static constexpr std::array<std::string_view, 27> multi = {
        "<=>", "<<=", ">>=", "...", "->*", "::", "->", "++", "--", "<<", ">>", "<=", ">=", "==",
        "!=",  "&&",  "||",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", ".*", "##"};
    std::string_view rest = source_.substr(pos, 3);
    for (std::string_view op : multi)
      if (rest.starts_with(op)) return op.size();
    if (std::string_view("{}[]()<>;:,.?+-*/%^&|~!=#").find(source_[pos]) != std::string_view::npos) return 1;
    return 0;
  }

  void emit(TokenKind kind, std::size_t start, std::size_t end) {
    TextPosition place = tracker_.at(start);
    out_.tokens.push_back(Token{kind, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start),
                                place.line, place.column});
  }

  void report(std::size_t offset, std::string message) {
    if (out_.error) return;
    TextPosition place = position_of(source_, offset);
    out_.error = TokenizeError{place.line, place.column, std::move(message)};
  }

  std::string_view source_;
  PositionTracker tracker_;
  Tokens out_;
  bool at_line_start_ = true;
};

}  // namespace

Tokens tokenize_cpp(std::string_view source) { return CppLexer(source).run(); }

}  // namespace apictl::migrate
