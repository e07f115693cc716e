// User-written token patterns of `rewrite` steps (`$x.dict()` -> `$x.model_dump()`), and import detection for
// limiting a rewrite to the files that use a module.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "migrate/code_rewrite.hpp"
#include "migrate/python_tokens.hpp"
#include "migrate/tokenized_source.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t npos = TokenizedSource::npos;
constexpr std::size_t max_steps = 100'000;  // match attempts from one start

std::string_view language_name(Language language) { return language == Language::python ? "Python" : "C++"; }

// Names that cannot begin an operand. Python's True/False/None and C++'s this/nullptr/true/false can.
bool is_keyword(Language language, std::string_view name) {
  if (language == Language::python)
    return is_python_keyword(name) && name != "True" && name != "False" && name != "None";
  static constexpr std::array<std::string_view, 52> cpp = {
      "alignas",  "alignof",  "asm",       "auto",      "bool",   "break",     "case",     "catch",     "char",
      "class",    "co_await", "co_return", "co_yield",  "const",  "constexpr", "continue", "decltype",  "default",
      "delete",   "do",       "double",    "else",      "enum",   "explicit",  "export",   "extern",    "float",
      "for",      "friend",   "goto",      "if",        "inline", "int",       "long",     "namespace", "new",
      "noexcept", "operator", "private",   "protected", "public", "return",    "short",    "signed",    "sizeof",
      "static",   "struct",   "switch",    "template",  "throw",  "typedef",   "while"};
  return std::find(cpp.begin(), cpp.end(), name) != cpp.end();
}

// A token that joins what follows to what precedes as a member, so an operand never starts right after it.
bool is_member_access(const TokenizedSource& source, std::size_t index) {
  return source.is_op(index, ".") || source.is_op(index, "->") || source.is_op(index, "::");
}

struct PatternElement {
  bool capture = false;
  TokenKind kind = TokenKind::unknown;
  std::string text;  // the token's text, or the capture's name
};

struct CompiledPattern {
  std::vector<PatternElement> elements;
  // The replacement as literal pieces and capture references, in order.
  struct Piece {
    bool capture = false;
    std::string text;
  };
  std::vector<Piece> replacement;
};

// Offsets of `$` immediately followed by a name start; the tokenizer sees `$` as invalid, so a copy with each such
// `$` blanked must tokenize cleanly.
std::vector<std::size_t> capture_marks(std::string_view text) {
  std::vector<std::size_t> marks;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    auto next = static_cast<unsigned char>(text[i + 1]);
    if (text[i] == '$' && (std::isalpha(next) || next == '_')) marks.push_back(i);
  }
  return marks;
}

