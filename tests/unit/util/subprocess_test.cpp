// run_process: argv passed verbatim, both streams captured without deadlock, exit status, stdin empty.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "util/subprocess.hpp"

using namespace apictl;

namespace {

Result<ProcessOutput> run(std::vector<std::string> argv, std::vector<std::string> environment = {}) {
  return run_process(argv, environment);
}

}  // namespace

TEST_CASE("run_process captures stdout, stderr and the exit status", "[subprocess]") {
  auto output = run({"sh", "-c", "printf out; printf err >&2; exit 3"});
  REQUIRE(output.has_value());
  CHECK(output->out == "out");
  CHECK(output->err == "err");
  CHECK(output->exit_status == 3);

  auto killed = run({"sh", "-c", "kill -9 $$"});
  REQUIRE(killed.has_value());
  CHECK(killed->exit_status == 128 + 9);
}

TEST_CASE("run_process passes arguments as they are, never through a shell", "[subprocess]") {
  auto output = run({"printf", "%s|", "a b", "$HOME", ";echo no", "`id`"});
  REQUIRE(output.has_value());
  CHECK(output->out == "a b|$HOME|;echo no|`id`|");
}

TEST_CASE("run_process reads both streams at once, so a program filling stderr first does not stall", "[subprocess]") {
  // Well over a pipe's 64 KiB buffer on each stream, stderr first.
  auto output = run({"sh", "-c", "head -c 1000000 /dev/zero >&2; head -c 700000 /dev/zero"});
  REQUIRE(output.has_value());
  CHECK(output->err.size() == 1000000);
  CHECK(output->out.size() == 700000);
  CHECK(output->exit_status == 0);
}

TEST_CASE("run_process gives the program an empty stdin and the extra environment", "[subprocess]") {
  auto output = run({"cat"});
  REQUIRE(output.has_value());
  CHECK(output->out.empty());

  auto environment = run({"sh", "-c", "printf '%s' \"$APICTL_TEST_VARIABLE\""}, {"APICTL_TEST_VARIABLE=set here"});
  REQUIRE(environment.has_value());
  CHECK(environment->out == "set here");
}

TEST_CASE("run_process reports a program that is not installed", "[subprocess]") {
  auto output = run({"apictl-no-such-program-anywhere"});
  REQUIRE_FALSE(output.has_value());
  CHECK(output.error().code == "command-not-found");
  CHECK(output.error().message.find("apictl-no-such-program-anywhere") != std::string::npos);
}
