// TokenizedSource: a source text with its tokens and matching brackets, and the small queries rewrites ask of
// them (which token is this, where does this bracket close).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "migrate/code_rewrite.hpp"
#include "migrate/source_token.hpp"

namespace apictl::migrate {

class TokenizedSource {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  TokenizedSource(Language language, std::string_view source_text);

  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_.tokens; }
  const std::optional<TokenizeError>& error() const { return tokens_.error; }
  std::size_t size() const { return tokens_.tokens.size(); }
  const Token& operator[](std::size_t index) const { return tokens_.tokens[index]; }

  std::string_view text(std::size_t index) const {
    return index < size() ? tokens_.tokens[index].text(text_) : std::string_view();
  }
  bool is_op(std::size_t index, std::string_view op) const {
    return index < size() && tokens_.tokens[index].kind == TokenKind::op && text(index) == op;
  }
  bool is_name(std::size_t index, std::string_view name) const {
    return index < size() && tokens_.tokens[index].kind == TokenKind::name && text(index) == name;
  }
  bool is_kind(std::size_t index, TokenKind kind) const { return index < size() && tokens_.tokens[index].kind == kind; }
  // The bracket closing the one at `index` (or opening it, for a closer); npos when unbalanced or not a bracket.
  std::size_t partner(std::size_t index) const {
    return index < partners_.size() && partners_[index] >= 0 ? static_cast<std::size_t>(partners_[index]) : npos;
  }
  // The source text from the start of token `first` to the end of token `last` (inclusive).
  std::string_view span(std::size_t first, std::size_t last) const;
  // Neighbouring tokens that are not comments; npos at either end.
  std::size_t previous_code(std::size_t index) const;
  std::size_t next_code(std::size_t index) const;

 private:
  std::string_view text_;
  Tokens tokens_;
  std::vector<std::int32_t> partners_;
};

}  // namespace apictl::migrate
