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


namespace {

// The rank of each value among the distinct values, in string order: comparing ranks is comparing the strings.
template <typename Key>
std::vector<std::uint32_t> ranks_of(const std::vector<Key>& keys) {
  std::vector<Key> distinct(keys);
  std::ranges::sort(distinct);
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::uint32_t> ranks;
  ranks.reserve(keys.size());
  for (const Key& key : keys) {
    ranks.push_back(static_cast<std::uint32_t>(std::ranges::lower_bound(distinct, key) - distinct.begin()));
  }
  return ranks;
}

}  // namespace

void sort_for_report(std::vector<Change>& changes) {
  // Big reports (a Stripe release has 100,000 changes) would spend most of their time comparing long path, id
  // and subject strings and moving whole Changes: rank the operations and ids once, sort indexes, move once.
  using OperationName = std::tuple<bool, std::string_view, std::string_view>;
  std::vector<OperationName> operations;
  std::vector<std::string_view> ids;
  operations.reserve(changes.size());
  ids.reserve(changes.size());
  for (const Change& change : changes) {
    operations.emplace_back(change.operation.webhook, change.operation.path, change.operation.method);
    ids.emplace_back(change.id);
  }
  std::vector<std::uint32_t> operation_rank = ranks_of(operations);
  std::vector<std::uint32_t> id_rank = ranks_of(ids);
  std::vector<std::uint32_t> order(changes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) {
    const Change& x = changes[a];
    const Change& y = changes[b];
    // The same order as report_order.
    return std::tie(operation_rank[a], y.level, id_rank[a], x.subject, x.message) <
           std::tie(operation_rank[b], x.level, id_rank[b], y.subject, y.message);
  });
  std::vector<Change> sorted;
  sorted.reserve(changes.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(changes[i]));
  changes = std::move(sorted);
}

}  // namespace apictl::diff
