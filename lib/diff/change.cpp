// Levels, fingerprints and the report order of changes.
#include "diff/change.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <tuple>
#include <vector>

namespace apictl::diff {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::err:
      return "ERR";
    case Level::warn:
      return "WARN";
    case Level::info:
      return "INFO";
  }
  return "ERR";
}

std::optional<Level> parse_level(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "err" || lower == "error") return Level::err;
  if (lower == "warn" || lower == "warning") return Level::warn;
  if (lower == "info") return Level::info;
  return std::nullopt;
}

namespace {

// FNV-1a, 64 bit: tiny, fixed by its definition, so fingerprints never change between builds or platforms.
std::uint64_t fnv1a(std::uint64_t hash, std::string_view text) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  hash ^= 0xff;  // field separator, so ("ab","c") and ("a","bc") differ
  hash *= 1099511628211ULL;
  return hash;
}

}  // namespace

std::string fingerprint_of(const Change& change) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (std::string_view part : {std::string_view(change.id), std::string_view(change.operation.method),
                                std::string_view(change.operation.path), std::string_view(change.subject)}) {
    hash = fnv1a(hash, part);
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) text[static_cast<std::size_t>(i)] = digits[hash & 0xf];
  return text;
}

bool report_order(const Change& a, const Change& b) {
  // Within an operation, the most severe first (b.level before a.level).
  return std::tie(a.operation.webhook, a.operation.path, a.operation.method, b.level, a.id, a.subject, a.message) <
         std::tie(b.operation.webhook, b.operation.path, b.operation.method, a.level, b.id, b.subject, b.message);
}

void sort_for_report(std::vector<Change>& changes) {
  // Sorting indexes and moving each change once beats moving changes around inside the sort.
  std::vector<std::uint32_t> order(changes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order,
                           [&](std::uint32_t a, std::uint32_t b) { return report_order(changes[a], changes[b]); });
  std::vector<Change> sorted;
  sorted.reserve(changes.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(changes[i]));
  changes = std::move(sorted);
}

}  // namespace apictl::diff
