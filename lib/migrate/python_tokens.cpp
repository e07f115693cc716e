// Python 3 tokenizer: a single forward pass; strings and f-strings are scanned by a small recursive descent so
// that quotes inside replacement fields (allowed since Python 3.12) do not end the outer string.
#include "migrate/python_tokens.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "migrate/text_position.hpp"

namespace apictl::migrate {

namespace {

// Python 3.12 itself stops at about 150 nested f-strings; the limit keeps the recursion shallow on any input.
constexpr int max_fstring_nesting = 64;

bool is_name_start(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte == '_' || byte >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }

struct StringPrefix {
  bool valid = false;
  bool raw = false;
  bool format = false;
};

// r, u, b, f and t (template strings, 3.14), alone or as the pairs Python accepts, in any case.
StringPrefix string_prefix(std::string_view name) {
  if (name.empty() || name.size() > 2) return {};
  bool raw = false, bytes = false, format = false, unicode = false;
  for (char c : name) {
    switch (c | 0x20) {
      case 'r':
        if (raw) return {};
        raw = true;
        break;
      case 'b':
        if (bytes) return {};
        bytes = true;
        break;
      case 'f':
      case 't':
        if (format) return {};
        format = true;
        break;
      case 'u':
        if (unicode) return {};
        unicode = true;
        break;
      default:
        return {};
    }
  }
  if (unicode && name.size() > 1) return {};  // `u` combines with nothing
  if (bytes && format) return {};
  return {true, raw, format};
}

class PythonLexer {
 public:
  explicit PythonLexer(std::string_view source) : source_(source), tracker_(source) {}

  Tokens run() {
    if (source_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      report(0, "the file is too large to rewrite (4 GiB or more)");
      return std::move(out_);
    }
    std::size_t pos = 0;
    // A byte-order mark is not code.
    if (source_.starts_with("\xEF\xBB\xBF")) pos = 3;
    while (pos < source_.size()) pos = next(pos);
    if (line_has_code_ && openers_.empty()) emit(TokenKind::newline, source_.size(), source_.size());
    if (!openers_.empty())
      report(openers_.back(), "'" + std::string(1, source_[openers_.back()]) + "' is never closed");
    return std::move(out_);
  }

 private:
  std::size_t next(std::size_t pos) {
    char c = source_[pos];
    if (c == ' ' || c == '\t' || c == '\f') return pos + 1;
    if (is_line_break(c)) {
      std::size_t end = line_break_end(pos);
      if (line_has_code_ && openers_.empty()) {
        emit(TokenKind::newline, pos, end);
        line_has_code_ = false;
      }
      return end;
    }
    if (c == '#') {
      std::size_t end = pos;
      while (end < source_.size() && !is_line_break(source_[end])) ++end;
      emit(TokenKind::comment, pos, end);
      return end;
    }
    if (c == '\\') {
      if (pos + 1 < source_.size() && is_line_break(source_[pos + 1])) return line_break_end(pos + 1);
      report(pos, pos + 1 >= source_.size() ? "the file ends after a line-continuation backslash"
                                            : "a backslash outside a string must end its line");
      emit(TokenKind::unknown, pos, pos + 1);
      return pos + 1;
    }
    line_has_code_ = true;
    if (is_name_start(c)) {
      std::size_t end = pos;
      while (end < source_.size() && is_name_char(source_[end])) ++end;
      if (end < source_.size() && (source_[end] == '\'' || source_[end] == '"')) {
        StringPrefix prefix = string_prefix(source_.substr(pos, end - pos));
        if (prefix.valid) return string_token(pos, end, prefix);
      }
      emit(TokenKind::name, pos, end);
      return end;
    }
    if (is_digit(c) || (c == '.' && pos + 1 < source_.size() && is_digit(source_[pos + 1]))) {
      std::size_t end = number_end(pos);
      emit(TokenKind::number, pos, end);
      return end;
    }
    if (c == '\'' || c == '"') return string_token(pos, pos, {true, false, false});
    if (std::size_t length = operator_length(pos); length > 0) {
      track_bracket(pos);
      emit(TokenKind::op, pos, pos + length);
      return pos + length;
    }
    std::size_t end = pos + 1;
    while (end < source_.size() && !starts_character(source_[end])) ++end;
    report(pos, "'" + std::string(source_.substr(pos, end - pos)) + "' is not valid Python here");
    emit(TokenKind::unknown, pos, end);
    return end;
  }

