// ChildProcess: the app `apictl dev` runs — a shell command in its own process group under a small supervisor
// process, its output delivered as lines, stopped with SIGTERM then SIGKILL, and never outliving apictl.
#pragma once

#include <sys/types.h>
#include <uv.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::dev {

struct ChildProcessOptions {
  std::string command;                      // run as `/bin/sh -c COMMAND`
  std::filesystem::path working_directory;  // empty: apictl's own
  std::vector<std::string> environment;     // NAME=VALUE entries on top of apictl's environment (PORT=8123)
  // How long the process group has between SIGTERM and SIGKILL.
  std::chrono::milliseconds stop_grace{std::chrono::seconds(5)};
};

enum class OutputStream { out, err };

struct ChildExit {
  int exit_code = -1;            // the shell's exit status when it exited, -1 when a signal ended it
  int signal = 0;                // the signal that ended it, 0 when it exited
  bool forced = false;           // something in the group outlived SIGTERM by the grace period and got SIGKILL
  std::string describe() const;  // "exited with status 3", "ended by signal 9 (Killed)"
};

// One run of the app. The process tree:
//
//   apictl ── supervisor (own session; child subreaper) ── /bin/sh -c COMMAND (own process group) ── ...
//
// The supervisor holds the read end of a pipe whose only write end is apictl's. stop() closes that end, and so
// does the kernel when apictl dies in any way, SIGKILL included: either way the supervisor sends SIGTERM to the
// app's process group, SIGKILL after the grace period, reaps every process of the group (as a subreaper,
// orphaned grandchildren come to it rather than to init) and exits. apictl then reaps the supervisor.
class ChildProcess {
 public:
  using LineHandler = std::function<void(OutputStream stream, std::string_view line)>;
  using ExitHandler = std::function<void(const ChildExit& exit)>;

  // `on_line` gets each line the app writes (without its newline; a last line without one at the end too); do
  // not destroy the ChildProcess from inside it. `on_exit` is called once the app and everything in its process
  // group are gone and reaped; it may destroy the ChildProcess.
  ChildProcess(uv_loop_t* loop, ChildProcessOptions options, LineHandler on_line, ExitHandler on_exit);
  // Stops the app if it still runs and waits for it: at most the grace period and a little more.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts the app; once it returns, pid() is known. Fails when the working folder is missing or no process
  // could be created (a command that does not exist is an exit status 127, as in a shell).
  Result<void> start();
  // Asks the supervisor to stop the app (see above) and returns at once; on_exit follows on the loop.
  void stop();

  bool running() const;  // started and on_exit not called yet
  pid_t pid() const;     // the shell's pid, which is also the process group id; 0 before start()
  pid_t supervisor_pid() const;

 private:
  struct Runtime;
  Runtime* runtime_ = nullptr;  // while running; freed by the last of its libuv handles' close callbacks
  pid_t pid_ = 0;
  pid_t supervisor_pid_ = 0;
  uv_loop_t* loop_;
  ChildProcessOptions options_;
  LineHandler on_line_;
  ExitHandler on_exit_;
};

// A LineHandler writing each line as "PREFIX line\n" to `out` (the app's stdout) or `err` (its stderr).
ChildProcess::LineHandler forward_lines(std::string prefix, std::ostream& out, std::ostream& err);

}  // namespace apictl::dev
