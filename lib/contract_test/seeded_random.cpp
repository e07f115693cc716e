// splitmix64 (Steele, Lea, Flood 2014): small, fast, and its output depends on nothing but the seed.
#include "contract_test/seeded_random.hpp"

namespace apictl::contract_test {

SeededRandom SeededRandom::for_operation(std::uint64_t seed, std::string_view operation) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (char c : operation) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return SeededRandom(seed ^ hash);
}

std::uint64_t SeededRandom::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::int64_t SeededRandom::between(std::int64_t low, std::int64_t high) {
  if (high <= low) return low;
  auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  if (span == UINT64_MAX) return static_cast<std::int64_t>(next());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + next() % (span + 1));
}

double SeededRandom::between(double low, double high) {
  if (!(high > low)) return low;
  double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;  // [0, 1)
  return low + unit * (high - low);
}

}  // namespace apictl::contract_test