Result<CompiledPattern> compile(Language language, const CodePattern& pattern) {
  auto invalid = [&](std::string what, std::string hint = {}) {
    return fail("invalid-pattern", "rewrite pattern `" + pattern.pattern + "`: " + what, {}, std::move(hint));
  };
  std::vector<std::size_t> marks = capture_marks(pattern.pattern);
  std::string blanked = pattern.pattern;
  for (std::size_t mark : marks) blanked[mark] = ' ';
  TokenizedSource tokens(language, blanked);
  if (tokens.error()) {
    return invalid("does not tokenize as " + std::string(language_name(language)) + " at column " +
                       std::to_string(tokens.error()->column) + ": " + tokens.error()->message,
                   "write the pattern as code, with $name where any operand may stand");
  }
  CompiledPattern compiled;
  std::size_t next_mark = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::comment || token.kind == TokenKind::newline) continue;
    while (next_mark < marks.size() && marks[next_mark] + 1 < token.offset) ++next_mark;
    bool is_capture = next_mark < marks.size() && marks[next_mark] + 1 == token.offset;
    if (is_capture && token.kind != TokenKind::name) return invalid("`$` must be followed by a name");
    // Text from the original: a `$` inside a string literal of the pattern is part of the literal.
    compiled.elements.push_back(
        PatternElement{is_capture, token.kind, pattern.pattern.substr(token.offset, token.length)});
  }
  if (compiled.elements.empty()) return invalid("is empty");

  // The replacement: `$name` of a capture is substituted, any other text is kept as written.
  std::map<std::string, bool, std::less<>> captured;
  for (const PatternElement& element : compiled.elements)
    if (element.capture) captured[element.text] = true;
  std::string_view replacement = pattern.replacement;
  std::string literal;
  std::string checkable;  // the replacement with captures as plain names, which must tokenize
  for (std::size_t i = 0; i < replacement.size();) {
    if (replacement[i] == '$' && i + 1 < replacement.size() &&
        (std::isalpha(static_cast<unsigned char>(replacement[i + 1])) || replacement[i + 1] == '_')) {
      std::size_t end = i + 1;
      while (end < replacement.size() &&
             (std::isalnum(static_cast<unsigned char>(replacement[end])) || replacement[end] == '_'))
        ++end;
      std::string name(replacement.substr(i + 1, end - i - 1));
      if (!captured.contains(name)) {
        return fail(
            "invalid-pattern",
            "rewrite replacement `" + pattern.replacement + "` uses $" + name + ", which the pattern does not capture",
            {}, "use only the $names of the pattern `" + pattern.pattern + "`");
      }
      if (!literal.empty()) compiled.replacement.push_back({false, std::move(literal)});
      literal.clear();
      compiled.replacement.push_back({true, name});
      checkable += name;
      i = end;
      continue;
    }
    literal += replacement[i];
    checkable += replacement[i];
    ++i;
  }
  if (!literal.empty()) compiled.replacement.push_back({false, std::move(literal)});
  TokenizedSource replacement_tokens(language, checkable);
  if (replacement_tokens.error()) {
    return fail("invalid-pattern",
                "rewrite replacement `" + pattern.replacement + "` does not tokenize as " +
                    std::string(language_name(language)) + ": " + replacement_tokens.error()->message,
                {}, "write the replacement as code, with the pattern's $names where the captured text goes");
  }
  return compiled;
}

class Matcher {
 public:
  Matcher(Language language, const TokenizedSource& source, const CompiledPattern& pattern)
      : language_(language), source_(source), pattern_(pattern) {}

  // Whether the pattern matches from token `start`; on success `end_` is one past the last matched token.
  bool match_from(std::size_t start) {
    captures_.clear();
    steps_ = 0;
    const PatternElement& first = pattern_.elements.front();
    if (first.capture || first.kind == TokenKind::name) {
      // `$x.dict()` must not match `dict()` of `a.b.dict()` starting at `b`, nor `dict(` match `x.dict(`.
      std::size_t before = source_.previous_code(start);
      if (before != npos && is_member_access(source_, before)) return false;
    }
    return match(0, start);
  }

  std::size_t end() const { return end_; }

  std::string replacement() const {
    std::string out;
    for (const CompiledPattern::Piece& piece : pattern_.replacement) {
      if (!piece.capture) {
        out += piece.text;
        continue;
      }
      auto [first, last] = captures_.at(piece.text);
      out += source_.span(first, last - 1);
    }
    return out;
  }

 private:
  bool match(std::size_t element, std::size_t index) {
    // Captures next to each other on long trailer chains could backtrack for ever; such a start is no match.
    if (++steps_ > max_steps) return false;
    if (element == pattern_.elements.size()) {
      end_ = index;
      return true;
    }
    const PatternElement& wanted = pattern_.elements[element];
    if (!wanted.capture) {
      if (index >= source_.size() || source_[index].kind != wanted.kind || source_.text(index) != wanted.text)
        return false;
      return match(element + 1, index + 1);
    }
    for (std::size_t operand_end : operand_ends(index)) {
      auto bound = captures_.find(wanted.text);
      if (bound != captures_.end()) {
        // A name captured twice must be the same operand both times.
        if (!same_tokens(bound->second.first, bound->second.second, index, operand_end)) continue;
        if (match(element + 1, operand_end)) return true;
        continue;
      }
      captures_[wanted.text] = {index, operand_end};
      if (match(element + 1, operand_end)) return true;
      captures_.erase(wanted.text);
    }
    return false;
  }

