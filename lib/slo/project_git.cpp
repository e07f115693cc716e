// Running git in a project's folder, and stamping measurements.
#include "slo/project_git.hpp"

#include <unistd.h>

#include <array>
#include <ctime>

namespace apictl::slo {

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

Result<ProcessOutput> run_git_in(const std::filesystem::path& root, std::vector<std::string> arguments) {
  static const std::array<std::string, 2> environment = {"GIT_TERMINAL_PROMPT=0", "LC_ALL=C"};
  arguments.insert(arguments.begin(), {"git", "-C", root.string()});
  auto output = run_process(arguments, environment);
  if (!output && output.error().code == "command-not-found") {
    return fail("git-not-found", "git is not installed (not found on PATH)", {}, "install git (apt-get install git)");
  }
  return output;
}

Result<std::string> git_text(const std::filesystem::path& root, std::vector<std::string> arguments) {
  std::string command = "git";
  for (const std::string& argument : arguments) command += " " + argument;
  auto output = run_git_in(root, std::move(arguments));
  if (!output) return std::unexpected(output.error());
  if (output->exit_status != 0) {
    std::string message = output->err.substr(0, output->err.find('\n'));
    if (message.starts_with("fatal: ")) message.erase(0, 7);
    return fail("git-error", "`" + command.substr(0, 80) + "` failed: " + message, {root.string(), 0, 0, {}});
  }
  return std::move(output->out);
}

Result<GitRepository> repository_at(const std::filesystem::path& root) {
  auto top = git_text(root, {"rev-parse", "--show-toplevel"});
  if (!top) {
    return fail("not-a-git-repository", "the project is not in a git repository", {root.string(), 0, 0, {}},
                "lead time is read from git history: run it in a git working tree");
  }
  auto prefix = git_text(root, {"rev-parse", "--show-prefix"});
  if (!prefix) return std::unexpected(prefix.error());
  return GitRepository{std::filesystem::path(trimmed(*top)), trimmed(*prefix)};
}

MeasurementStamp stamp_now(const std::filesystem::path& root) {
  MeasurementStamp stamp;
  if (auto head = git_text(root, {"rev-parse", "--verify", "-q", "HEAD"})) stamp.commit = trimmed(*head);
  if (!stamp.commit.empty()) {
    if (auto tag = git_text(root, {"describe", "--tags", "--abbrev=0"})) stamp.tag = trimmed(*tag);
  }
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  stamp.time = text;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) stamp.host = host;
  return stamp;
}

}  // namespace apictl::slo
