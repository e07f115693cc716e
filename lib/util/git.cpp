// Git through its command line: every call is `git -C TOP ...` with the arguments as argv, so revision names
// and paths are never interpreted by a shell, and git runs with no terminal prompt and no stdin.
#include "util/git.hpp"

#include <array>
#include <vector>

#include "util/subprocess.hpp"

namespace apictl {

namespace {

// GIT_TERMINAL_PROMPT=0: never ask for credentials; LC_ALL=C: git's messages are matched below.
const std::array<std::string, 2> git_environment = {"GIT_TERMINAL_PROMPT=0", "LC_ALL=C"};

Result<ProcessOutput> run_git(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "git");
  auto output = run_process(arguments, git_environment);
  if (!output && output.error().code == "command-not-found") {
    return fail("git-not-found", "git is not installed (not found on PATH)", {},
                "install git (Debian: apt-get install git), or check the file out and pass its path");
  }
  return output;
}

std::string first_line(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.starts_with("fatal: ")) line.remove_prefix(7);
  if (line.starts_with("error: ")) line.remove_prefix(7);
  return std::string(line);
}

std::string trim_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string object_name(std::string_view commit, std::string_view path) {
  return std::string(commit) + ":" + std::string(path);
}

}  // namespace

Result<GitRepository> find_git_repository() {
  auto output = run_git({"rev-parse", "--show-toplevel", "--show-prefix"});
  if (!output) return std::unexpected(output.error());
  if (output->exit_status != 0) {
    if (output->err.find("not a git repository") != std::string::npos) {
      return fail("not-a-git-repository", "the current directory is not inside a git repository", {},
                  "run apictl inside the repository's working tree (or pass -C DIR), or pass a file path");
    }
    return fail("git-error", "git cannot use the repository here: " + first_line(output->err), {},
                "run `git rev-parse --show-toplevel` here to see what git needs");
  }
  std::string_view text = output->out;
  auto newline = text.find('\n');
  GitRepository repository;
  repository.top_level = std::string(text.substr(0, newline));
  if (newline != std::string_view::npos) repository.prefix = trim_newline(std::string(text.substr(newline + 1)));
  if (repository.top_level.empty()) {
    return fail("git-error", "git did not name the repository's top folder", {},
                "run `git rev-parse --show-toplevel` here to see what git needs");
  }
  return repository;
}

Result<std::string> resolve_git_commit(const GitRepository& repository, std::string_view revision) {
  auto output = run_git({"-C", repository.top_level.string(), "rev-parse", "--verify", "--quiet", "--end-of-options",
                         std::string(revision) + "^{commit}"});
  if (!output) return std::unexpected(output.error());
  std::string commit = trim_newline(output->out);
  if (output->exit_status != 0 || commit.empty()) {
    return fail("unknown-revision", "unknown revision '" + std::string(revision) + "'", {},
                "check it with `git rev-parse --verify " + std::string(revision) +
                    "`; a remote branch needs `git fetch` first");
  }
  return commit;
}

Result<GitObjectKind> git_object_kind(const GitRepository& repository, std::string_view commit, std::string_view path) {
  auto output = run_git({"-C", repository.top_level.string(), "cat-file", "-t", object_name(commit, path)});
  if (!output) return std::unexpected(output.error());
  // A path the commit does not hold fails with "path '...' does not exist"; every failure means "not there".
  if (output->exit_status != 0) return GitObjectKind::missing;
  std::string type = trim_newline(output->out);
  if (type == "blob") return GitObjectKind::blob;
  if (type == "tree") return GitObjectKind::tree;
  return GitObjectKind::other;
}

Result<std::string> read_git_blob(const GitRepository& repository, std::string_view commit, std::string_view path) {
  auto output = run_git({"-C", repository.top_level.string(), "cat-file", "blob", object_name(commit, path)});
  if (!output) return std::unexpected(output.error());
  if (output->exit_status != 0) {
    return fail("git-error", "git cannot read '" + std::string(path) + "': " + first_line(output->err));
  }
  return std::move(output->out);
}

}  // namespace apictl