  bool same_tokens(std::size_t a, std::size_t a_end, std::size_t b, std::size_t b_end) const {
    if (a_end - a != b_end - b) return false;
    for (std::size_t i = 0; a + i < a_end; ++i)
      if (source_.text(a + i) != source_.text(b + i)) return false;
    return true;
  }

  // Where an operand starting at `index` may end: after its atom and after each trailer, longest first, so the
  // rest of the pattern can claim trailers (`$x.dict()` leaves `.dict()` to the pattern).
  std::vector<std::size_t> operand_ends(std::size_t index) const {
    std::vector<std::size_t> ends;
    if (index >= source_.size()) return ends;
    const Token& token = source_[index];
    std::size_t end = npos;
    switch (token.kind) {
      case TokenKind::name:
        if (is_keyword(language_, source_.text(index))) return ends;
        end = index + 1;
        if (language_ == Language::cpp) {  // a qualified name is one operand: std::chrono::seconds
          while (source_.is_op(end, "::") && source_.is_kind(end + 1, TokenKind::name)) end += 2;
        }
        break;
      case TokenKind::number:
        end = index + 1;
        break;
      case TokenKind::string:
        end = index + 1;
        while (source_.is_kind(end, TokenKind::string)) ++end;  // adjacent literals concatenate
        break;
      case TokenKind::op:
        if (source_.is_op(index, "(") || source_.is_op(index, "[") || source_.is_op(index, "{")) {
          std::size_t close = source_.partner(index);
          if (close == npos) return ends;
          end = close + 1;
        } else if (language_ == Language::cpp && source_.is_op(index, "::") &&
                   source_.is_kind(index + 1, TokenKind::name)) {
          end = index + 2;
          while (source_.is_op(end, "::") && source_.is_kind(end + 1, TokenKind::name)) end += 2;
        }
        break;
      default:
        break;
    }
    if (end == npos) return ends;
    ends.push_back(end);
    while (end < source_.size()) {
      if ((source_.is_op(end, ".") || (language_ == Language::cpp && source_.is_op(end, "->"))) &&
          source_.is_kind(end + 1, TokenKind::name)) {
        end += 2;
      } else if (source_.is_op(end, "(") || source_.is_op(end, "[")) {
        std::size_t close = source_.partner(end);
        if (close == npos) break;
        end = close + 1;
      } else {
        break;
      }
      ends.push_back(end);
    }
    std::reverse(ends.begin(), ends.end());
    return ends;
  }

  Language language_;
  const TokenizedSource& source_;
  const CompiledPattern& pattern_;
  std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> captures_;
  std::size_t end_ = 0;
  std::size_t steps_ = 0;
};

// One pattern over the whole text, left to right, matches never overlapping.
int apply_one(Language language, std::string& text, const CompiledPattern& pattern) {
  TokenizedSource source(language, text);
  Matcher matcher(language, source, pattern);
  std::string out;
  std::size_t copied = 0;
  int edits = 0;
  for (std::size_t index = 0; index < source.size();) {
    if (source[index].kind == TokenKind::comment || !matcher.match_from(index)) {
      ++index;
      continue;
    }
    std::size_t begin = source[index].offset;
    std::size_t end = source[matcher.end() - 1].end();
    out.append(text, copied, begin - copied);
    out += matcher.replacement();
    copied = end;
    ++edits;
    index = matcher.end();
  }
  if (edits == 0) return 0;
  out.append(text, copied);
  text = std::move(out);
  return edits;
}

