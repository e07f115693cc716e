// posix_spawn of `sh -c` with a working directory of its own and one pipe for both output streams.
#include "migrate/shell_command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "migrate/crash_hook.hpp"
#include "project/virtualenv.hpp"
#include "util/subprocess.hpp"

namespace apictl::migrate {

Result<ShellOutcome> run_shell(const std::filesystem::path& folder, const std::string& command) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return fail("spawn-failed", std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  if (null_fd >= 0) posix_spawn_file_actions_adddup2(&actions, null_fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  // The project's .venv comes first, as for every [dev] step. The test hook that stops apictl at a chosen
  // write is apictl's own, not the command's.
  std::vector<std::string> environment = merged_environment(project::virtualenv_environment(folder));
  std::erase_if(environment,
                [](const std::string& entry) { return entry.starts_with(std::string(crash_hook_variable) + "="); });
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string shell = "sh";
  std::string flag = "-c";
  std::string text = command;
  char* argv[] = {shell.data(), flag.data(), text.data(), nullptr};
  pid_t child = 0;
  int spawned = ::posix_spawnp(&child, "sh", &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (null_fd >= 0) ::close(null_fd);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return fail("spawn-failed", "cannot run `" + command + "`: " + std::strerror(spawned), {},
                "check that sh is installed and the project folder exists");
  }
  ShellOutcome outcome;
  char buffer[1 << 16];
  while (true) {
    ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    outcome.output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return fail("spawn-failed", "lost track of `" + command + "`: " + std::strerror(errno));
  }
  outcome.exit_status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  return outcome;
}

std::string last_lines(std::string_view output, std::size_t lines) {
  std::size_t end = output.size();
  if (end > 0 && output[end - 1] == '\n') --end;
  std::size_t start = end;
  std::size_t count = 0;
  while (start > 0) {
    if (output[start - 1] == '\n' && ++count == lines) break;
    --start;
  }
  return std::string(output.substr(start, end - start));
}

}  // namespace apictl::migrate
