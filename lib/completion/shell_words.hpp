// Words quoted for a POSIX shell (bash, zsh), as completion scripts embed them.
#pragma once

#include <string>
#include <vector>

namespace apictl::completion {

// `words` joined by spaces, each in single quotes when it needs them.
std::string shell_words(const std::vector<std::string>& words);

// `text` as one single-quoted word.
std::string single_quoted(const std::string& text);

}  // namespace apictl::completion