// Python: the dotted module names an import statement starting at `index` (`import` or `from`) names.
std::vector<std::string> imported_modules(const TokenizedSource& source, std::size_t index) {
  std::vector<std::string> modules;
  auto dotted_name = [&](std::size_t& at) {
    std::string name;
    while (source.is_kind(at, TokenKind::name)) {
      name += source.text(at);
      if (!source.is_op(at + 1, ".") || !source.is_kind(at + 2, TokenKind::name)) {
        ++at;
        break;
      }
      name += '.';
      at += 2;
    }
    return name;
  };
  std::size_t at = index + 1;
  if (source.is_name(index, "from")) {
    if (source.is_op(at, ".") || source.is_op(at, "...")) return modules;  // relative: the project's own code
    std::string name = dotted_name(at);
    if (!name.empty() && source.is_name(at, "import")) modules.push_back(name);
    return modules;
  }
  while (true) {
    std::string name = dotted_name(at);
    if (name.empty()) break;
    modules.push_back(name);
    if (source.is_name(at, "as")) at += 2;
    if (!source.is_op(at, ",")) break;
    ++at;
  }
  return modules;
}

bool names_module(std::string_view imported, std::string_view module) {
  return imported == module || (imported.starts_with(module) && imported[module.size()] == '.');
}

bool python_imports(std::string_view text, std::string_view module) {
  TokenizedSource source(Language::python, text);
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (!source.is_name(i, "import") && !source.is_name(i, "from")) continue;
    // Only at a statement start: not `yield from`, `raise X from Y`, or a name in an expression.
    std::size_t before = source.previous_code(i);
    bool statement_start = before == npos || source.is_kind(before, TokenKind::newline) || source.is_op(before, ";") ||
                           source.is_op(before, ":");
    if (!statement_start) continue;
    for (const std::string& imported : imported_modules(source, i))
      if (names_module(imported, module)) return true;
  }
  return false;
}

// C++: `#include <m/...>`, `#include "m/..."`, or a header named after the module (`<m.h>`, "m.hpp").
bool cpp_includes(std::string_view text, std::string_view module) {
  TokenizedSource source(Language::cpp, text);
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i].kind != TokenKind::preprocessor) continue;
    std::string_view directive = source.text(i).substr(1);
    auto skip_blanks = [&] {
      while (!directive.empty() && (directive.front() == ' ' || directive.front() == '\t')) directive.remove_prefix(1);
    };
    skip_blanks();
    if (!directive.starts_with("include")) continue;
    directive.remove_prefix(7);
    skip_blanks();
    if (directive.empty() || (directive.front() != '<' && directive.front() != '"')) continue;
    char close = directive.front() == '<' ? '>' : '"';
    std::size_t end = directive.find(close, 1);
    if (end == std::string_view::npos) continue;
    std::string_view path = directive.substr(1, end - 1);
    if (path == module || (path.starts_with(module) && path.size() > module.size() &&
                           (path[module.size()] == '/' || path[module.size()] == '.')))
      return true;
  }
  return false;
}

}  // namespace

Result<RewriteOutcome> apply_patterns(Language language, std::string_view source,
                                      std::span<const CodePattern> patterns) {
  std::vector<CompiledPattern> compiled;
  for (const CodePattern& pattern : patterns) {
    auto one = compile(language, pattern);
    if (!one) return std::unexpected(one.error());
    compiled.push_back(std::move(*one));
  }
  RewriteOutcome outcome{std::string(source), 0, {}};
  if (TokenizedSource checked(language, source); checked.error()) {
    // Token boundaries past the problem are guesses; editing by guess could reach into a string.
    const TokenizeError& error = *checked.error();
    outcome.manual.push_back(ManualItem{static_cast<int>(error.line), static_cast<int>(error.column),
                                        "the file does not tokenize as " + std::string(language_name(language)) + " (" +
                                            error.message + "); apply this rewrite by hand"});
    return outcome;
  }
  for (const CompiledPattern& pattern : compiled) outcome.edits += apply_one(language, outcome.text, pattern);
  return outcome;
}

bool imports_module(Language language, std::string_view source, std::string_view module) {
  if (module.empty()) return false;
  return language == Language::python ? python_imports(source, module) : cpp_includes(source, module);
}

}  // namespace apictl::migrate