  std::size_t line_break_end(std::size_t pos) const {
    if (source_[pos] == '\r' && pos + 1 < source_.size() && source_[pos + 1] == '\n') return pos + 2;
    return pos + 1;
  }

  std::size_t string_token(std::size_t start, std::size_t quote, StringPrefix prefix) {
    std::size_t end = scan_string(quote, prefix.raw, prefix.format, 0);
    emit(TokenKind::string, start, end);
    return end;
  }

  // From the opening quote to just past the closing one (or to where an unterminated string stops).
  std::size_t scan_string(std::size_t quote_pos, bool raw, bool format, int nesting) {
    const char quote = source_[quote_pos];
    const bool triple =
        quote_pos + 2 < source_.size() && source_[quote_pos + 1] == quote && source_[quote_pos + 2] == quote;
    std::size_t pos = quote_pos + (triple ? 3 : 1);
    while (pos < source_.size()) {
      char c = source_[pos];
      if (c == '\\') {
        pos = after_escape(pos, raw, format);
        continue;
      }
      if (is_line_break(c) && !triple) {
        report(quote_pos, "this string is not closed on its line");
        return pos;
      }
      if (c == quote) {
        if (!triple) return pos + 1;
        if (pos + 2 < source_.size() && source_[pos + 1] == quote && source_[pos + 2] == quote) return pos + 3;
        ++pos;
        continue;
      }
      if (format && (c == '{' || c == '}')) {
        if (pos + 1 < source_.size() && source_[pos + 1] == c) {
          pos += 2;  // `{{` and `}}` are literal braces
        } else if (c == '{') {
          pos = scan_replacement_field(pos + 1, quote, triple, nesting + 1);
        } else {
          ++pos;
        }
        continue;
      }
      ++pos;
    }
    report(quote_pos, triple ? "this triple-quoted string is never closed" : "this string is never closed");
    return source_.size();
  }

  // A backslash in a string: it always protects the next character from ending the string, except that in an
  // f-string it cannot escape a brace, and `\N{...}` (a named character) holds braces that are not a field.
  std::size_t after_escape(std::size_t pos, bool raw, bool format) const {
    std::size_t next = pos + 1;
    if (next >= source_.size()) return next;
    char c = source_[next];
    if (format && (c == '{' || c == '}')) return next;
    if (format && !raw && c == 'N' && next + 1 < source_.size() && source_[next + 1] == '{') {
      std::size_t close = next + 2;
      while (close < source_.size() && source_[close] != '}' && !is_line_break(source_[close]) &&
             source_[close] != '\'' && source_[close] != '"')
        ++close;
      return close < source_.size() && source_[close] == '}' ? close + 1 : next + 1;
    }
    if (c == '\r' && next + 1 < source_.size() && source_[next + 1] == '\n') return next + 2;
    return next + 1;
  }

