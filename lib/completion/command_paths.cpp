#include "completion/command_paths.hpp"

namespace apictl::completion {

namespace {

void collect(const CommandSpec& command, const std::string& path, std::vector<PathedCommand>& out) {
  out.push_back({path, &command});
  for (const CommandSpec& sub : command.subcommands) collect(sub, path + "/" + sub.name, out);
}

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

std::vector<PathedCommand> command_paths(const CommandSpec& root) {
  std::vector<PathedCommand> out;
  collect(root, "", out);
  return out;
}

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
