// parallel_for: every task runs once, whatever the thread count, and a task's exception reaches the caller.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

using apictl::parallel_for;

TEST_CASE("parallel_for runs every index exactly once") {
  for (unsigned threads : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> runs(1000);
    parallel_for(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
    for (std::size_t i = 0; i < runs.size(); ++i) REQUIRE(runs[i] == 1);
  }
  bool called = false;
  parallel_for(0, 4, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("parallel_for with one thread stays on the caller's thread") {
  std::vector<std::thread::id> ids(5);
  parallel_for(ids.size(), 1, [&](std::size_t i) { ids[i] = std::this_thread::get_id(); });
  for (auto id : ids) CHECK(id == std::this_thread::get_id());
}

TEST_CASE("parallel_for rethrows a task's exception after the others stop") {
  std::atomic<int> started{0};
  auto run = [&] {
    parallel_for(100, 3, [&](std::size_t i) {
      ++started;
      if (i == 10) throw std::runtime_error("task 10 failed");
    });
  };
  CHECK_THROWS_WITH(run(), "task 10 failed");
  CHECK(started.load() <= 100);
}