  // Inside `{...}` of an f-string: an expression, where strings nest and brackets balance, up to the `}` that
  // closes the field; a `:` at bracket depth 0 starts the format spec.
  std::size_t scan_replacement_field(std::size_t pos, char quote, bool triple, int nesting) {
    if (nesting > max_fstring_nesting) {
      report(pos, "f-strings are nested too deeply");
      return source_.size();
    }
    int depth = 0;
    while (pos < source_.size()) {
      char c = source_[pos];
      if (is_name_start(c)) {
        std::size_t end = pos;
        while (end < source_.size() && is_name_char(source_[end])) ++end;
        if (end < source_.size() && (source_[end] == '\'' || source_[end] == '"')) {
          StringPrefix prefix = string_prefix(source_.substr(pos, end - pos));
          if (prefix.valid) {
            pos = scan_string(end, prefix.raw, prefix.format, nesting);
            continue;
          }
        }
        pos = end;
        continue;
      }
      if (c == '\'' || c == '"') {
        // Before 3.12 the enclosing quote could not appear here, so a quote always starts a nested string.
        pos = scan_string(pos, false, false, nesting);
        continue;
      }
      if (c == '#') {  // 3.12 allows comments in multi-line fields
        while (pos < source_.size() && !is_line_break(source_[pos])) ++pos;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if (c == ')' || c == ']') {
        if (depth > 0) --depth;
      } else if (c == '}') {
        if (depth == 0) return pos + 1;
        --depth;
      } else if (c == ':' && depth == 0) {
        return scan_format_spec(pos + 1, quote, triple, nesting);
      } else if (c == '\\') {
        pos = after_escape(pos, false, false);
        continue;
      }
      ++pos;
    }
    return pos;  // the enclosing string reports the missing end
  }

  // After `:` in a field: literal text with nested `{...}` fields, up to the `}` closing the field. A closing
  // quote of the enclosing string ends the spec too, so a broken field cannot swallow the rest of the file.
  std::size_t scan_format_spec(std::size_t pos, char quote, bool triple, int nesting) {
    while (pos < source_.size()) {
      char c = source_[pos];
      if (c == '{') {
        pos = scan_replacement_field(pos + 1, quote, triple, nesting + 1);
        continue;
      }
      if (c == '}') return pos + 1;
      if (c == quote) {
        bool closes = !triple || (pos + 2 < source_.size() && source_[pos + 1] == quote && source_[pos + 2] == quote);
        if (closes) {
          report(pos, "an f-string replacement field is not closed with '}'");
          return pos;
        }
      }
      if (is_line_break(c) && !triple) return pos;
      if (c == '\\') {
        pos = after_escape(pos, false, true);
        continue;
      }
      ++pos;
    }
    return pos;
  }

  std::size_t number_end(std::size_t pos) const {
    auto at = [&](std::size_t i) { return i < source_.size() ? source_[i] : '\0'; };
    if (at(pos) == '0' && at(pos + 1) != '\0' &&
        std::string_view("xXoObB").find(at(pos + 1)) != std::string_view::npos) {
      pos += 2;
      while (is_name_char(at(pos)) && static_cast<unsigned char>(at(pos)) < 0x80) ++pos;
      return pos;
    }
    while (is_digit(at(pos)) || at(pos) == '_') ++pos;
    if (at(pos) == '.') {
      ++pos;
      while (is_digit(at(pos)) || at(pos) == '_') ++pos;
    }
    if ((at(pos) == 'e' || at(pos) == 'E') &&
        (is_digit(at(pos + 1)) || ((at(pos + 1) == '+' || at(pos + 1) == '-') && is_digit(at(pos + 2))))) {
      pos += 2;
      while (is_digit(at(pos)) || at(pos) == '_') ++pos;
    }
    if (at(pos) == 'j' || at(pos) == 'J') ++pos;
    return pos;
  }

  std::size_t operator_length(std::size_t pos) const {
    static constexpr std::array<std::string_view, 23> multi = {"**=", "//=", ">>=", "<<=", "...", "**", "//", "<<",
                                                               ">>",  "<=",  ">=",  "==",  "!=",  "->", ":=", "+=",
                                                               "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^="};
    std::string_view rest = source_.substr(pos, 3);
    for (std::string_view op : multi)
      if (rest.starts_with(op)) return op.size();
    if (rest.starts_with("@=")) return 2;
    if (std::string_view("+-*/%@&|^~<>()[]{},:;.=!").find(source_[pos]) != std::string_view::npos) return 1;
    return 0;
  }

  void track_bracket(std::size_t pos) {
    char c = source_[pos];
    if (c == '(' || c == '[' || c == '{') {
      openers_.push_back(pos);
    } else if (c == ')' || c == ']' || c == '}') {
      if (openers_.empty()) {
        report(pos, std::string("unmatched '") + c + "'");
        return;
      }
      char open = source_[openers_.back()];
      if ((open == '(') != (c == ')') || (open == '[') != (c == ']')) {
        report(pos, std::string("'") + c + "' does not match '" + open + "'");
      }
      openers_.pop_back();
    }
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
  std::vector<std::size_t> openers_;  // offsets of the brackets still open
  bool line_has_code_ = false;
};

}  // namespace

Tokens tokenize_python(std::string_view source) { return PythonLexer(source).run(); }

bool is_assignment_operator(std::string_view op) {
  if (!op.ends_with('=')) return false;
  return op != "==" && op != "<=" && op != ">=" && op != "!=";
}

bool is_python_keyword(std::string_view name) {
  static constexpr std::array<std::string_view, 35> keywords = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  for (std::string_view keyword : keywords)
    if (keyword == name) return true;
  return false;
}

}  // namespace apictl::migrate
