#include "completion/shell_words.hpp"

#include <string_view>

namespace apictl::completion {

namespace {

bool plain(const std::string& word) {
  if (word.empty()) return false;
  for (char c : word) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                std::string_view("-_=./@,:+").find(c) != std::string_view::npos;
    if (!safe) return false;
  }
  return true;
}

}  // namespace

std::string single_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string shell_words(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words)
    joined += (joined.empty() ? "" : " ") + (plain(word) ? word : single_quoted(word));
  return joined;
}

}  // namespace apictl::completion
