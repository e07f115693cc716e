// ChildProcess: starting the app under a supervisor process, reading its output on the loop, stopping it.
//
// Why a supervisor, and why this one. The app is `/bin/sh -c COMMAND`, which starts more processes (uvicorn
// and its workers, a build tool's children), so stopping "the child" means stopping a process group, and the
// hard case is apictl being killed with SIGKILL, which runs no code of apictl's. The candidates:
// - PR_SET_PDEATHSIG on the app: reaches only the process that set it (sh), not its children; it also fires
//   when the *thread* that forked exits, not the process.
// - A watchdog in the app's group reading a pipe whose write end only apictl holds: EOF is certain however
//   apictl dies, and the kernel delivers it. This is the signal used here.
// - Someone must also reap. Grandchildren orphaned by the group's SIGTERM go to init, and an init that does
//   not reap (containers; the development machines of this project among them) leaves them as zombies that
//   still answer kill(pid, 0). So the watchdog is also a child subreaper (PR_SET_CHILD_SUBREAPER): orphans of
//   the app come to it, and it reaps them all.
// The supervisor is forked from apictl without exec (there is no second binary to run) and therefore calls
// only async-signal-safe functions: everything it needs (argv, environment, paths) is prepared before fork().
// It starts its own session, so a Ctrl-C on apictl's terminal reaches apictl alone and apictl decides how the
// app stops; the app gets a process group of its own inside that session, so that kill(-pgid) reaches the app
// and everything it started but never the supervisor. A normal stop() and apictl's death take the same path
// (the pipe's end closing), so every test of stop() exercises the code that runs when apictl is killed.
#include "dev/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ostream>

#include "util/subprocess.hpp"

