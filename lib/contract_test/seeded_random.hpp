// SeededRandom: the one source of chance in `contract test`, so the same --seed gives the same requests on every
// machine (std::uniform_int_distribution's results differ between standard libraries; splitmix64 does not).
#pragma once

#include <cstdint>
#include <string_view>

namespace apictl::contract_test {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  // A generator for one operation: the run's seed mixed with the operation's name, so adding an operation to the
  // contract does not change the requests sent to the others.
  static SeededRandom for_operation(std::uint64_t seed, std::string_view operation);

  std::uint64_t next();
  // Uniform in [low, high] (inclusive); low when high < low.
  std::int64_t between(std::int64_t low, std::int64_t high);
  // Uniform in [low, high).
  double between(double low, double high);
  // True with probability 1/n.
  bool one_in(std::uint64_t n) { return n <= 1 || next() % n == 0; }

 private:
  std::uint64_t state_;
};

}  // namespace apictl::contract_test
