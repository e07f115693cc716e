// Running a program with posix_spawn and reading its stdout and stderr together, so neither pipe can fill
// up and stall it.
#include "util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string_view>
#include <system_error>
#include <vector>

extern char** environ;  // POSIX has programs declare it; glibc's unistd.h does only under _GNU_SOURCE

namespace apictl {

namespace {

// A file descriptor closed when it goes out of scope.
class OwnedFd {
 public:
  OwnedFd() = default;
  explicit OwnedFd(int fd) : fd_(fd) {}
  ~OwnedFd() { reset(); }
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  OwnedFd(OwnedFd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  OwnedFd& operator=(OwnedFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }

  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  OwnedFd read;
  OwnedFd write;
};

// Close-on-exec, so a program another thread starts at the same time does not inherit our ends.
Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return fail("spawn-failed", std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  return Pipe{OwnedFd(fds[0]), OwnedFd(fds[1])};
}

// Reads both pipes until the program closes them; errno on failure, 0 otherwise.
int drain(OwnedFd& out_fd, OwnedFd& err_fd, std::string& out, std::string& err) {
  char buffer[1 << 16];
  while (out_fd.get() >= 0 || err_fd.get() >= 0) {
    pollfd polled[2] = {{out_fd.get(), POLLIN, 0}, {err_fd.get(), POLLIN, 0}};  // fd -1 is skipped by poll
    if (::poll(polled, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    for (int i = 0; i < 2; ++i) {
      if (polled[i].revents == 0) continue;
      OwnedFd& fd = i == 0 ? out_fd : err_fd;
      ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        fd.reset();  // end of output (or an error on the pipe, which ends it too)
        continue;
      }
      try {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(got));
      } catch (const std::bad_alloc&) {
        return ENOMEM;  // the caller still reaps the program
      }
    }
  }
  return 0;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 128;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 128;
}

}  // namespace

std::vector<std::string> merged_environment(std::span<const std::string> overrides) {
  std::vector<std::string> merged;
  auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    bool overridden = false;
    for (const std::string& override_entry : overrides) {
      if (name_of(override_entry) == name_of(text)) overridden = true;
    }
    if (!overridden) merged.emplace_back(text);
  }
  merged.insert(merged.end(), overrides.begin(), overrides.end());
  return merged;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

Result<ProcessOutput> run_process(std::span<const std::string> argv, std::span<const std::string> environment) {
  if (argv.empty()) return fail("spawn-failed", "no program to run");
  auto out_pipe = make_pipe();
  if (!out_pipe) return std::unexpected(out_pipe.error());
  auto err_pipe = make_pipe();
  if (!err_pipe) return std::unexpected(err_pipe.error());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // The program must never wait for input (a password prompt, say): its stdin is empty.
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe->write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe->write.get(), STDERR_FILENO);

  std::vector<std::string> arguments(argv.begin(), argv.end());
  std::vector<std::string> variables = merged_environment(environment);
  std::vector<char*> argument_pointers = pointers_to(arguments);
  std::vector<char*> variable_pointers = pointers_to(variables);
  pid_t pid = 0;
  int spawned =
      ::posix_spawnp(&pid, argument_pointers[0], &actions, nullptr, argument_pointers.data(), variable_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    if (spawned == ENOENT) {
      return fail("command-not-found", "'" + argv[0] + "' is not installed (not found on PATH)");
    }
    return fail("spawn-failed", "cannot run '" + argv[0] + "': " + std::generic_category().message(spawned));
  }
  // Our copies of the write ends must close, or the reads below would never see the end of the output.
  out_pipe->write.reset();
  err_pipe->write.reset();

  ProcessOutput output;
  int read_error = drain(out_pipe->read, err_pipe->read, output.out, output.err);
  // Closed before waiting: a program still writing after a failed read then stops (EPIPE) instead of blocking.
  out_pipe->read.reset();
  err_pipe->read.reset();
  output.exit_status = wait_for(pid);  // always reaped, even when reading failed
  if (read_error != 0) {
    return fail("spawn-failed",
                "cannot read the output of '" + argv[0] + "': " + std::generic_category().message(read_error));
  }
  return output;
}

}  // namespace apictl