namespace apictl::dev {

namespace {

// What the supervisor tells apictl, as fixed-size records on a pipe (each write is atomic: under PIPE_BUF).
enum RecordKind : std::int32_t { record_started = 1, record_exited = 2, record_forced = 3, record_spawn_failed = 4 };
struct Record {
  std::int32_t kind = 0;
  std::int32_t value = 0;  // started: the app's pid; exited: its wait status; spawn_failed: errno
};

// Fixed descriptor numbers in the supervisor.
constexpr int supervisor_lifeline_fd = 3;
constexpr int supervisor_status_fd = 4;

// Everything the supervisor needs, prepared before fork() so that it never allocates.
struct SupervisorPlan {
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* working_directory = nullptr;  // null: stay
  int null_fd = -1;
  int out_write = -1;
  int err_write = -1;
  int lifeline_read = -1;
  int status_write = -1;
  int highest_fd = 1024;  // for closing descriptors when close_range() is missing
  std::int64_t grace_ms = 5000;
};

std::int64_t monotonic_ms() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

void send_record(RecordKind kind, std::int32_t value) {
  Record record{kind, value};
  while (::write(supervisor_status_fd, &record, sizeof record) < 0 && errno == EINTR) {
  }
}

void reset_signal_dispositions() {
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int signal_number = 1; signal_number < NSIG; ++signal_number) {
    if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
    ::sigaction(signal_number, &default_action, nullptr);  // fails harmlessly for glibc's reserved signals
  }
}

void close_descriptors_from(int first, int highest) {
  if (::close_range(static_cast<unsigned>(first), ~0U, 0) == 0) return;
  for (int fd = first; fd <= highest; ++fd) ::close(fd);
}

// Whether any process of the group still exists (zombies included: they hold the group until reaped).
bool group_exists(pid_t group) { return ::kill(-group, 0) == 0 || errno != ESRCH; }

// The app's side of the second fork: its own process group, default signals, then the shell.
[[noreturn]] void exec_app(const SupervisorPlan& plan) {
  ::setpgid(0, 0);
  reset_signal_dispositions();
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (plan.working_directory != nullptr && ::chdir(plan.working_directory) != 0) {
    static const char message[] = "apictl: cannot enter the app's working folder\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::execve(plan.argv[0], plan.argv, plan.envp);
  static const char message[] = "apictl: cannot run /bin/sh\n";
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(127);
}

// The supervisor: runs in the child of fork(), async-signal-safe calls only, never returns.
[[noreturn]] void supervise(const SupervisorPlan& plan) {
  ::setsid();
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  ::prctl(PR_SET_NAME, "apictl-watchdog", 0, 0, 0);
  reset_signal_dispositions();
  struct sigaction ignore_action {};
  ignore_action.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore_action, nullptr);  // a gone apictl must not end it in the middle of a write

  // 0-2 become the app's stdin and output pipes, 3 and 4 the lifeline and status pipes; the rest is closed, so
  // that apictl's other descriptors (a listening socket, another app's lifeline) are not held open here.
  int high[5] = {::fcntl(plan.null_fd, F_DUPFD_CLOEXEC, 10), ::fcntl(plan.out_write, F_DUPFD_CLOEXEC, 10),
                 ::fcntl(plan.err_write, F_DUPFD_CLOEXEC, 10), ::fcntl(plan.lifeline_read, F_DUPFD_CLOEXEC, 10),
                 ::fcntl(plan.status_write, F_DUPFD_CLOEXEC, 10)};
  ::dup2(high[0], STDIN_FILENO);
  ::dup2(high[1], STDOUT_FILENO);
  ::dup2(high[2], STDERR_FILENO);
  ::dup3(high[3], supervisor_lifeline_fd, O_CLOEXEC);
  ::dup3(high[4], supervisor_status_fd, O_CLOEXEC);
  close_descriptors_from(supervisor_status_fd + 1, plan.highest_fd + 16);

  // Every signal is still blocked (apictl blocked them around fork()); the ones that matter arrive here.
  sigset_t watched;
  sigemptyset(&watched);
  sigaddset(&watched, SIGCHLD);
  sigaddset(&watched, SIGTERM);
  sigaddset(&watched, SIGINT);
  sigaddset(&watched, SIGHUP);
  int signal_fd = ::signalfd(-1, &watched, SFD_CLOEXEC | SFD_NONBLOCK);

  pid_t app = ::fork();
  if (app == 0) exec_app(plan);
  if (app < 0) {
    send_record(record_spawn_failed, errno);
    ::_exit(1);
  }
  // Both sides set the group, so it exists before either goes on, whichever runs first.
  ::setpgid(app, app);
  // From now on only the app's processes hold the output pipes.
  ::dup2(STDIN_FILENO, STDOUT_FILENO);
  ::dup2(STDIN_FILENO, STDERR_FILENO);
  send_record(record_started, app);

  bool app_running = true;
  bool terminating = false;
  bool forced = false;
  bool lifeline_open = true;
  std::int64_t deadline = 0;
  auto begin_termination = [&] {
    if (terminating) return;
    terminating = true;
    ::kill(-app, SIGTERM);
    ::kill(-app, SIGCONT);  // a stopped process acts on SIGTERM only once continued
    deadline = monotonic_ms() + plan.grace_ms;
  };

  for (;;) {
    int status = 0;
    pid_t reaped;
    while ((reaped = ::waitpid(-1, &status, WNOHANG)) > 0) {
      if (reaped == app) {
        app_running = false;
        send_record(record_exited, status);
        begin_termination();  // whatever the app left behind in its group goes too
      }
    }
    if (!app_running && !group_exists(app)) break;

    int timeout = -1;
    if (terminating) {
      std::int64_t left = deadline - monotonic_ms();
      if (left <= 0) {
        if (forced) break;  // SIGKILL sent 2 s ago and the group is still there: unreapable, stop waiting
        ::kill(-app, SIGKILL);
        forced = true;
        send_record(record_forced, 0);
        deadline = monotonic_ms() + 2000;
        left = 0;
      }
      // After SIGKILL, look again often: a group member's parent outside the group may reap it without us
      // getting a SIGCHLD.
      timeout = forced ? 50 : static_cast<int>(left);
    }
    if (signal_fd < 0 && (timeout < 0 || timeout > 50)) timeout = 50;  // no signalfd: look for exits regularly
    pollfd watched_fds[2] = {{lifeline_open ? supervisor_lifeline_fd : -1, POLLIN, 0}, {signal_fd, POLLIN, 0}};
    if (::poll(watched_fds, 2, timeout) < 0 && errno != EINTR) {
      timespec pause{0, 50 * 1000 * 1000};  // should not happen; wait rather than spin
      ::nanosleep(&pause, nullptr);
      continue;
    }
    if (watched_fds[0].revents != 0) {
      char byte;
      ssize_t got = ::read(supervisor_lifeline_fd, &byte, 1);
      if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
        lifeline_open = false;  // apictl asked for a stop, or is gone
        begin_termination();
      }
    }
    if (watched_fds[1].revents != 0) {
      signalfd_siginfo info{};
      while (::read(signal_fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo != SIGCHLD) begin_termination();
      }
    }
  }
  ::_exit(0);
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads one record within `timeout_ms`; false on timeout, end of file or error.
bool read_record(int fd, Record& record, int timeout_ms) {
  std::size_t got = 0;
  auto* bytes = reinterpret_cast<char*>(&record);
  std::int64_t deadline = monotonic_ms() + timeout_ms;
  while (got < sizeof record) {
    pollfd polled{fd, POLLIN, 0};
    int left = static_cast<int>(std::max<std::int64_t>(0, deadline - monotonic_ms()));
    int ready = ::poll(&polled, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    ssize_t n = ::read(fd, bytes + got, sizeof record - got);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void reap(pid_t pid) {
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// Lines longer than this are handed over in pieces, so a program printing without newlines cannot make
// apictl's memory grow without bound.
constexpr std::size_t longest_line = 64 * 1024;

}  // namespace

std::string ChildExit::describe() const {
  std::string text;
  if (signal != 0) {
    const char* name = ::strsignal(signal);
    text = "ended by signal " + std::to_string(signal) + (name != nullptr ? std::string(" (") + name + ")" : "");
  } else {
    text = "exited with status " + std::to_string(exit_code);
  }
  if (forced) text += " after not stopping within the grace period";
  return text;
}

struct ChildProcess::Runtime {
  ChildProcess* owner = nullptr;  // null once the ChildProcess is destroyed
  uv_poll_t out_poll{};
  uv_poll_t err_poll{};
  uv_poll_t status_poll{};
  uv_timer_t backstop{};
  int open_handles = 0;
  int out_fd = -1;
  int err_fd = -1;
  int status_fd = -1;
  int lifeline_fd = -1;
  pid_t app = 0;
  pid_t supervisor = 0;
  std::int64_t grace_ms = 0;
  std::string out_partial;
  std::string err_partial;
  std::string status_bytes;
  ChildExit exit;
  bool finished = false;

  void emit(OutputStream stream, std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (owner != nullptr && owner->on_line_) owner->on_line_(stream, line);
  }

  void feed(OutputStream stream, std::string_view data) {
    std::string& partial = stream == OutputStream::out ? out_partial : err_partial;
    while (!data.empty()) {
      std::size_t newline = data.find('\n');
      if (newline == std::string_view::npos) {
        partial.append(data);
        if (partial.size() >= longest_line) {
          std::string piece = std::move(partial);
          partial.clear();
          emit(stream, piece);
        }
        return;
      }
      if (partial.empty()) {
        emit(stream, data.substr(0, newline));
      } else {
        partial.append(data.substr(0, newline));
        std::string line = std::move(partial);
        partial.clear();
        emit(stream, line);
      }
      data.remove_prefix(newline + 1);
    }
  }

  void flush_partial(OutputStream stream) {
    std::string& partial = stream == OutputStream::out ? out_partial : err_partial;
    if (partial.empty()) return;
    std::string line = std::move(partial);
    partial.clear();
    emit(stream, line);
  }

  // Reads what is there (at most `budget` bytes); false at end of file.
  bool read_output(OutputStream stream, std::size_t budget) {
    int fd = stream == OutputStream::out ? out_fd : err_fd;
    if (fd < 0) return false;
    char buffer[16384];
    std::size_t total = 0;
    while (total < budget) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) {
        feed(stream, std::string_view(buffer, static_cast<std::size_t>(n)));
        total += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
      flush_partial(stream);
      return false;  // end of file, or an error, which ends the stream too
    }
    return true;
  }

  void read_status() {
    char buffer[256];
    for (;;) {
      ssize_t n = ::read(status_fd, buffer, sizeof buffer);
      if (n > 0) {
        status_bytes.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      consume_records();
      finish();  // the supervisor closed it: it is exiting, the group is gone
      return;
    }
    consume_records();
  }

  void consume_records() {
    while (status_bytes.size() >= sizeof(Record)) {
      Record record;
      std::memcpy(&record, status_bytes.data(), sizeof record);
      status_bytes.erase(0, sizeof record);
      if (record.kind == record_exited) {
        int status = record.value;
        if (WIFEXITED(status)) {
          exit.exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
          exit.signal = WTERMSIG(status);
        }
      } else if (record.kind == record_forced) {
        exit.forced = true;
      }
    }
  }

  void close_handle(uv_handle_t* handle) {
    if (uv_is_closing(handle)) return;
    uv_close(handle, [](uv_handle_t* closed) {
      auto* runtime = static_cast<Runtime*>(closed->data);
      if (--runtime->open_handles == 0) delete runtime;
    });
  }

  void close_everything() {
    close_handle(reinterpret_cast<uv_handle_t*>(&out_poll));
    close_handle(reinterpret_cast<uv_handle_t*>(&err_poll));
    close_handle(reinterpret_cast<uv_handle_t*>(&status_poll));
    close_handle(reinterpret_cast<uv_handle_t*>(&backstop));
    close_fd(out_fd);
    close_fd(err_fd);
    close_fd(status_fd);
    close_fd(lifeline_fd);
  }

  void finish() {
    if (finished) return;
    finished = true;
    // The group is gone, so everything it wrote is in the pipes; a process that left the group (a daemon)
    // might still hold them open, so read what is there rather than wait for their end.
    read_output(OutputStream::out, 1 << 20);
    read_output(OutputStream::err, 1 << 20);
    flush_partial(OutputStream::out);
    flush_partial(OutputStream::err);
    close_everything();
    reap(supervisor);
    ChildProcess* to_tell = owner;
    owner = nullptr;
    if (to_tell == nullptr) return;
    to_tell->runtime_ = nullptr;
    ChildExit result = exit;
    if (to_tell->on_exit_) to_tell->on_exit_(result);  // may destroy the ChildProcess: nothing after this
  }

  void request_stop() {
    if (lifeline_fd < 0 || finished) return;
    close_fd(lifeline_fd);
    // Should the supervisor itself hang, end everything directly a while after it should have finished.
    uv_timer_start(
        &backstop,
        [](uv_timer_t* timer) {
          auto* runtime = static_cast<Runtime*>(timer->data);
          ::kill(-runtime->app, SIGKILL);
          ::kill(runtime->supervisor, SIGKILL);
        },
        static_cast<std::uint64_t>(grace_ms + 3000), 0);
  }
};

ChildProcess::ChildProcess(uv_loop_t* loop, ChildProcessOptions options, LineHandler on_line, ExitHandler on_exit)
    : loop_(loop), options_(std::move(options)), on_line_(std::move(on_line)), on_exit_(std::move(on_exit)) {}

ChildProcess::~ChildProcess() {
  Runtime* runtime = runtime_;
  if (runtime == nullptr) return;
  runtime->owner = nullptr;
  runtime_ = nullptr;
  // Stop and wait here: once this object is gone, nothing else would reap the supervisor.
  close_fd(runtime->lifeline_fd);
  std::int64_t deadline = monotonic_ms() + runtime->grace_ms + 3000;
  bool ended = false;
  while (!ended) {
    int left = static_cast<int>(deadline - monotonic_ms());
    if (left <= 0) break;
    pollfd polled{runtime->status_fd, POLLIN, 0};
    int ready = ::poll(&polled, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char buffer[256];
    ssize_t n = ::read(runtime->status_fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) ended = true;
  }
  if (!ended) {
    ::kill(-runtime->app, SIGKILL);
    ::kill(runtime->supervisor, SIGKILL);
  }
  runtime->finished = true;
  runtime->close_everything();
  reap(runtime->supervisor);
}

Result<void> ChildProcess::start() {
  if (runtime_ != nullptr) return fail("spawn-failed", "the app is already running");
  if (!options_.working_directory.empty()) {
    std::error_code error;
    if (!std::filesystem::is_directory(options_.working_directory, error)) {
      return fail("spawn-failed",
                  "cannot start the app in '" + options_.working_directory.string() + "': no such folder");
    }
  }

  std::vector<std::string> arguments{"/bin/sh", "-c", options_.command};
  std::vector<std::string> variables = merged_environment(options_.environment);
  std::vector<char*> argument_pointers = pointers_to(arguments);
  std::vector<char*> variable_pointers = pointers_to(variables);
  std::string working_directory = options_.working_directory.string();

  int out_pipe[2] = {-1, -1};
  int err_pipe[2] = {-1, -1};
  int lifeline_pipe[2] = {-1, -1};
  int status_pipe[2] = {-1, -1};
  int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  auto close_all = [&] {
    for (int* fd : {&out_pipe[0], &out_pipe[1], &err_pipe[0], &err_pipe[1], &lifeline_pipe[0], &lifeline_pipe[1],
                    &status_pipe[0], &status_pipe[1], &null_fd}) {
      close_fd(*fd);
    }
  };
  if (null_fd < 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(lifeline_pipe, O_CLOEXEC) != 0 || ::pipe2(status_pipe, O_CLOEXEC) != 0) {
    std::string reason = std::strerror(errno);
    close_all();
    return fail("spawn-failed", "cannot start the app: " + reason);
  }

  SupervisorPlan plan;
  plan.argv = argument_pointers.data();
  plan.envp = variable_pointers.data();
  plan.working_directory = working_directory.empty() ? nullptr : working_directory.c_str();
  plan.null_fd = null_fd;
  plan.out_write = out_pipe[1];
  plan.err_write = err_pipe[1];
  plan.lifeline_read = lifeline_pipe[0];
  plan.status_write = status_pipe[1];
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    plan.highest_fd = static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
  }
  plan.grace_ms = options_.stop_grace.count();

  // Signals stay blocked in the child until it has its own handling, so none of apictl's handlers runs there.
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t supervisor = ::fork();
  if (supervisor == 0) supervise(plan);
  int fork_error = errno;
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (supervisor < 0) {
    close_all();
    return fail("spawn-failed", std::string("cannot start the app: ") + std::strerror(fork_error));
  }
  close_fd(out_pipe[1]);
  close_fd(err_pipe[1]);
  close_fd(lifeline_pipe[0]);
  close_fd(status_pipe[1]);
  close_fd(null_fd);

  Record first;
  if (!read_record(status_pipe[0], first, 10000) || first.kind != record_started) {
    int reason = first.kind == record_spawn_failed ? first.value : 0;
    ::kill(supervisor, SIGKILL);
    reap(supervisor);
    close_all();
    return fail("spawn-failed", std::string("cannot start the app: ") +
                                    (reason != 0 ? std::strerror(reason) : "its supervisor did not report"));
  }

  auto* runtime = new Runtime();
  runtime->owner = this;
  runtime->out_fd = out_pipe[0];
  runtime->err_fd = err_pipe[0];
  runtime->status_fd = status_pipe[0];
  runtime->lifeline_fd = lifeline_pipe[1];
  runtime->app = first.value;
  runtime->supervisor = supervisor;
  runtime->grace_ms = options_.stop_grace.count();
  for (int fd : {runtime->out_fd, runtime->err_fd, runtime->status_fd}) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  uv_poll_init(loop_, &runtime->out_poll, runtime->out_fd);
  uv_poll_init(loop_, &runtime->err_poll, runtime->err_fd);
  uv_poll_init(loop_, &runtime->status_poll, runtime->status_fd);
  uv_timer_init(loop_, &runtime->backstop);
  runtime->open_handles = 4;
  for (uv_handle_t* handle :
       {reinterpret_cast<uv_handle_t*>(&runtime->out_poll), reinterpret_cast<uv_handle_t*>(&runtime->err_poll),
        reinterpret_cast<uv_handle_t*>(&runtime->status_poll), reinterpret_cast<uv_handle_t*>(&runtime->backstop)}) {
    handle->data = runtime;
  }
  auto on_output = [](uv_poll_t* poll, int, int) {
    auto* self = static_cast<Runtime*>(poll->data);
    OutputStream stream = poll == &self->out_poll ? OutputStream::out : OutputStream::err;
    if (!self->read_output(stream, 256 * 1024)) uv_poll_stop(poll);
  };
  uv_poll_start(&runtime->out_poll, UV_READABLE | UV_DISCONNECT, on_output);
  uv_poll_start(&runtime->err_poll, UV_READABLE | UV_DISCONNECT, on_output);
  uv_poll_start(&runtime->status_poll, UV_READABLE | UV_DISCONNECT,
                [](uv_poll_t* poll, int, int) { static_cast<Runtime*>(poll->data)->read_status(); });
  runtime_ = runtime;
  pid_ = runtime->app;
  supervisor_pid_ = supervisor;
  return {};
}

void ChildProcess::stop() {
  if (runtime_ != nullptr) runtime_->request_stop();
}

bool ChildProcess::running() const { return runtime_ != nullptr; }

pid_t ChildProcess::pid() const { return pid_; }

pid_t ChildProcess::supervisor_pid() const { return supervisor_pid_; }

ChildProcess::LineHandler forward_lines(std::string prefix, std::ostream& out, std::ostream& err) {
  return [prefix = std::move(prefix), &out, &err](OutputStream stream, std::string_view line) {
    std::ostream& target = stream == OutputStream::out ? out : err;
    target << prefix << line << '\n';
    target.flush();
  };
}

}  // namespace apictl::dev
