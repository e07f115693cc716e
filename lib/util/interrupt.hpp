// Ctrl-C as a request to stop cleanly: a flag to poll, and terminal input that ends when it is set.
#pragma once

#include <csignal>
#include <streambuf>

namespace apictl {

// While alive, SIGINT and SIGTERM no longer end the process: they set interrupted() and wake every
// InterruptibleInput, also one about to block in read(). One at a time per process.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool interrupted();
  // Readable once interrupted (a self-pipe: the handler writes to it), for poll().
  static int wake_fd();

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

// Reads a file descriptor (a terminal) through poll(), ending the stream as soon as the InterruptGuard is
// interrupted, whether the signal came before or during the wait. A flag checked before read() alone would
// miss a Ctrl-C between the check and the read, and block until the next line.
class InterruptibleInput : public std::streambuf {
 public:
  explicit InterruptibleInput(int fd) : fd_(fd) {}

 protected:
  int_type underflow() override;

 private:
  int fd_;
  char buffer_[4096];
};

}  // namespace apictl
