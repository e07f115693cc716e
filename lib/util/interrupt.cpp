// The self-pipe behind InterruptGuard: a signal handler may only set a flag and write(2).
#include "util/interrupt.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace apictl {

namespace {

volatile std::sig_atomic_t interrupt_seen = 0;
int wake_pipe[2] = {-1, -1};

extern "C" void note_interrupt(int) {
  interrupt_seen = 1;
  int saved = errno;
  char byte = 1;
  [[maybe_unused]] auto ignored = ::write(wake_pipe[1], &byte, 1);
  errno = saved;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupt_seen = 0;
  if (wake_pipe[0] < 0 && ::pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe[0] = wake_pipe[1] = -1;
  char drain[64];
  while (wake_pipe[0] >= 0 && ::read(wake_pipe[0], drain, sizeof drain) > 0) {
  }
  struct sigaction action {};
  action.sa_handler = note_interrupt;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking call returns EINTR, and polls see the pipe.
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
}

bool InterruptGuard::interrupted() { return interrupt_seen != 0; }

int InterruptGuard::wake_fd() { return wake_pipe[0]; }

InterruptibleInput::int_type InterruptibleInput::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  while (!InterruptGuard::interrupted()) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {InterruptGuard::wake_fd(), POLLIN, 0}};
    int ready = ::poll(fds, InterruptGuard::wake_fd() >= 0 ? 2 : 1, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return traits_type::eof();
    }
    if (fds[1].revents != 0) continue;  // the loop condition sees the flag
    ssize_t got = ::read(fd_, buffer_, sizeof buffer_);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + got);
    return traits_type::to_int_type(*gptr());
  }
  return traits_type::eof();
}

}  // namespace apictl
