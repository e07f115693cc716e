#include "doctor/command_needs.hpp"

#include <algorithm>
#include <cctype>

namespace apictl::doctor {

namespace {

// The words of one command line, with the separators between simple commands as words of their own ("&&",
// "||", ";", "|"). Quotes group words and are removed; nothing is expanded.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  auto finish = [&] {
    if (in_word) words.push_back(word);
    word.clear();
    in_word = false;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\'' || c == '"') {
      std::size_t close = line.find(c, i + 1);
      if (close == std::string_view::npos) close = line.size();
      word.append(line.substr(i + 1, close - i - 1));
      in_word = true;
      i = close;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      finish();
    } else if (c == ';' || c == '|' || c == '&') {
      finish();
      bool doubled = i + 1 < line.size() && line[i + 1] == c && c != ';';
      words.emplace_back(doubled ? std::string(2, c) : std::string(1, c));
      if (doubled) ++i;
    } else {
      word += c;
      in_word = true;
    }
  }
  finish();
  return words;
}

bool is_separator(const std::string& word) {
  return word == "&&" || word == "||" || word == ";" || word == "|" || word == "&";
}

bool is_assignment(const std::string& word) {
  std::size_t equals = word.find('=');
  return equals != std::string::npos && equals > 0 &&
         std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(equals),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

template <typename T>
void add_once(std::vector<T>& list, T item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

}  // namespace

CommandNeeds command_needs(std::string_view command_line) {
  CommandNeeds needs;
  std::vector<std::string> words = words_of(command_line);
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t end = i;
    while (end < words.size() && !is_separator(words[end])) ++end;
    std::size_t first = i;
    while (first < end && is_assignment(words[first])) ++first;
    if (first < end && words[first].find('/') == std::string::npos) {
      const std::string& program = words[first];
      add_once(needs.programs, program);
      if (program.starts_with("python") && first + 2 < end && words[first + 1] == "-m") {
        add_once(needs.python_modules, PythonModule{program, words[first + 2]});
      }
    }
    i = end + 1;
  }
  return needs;
}

}  // namespace apictl::doctor
