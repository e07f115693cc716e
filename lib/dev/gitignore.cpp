// .gitignore parsing and matching. Written here because Debian ships no C or C++ library for it: libgit2 has
// git_ignore_path_is_ignored, but only for a path inside an opened repository, and a project need not be one.
#include "dev/gitignore.hpp"

#include <cstddef>

namespace apictl::dev {

namespace {

// One element of a compiled glob.
struct Token {
  enum Kind { literal, any_char, star, any_folders, anything, char_class } kind = literal;
  char ch = 0;
  std::string set;  // char_class: pairs of (low, high)
  bool negated_set = false;
};

// Parses `[...]` starting at glob[i] == '['; returns false (a literal '[') when the class is not closed.
bool parse_class(std::string_view glob, std::size_t& i, Token& token) {
  std::size_t j = i + 1;
  token = Token{Token::char_class, 0, {}, false};
  if (j < glob.size() && (glob[j] == '!' || glob[j] == '^')) {
    token.negated_set = true;
    ++j;
  }
  bool first = true;
  while (j < glob.size() && (glob[j] != ']' || first)) {
    first = false;
    char low = glob[j];
    if (low == '\\' && j + 1 < glob.size()) low = glob[++j];
    ++j;
    char high = low;
    if (j + 1 < glob.size() && glob[j] == '-' && glob[j + 1] != ']') {
      high = glob[j + 1];
      j += 2;
      if (high == '\\' && j < glob.size()) high = glob[j++];
    }
    token.set += low;
    token.set += high;
  }
  if (j >= glob.size()) return false;
  i = j;  // at the closing ']'
  return true;
}

std::vector<Token> compile(std::string_view glob) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (c == '\\' && i + 1 < glob.size()) {
      tokens.push_back({Token::literal, glob[++i], {}, false});
    } else if (c == '*') {
      std::size_t run = 1;
      while (i + run < glob.size() && glob[i + run] == '*') ++run;
      bool starts_segment = i == 0 || glob[i - 1] == '/';
      bool ends_segment = i + run == glob.size() || glob[i + run] == '/';
      if (run >= 2 && starts_segment && ends_segment) {
        if (i + run == glob.size()) {
          tokens.push_back({Token::anything, 0, {}, false});  // `x/**`: everything inside
        } else {
          tokens.push_back({Token::any_folders, 0, {}, false});  // `**/`: zero or more folders
          ++i;                                                   // the '/' belongs to the token
        }
      } else {
        tokens.push_back({Token::star, 0, {}, false});  // other runs of stars act as one
      }
      i += run - 1;
    } else if (c == '?') {
      tokens.push_back({Token::any_char, 0, {}, false});
    } else if (c == '[') {
      Token token;
      std::size_t at = i;
      if (parse_class(glob, at, token)) {
        tokens.push_back(std::move(token));
        i = at;
      } else {
        tokens.push_back({Token::literal, '[', {}, false});
      }
    } else {
      tokens.push_back({Token::literal, c, {}, false});
    }
  }
  return tokens;
}

bool in_class(const Token& token, char c) {
  bool found = false;
  for (std::size_t k = 0; k + 1 < token.set.size(); k += 2) {
    if (token.set[k] <= c && c <= token.set[k + 1]) found = true;
  }
  return found != token.negated_set;
}

// Removes unescaped trailing spaces (git keeps `\ `).
std::string_view trim_trailing_spaces(std::string_view line) {
  while (!line.empty() && line.back() == ' ') {
    std::size_t backslashes = 0;
    for (std::size_t k = line.size() - 1; k-- > 0 && line[k] == '\\';) ++backslashes;
    if (backslashes % 2 == 1) break;
    line.remove_suffix(1);
  }
  return line;
}

