// InterruptGuard and InterruptibleInput: Ctrl-C ends a question whenever it comes, before or during the read.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <istream>
#include <string>
#include <thread>

#include "util/interrupt.hpp"

using namespace apictl;

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
};

}  // namespace

TEST_CASE("input reads lines until the guard is interrupted", "[util][interrupt]") {
  InterruptGuard guard;
  Pipe pipe;
  REQUIRE(::write(pipe.fds[1], "yes\n", 4) == 4);
  InterruptibleInput input(pipe.fds[0]);
  std::istream in(&input);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(line == "yes");
  CHECK_FALSE(InterruptGuard::interrupted());
}

TEST_CASE("a Ctrl-C that comes before the read ends it at once", "[util][interrupt]") {
  InterruptGuard guard;
  Pipe pipe;  // nothing is ever written: a read would block for ever
  std::raise(SIGINT);
  CHECK(InterruptGuard::interrupted());
  InterruptibleInput input(pipe.fds[0]);
  std::istream in(&input);
  std::string line;
  CHECK_FALSE(std::getline(in, line));
}

TEST_CASE("a Ctrl-C during the read ends it, and the guard restores the old handler", "[util][interrupt]") {
  struct sigaction before {};
  ::sigaction(SIGINT, nullptr, &before);
  Pipe pipe;
  {
    InterruptGuard guard;
    std::thread typist([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      ::kill(::getpid(), SIGINT);
    });
    InterruptibleInput input(pipe.fds[0]);
    std::istream in(&input);
    std::string line;
    CHECK_FALSE(std::getline(in, line));
    typist.join();
    CHECK(InterruptGuard::interrupted());
  }
  struct sigaction now {};
  ::sigaction(SIGINT, nullptr, &now);
  CHECK(now.sa_handler == before.sa_handler);
  InterruptGuard again;  // a new guard starts uninterrupted
  CHECK_FALSE(InterruptGuard::interrupted());
}
