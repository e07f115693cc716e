// A recursive-descent evaluator for template conditions; small on purpose (no arithmetic, no calls).
#include "scaffold/condition.hpp"

#include <cctype>
#include <charconv>
#include <vector>

#include "util/spelling.hpp"

namespace apictl::scaffold {

namespace {

enum class TokenKind { word, text, open, close, equal, not_equal, end };

struct Token {
  TokenKind kind;
  std::string text;
};

Result<std::vector<Token>> tokenize(std::string_view condition, const SourcePosition& where) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < condition.size()) {
    char c = condition[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '(' || c == ')') {
      tokens.push_back({c == '(' ? TokenKind::open : TokenKind::close, std::string(1, c)});
      ++i;
    } else if ((c == '=' || c == '!') && i + 1 < condition.size() && condition[i + 1] == '=') {
      tokens.push_back({c == '=' ? TokenKind::equal : TokenKind::not_equal, std::string(condition.substr(i, 2))});
      i += 2;
    } else if (c == '"' || c == '\'') {
      auto close = condition.find(c, i + 1);
      if (close == std::string_view::npos) {
        return fail("template-error", "unterminated string in condition '" + std::string(condition) + "'", where);
      }
      tokens.push_back({TokenKind::text, std::string(condition.substr(i + 1, close - i - 1))});
      i = close + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
      // '.' joins a loop variable and its field in endpoint snippets (`loop.last`).
      std::size_t start = i;
      while (i < condition.size() && (std::isalnum(static_cast<unsigned char>(condition[i])) || condition[i] == '_' ||
                                      condition[i] == '-' || condition[i] == '.')) {
        ++i;
      }
      tokens.push_back({TokenKind::word, std::string(condition.substr(start, i - start))});
    } else {
      return fail("template-error",
                  "unexpected '" + std::string(1, c) + "' in condition '" + std::string(condition) + "'", where,
                  "conditions use names, quoted strings, ==, !=, and, or, not and parentheses");
    }
  }
  tokens.push_back({TokenKind::end, ""});
  return tokens;
}

class ConditionParser {
 public:
  ConditionParser(std::vector<Token> tokens, const Answers& values, std::string_view condition,
                  const SourcePosition& where)
      : tokens_(std::move(tokens)), values_(values), condition_(condition), where_(where) {}

  Result<bool> parse() {
    auto value = or_expression();
    if (!value) return value;
    if (peek().kind != TokenKind::end) return syntax_error("unexpected '" + peek().text + "'");
    return value;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& next() { return tokens_[position_++]; }
  bool next_is_word(std::string_view word) const { return peek().kind == TokenKind::word && peek().text == word; }

  std::unexpected<Diagnostic> syntax_error(const std::string& message) const {
    return fail("template-error", message + " in condition '" + std::string(condition_) + "'", where_,
                "e.g. when = \"docker and database != 'none'\"");
  }

  Result<bool> or_expression() {
    auto left = and_expression();
    while (left && next_is_word("or")) {
      next();
      auto right = and_expression();
      if (!right) return right;
      left = *left || *right;
    }
    return left;
  }

  Result<bool> and_expression() {
    auto left = unary();
    while (left && next_is_word("and")) {
      next();
      auto right = unary();
      if (!right) return right;
      left = *left && *right;
    }
    return left;
  }

  Result<bool> unary() {
    if (next_is_word("not")) {
      next();
      auto inner = unary();
      if (!inner) return inner;
      return !*inner;
    }
    if (peek().kind == TokenKind::open) {
      next();
      auto inner = or_expression();
      if (!inner) return inner;
      if (peek().kind != TokenKind::close) return syntax_error("missing ')'");
      next();
      return inner;
    }
    auto left = operand();
    if (!left) return std::unexpected(left.error());
    if (peek().kind == TokenKind::equal || peek().kind == TokenKind::not_equal) {
      bool equal = next().kind == TokenKind::equal;
      auto right = operand();
      if (!right) return std::unexpected(right.error());
      return (value_text(*left) == value_text(*right)) == equal;
    }
    return value_truthy(*left);
  }

  Result<Value> operand() {
    const Token& token = next();
    if (token.kind == TokenKind::text) return Value(token.text);
    if (token.kind != TokenKind::word) {
      return syntax_error(token.kind == TokenKind::end ? "unexpected end" : "unexpected '" + token.text + "'");
    }
    if (token.text == "true" || token.text == "false") return Value(token.text == "true");
    if (std::isdigit(static_cast<unsigned char>(token.text[0])) || token.text[0] == '-') {
      std::int64_t number = 0;
      auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), number);
      if (error != std::errc() || end != token.text.data() + token.text.size()) {
        return syntax_error("'" + token.text + "' is not a number");
      }
      return Value(number);
    }
    if (const Value* value = values_.find(token.text)) return *value;
    std::vector<std::string_view> names;
    for (const auto& entry : values_.entries()) names.push_back(entry.first);
    auto closest = closest_name(names, token.text);
    return fail(
        "template-error", "unknown variable '" + token.text + "' in condition '" + std::string(condition_) + "'",
        where_,
        closest.empty() ? "conditions name the template's variables" : "did you mean '" + std::string(closest) + "'?");
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
  const Answers& values_;
  std::string_view condition_;
  const SourcePosition& where_;
};

}  // namespace

Result<bool> evaluate_condition(std::string_view condition, const Answers& values, const SourcePosition& where) {
  auto tokens = tokenize(condition, where);
  if (!tokens) return std::unexpected(tokens.error());
  return ConditionParser(std::move(*tokens), values, condition, where).parse();
}

}  // namespace apictl::scaffold