std::string_view last_segment(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool gitignore_glob_match(std::string_view glob, std::string_view text) {
  // Dynamic programming from the ends: match[j] for the current token, next[j] for the token after it; O(p*t).
  std::vector<Token> tokens = compile(glob);
  const std::size_t t = text.size();
  std::vector<char> next(t + 1, 0);
  std::vector<char> match(t + 1, 0);
  next[t] = 1;  // no tokens left matches only the end of the text
  for (std::size_t i = tokens.size(); i-- > 0;) {
    const Token& token = tokens[i];
    bool through_folder = false;  // any_folders: some '/' at k >= j with next[k + 1]
    for (std::size_t j = t + 1; j-- > 0;) {
      bool result = false;
      switch (token.kind) {
        case Token::literal:
          result = j < t && text[j] == token.ch && next[j + 1];
          break;
        case Token::any_char:
          result = j < t && text[j] != '/' && next[j + 1];
          break;
        case Token::char_class:
          result = j < t && text[j] != '/' && in_class(token, text[j]) && next[j + 1];
          break;
        case Token::star:
          result = next[j] || (j < t && text[j] != '/' && match[j + 1]);
          break;
        case Token::anything:
          result = j < t && (next[t] || match[j + 1]);  // at least one character, slashes included
          break;
        case Token::any_folders:
          if (j < t && text[j] == '/' && next[j + 1]) through_folder = true;
          // Zero folders, or whole folders: the consumed run must start at a segment boundary.
          result = next[j] || ((j == 0 || text[j - 1] == '/') && through_folder);
          break;
      }
      match[j] = result;
    }
    std::swap(match, next);
  }
  return next[0] != 0;
}

GitignoreFile GitignoreFile::parse(std::string_view text, std::string base) {
  GitignoreFile file;
  file.base_ = std::move(base);
  std::uint32_t line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = trim_trailing_spaces(line);
    if (line.empty() || line.front() == '#') continue;

    GitignorePattern pattern;
    pattern.line = line_number;
    if (line.front() == '!') {
      pattern.negated = true;
      line.remove_prefix(1);
    } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
      line.remove_prefix(1);  // `\!` and `\#` start a pattern with that character
    }
    if (!line.empty() && line.back() == '/') {
      pattern.directory_only = true;
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    // A slash anywhere but at the end ties the pattern to this file's folder.
    pattern.anchored = line.find('/') != std::string_view::npos;
    if (line.front() == '/') line.remove_prefix(1);
    if (line.empty()) continue;
    pattern.glob = std::string(line);
    file.patterns_.push_back(std::move(pattern));
  }
  return file;
}

IgnoreVerdict GitignoreFile::match(std::string_view path, bool is_directory) const {
  if (!base_.empty()) {
    if (path.size() <= base_.size() || !path.starts_with(base_) || path[base_.size()] != '/') {
      return IgnoreVerdict::unmatched;
    }
    path.remove_prefix(base_.size() + 1);
  }
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (it->directory_only && !is_directory) continue;
    bool matched =
        it->anchored ? gitignore_glob_match(it->glob, path) : gitignore_glob_match(it->glob, last_segment(path));
    if (matched) return it->negated ? IgnoreVerdict::included : IgnoreVerdict::ignored;
  }
  return IgnoreVerdict::unmatched;
}

void GitignoreSet::add(GitignoreFile file) {
  std::string base = file.base();
  files_.insert_or_assign(std::move(base), std::move(file));
}

void GitignoreSet::remove(const std::string& base) { files_.erase(base); }

bool GitignoreSet::ignores_entry(std::string_view path, bool is_directory) const {
  // Deepest file first: the first one with an opinion decides. Bases are ancestors of `path`, so the map's
  // order (a parent sorts before its children) visited backwards is deepest first among them.
  for (auto it = files_.rbegin(); it != files_.rend(); ++it) {
    IgnoreVerdict verdict = it->second.match(path, is_directory);
    if (verdict != IgnoreVerdict::unmatched) return verdict == IgnoreVerdict::ignored;
  }
  return false;
}

bool GitignoreSet::is_ignored(std::string_view path, bool is_directory) const {
  if (files_.empty()) return false;
  // git never descends into an ignored folder, so nothing below one can be re-included.
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    if (ignores_entry(path.substr(0, slash), true)) return true;
  }
  return ignores_entry(path, is_directory);
}

}  // namespace apictl::dev
