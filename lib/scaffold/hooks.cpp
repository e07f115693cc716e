// Hook execution with posix_spawn: a working directory of its own, output sent to stderr.
#include "scaffold/hooks.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

extern char** environ;  // POSIX has programs declare it

namespace apictl::scaffold {

namespace {

// The exit status of `sh -c command` run in `folder`; -1 (with errno) when it could not start.
int run_in(const std::filesystem::path& folder, const std::string& command) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  std::string shell = "sh";
  std::string flag = "-c";
  std::string text = command;
  char* argv[] = {shell.data(), flag.data(), text.data(), nullptr};
  pid_t child = 0;
  int spawned = ::posix_spawnp(&child, "sh", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    return -1;
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace

Result<void> run_hooks(const std::vector<PlannedHook>& hooks, const std::filesystem::path& project, std::ostream& log) {
  for (const PlannedHook& hook : hooks) {
    log << "running hook: " << hook.description << '\n' << std::flush;
    int status = run_in(project, hook.command);
    if (status < 0) {
      return fail("hook-failed", "hook '" + hook.description + "' could not start: " + std::strerror(errno), {},
                  "the project is complete; run `" + hook.command + "` in it yourself");
    }
    if (status != 0) {
      return fail("hook-failed", "hook '" + hook.description + "' failed with exit status " + std::to_string(status),
                  {}, "the project is complete; fix the cause and run `" + hook.command + "` in it yourself");
    }
  }
  return {};
}

}  // namespace apictl::scaffold
