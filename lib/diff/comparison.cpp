// Matching operations across the two contracts, and collecting the changes check families emit.
#include "diff/comparison.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <tuple>

#include "diff/check_ids.hpp"
#include "diff/position_cache.hpp"

namespace apictl::diff {

using contract::NodeRef;
using contract::Operation;

NodeRef Side::deref(NodeRef node) const {
  if (!node) return {};
  return refs.deref(node);
}

std::string normalize_path_template(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  bool in_parameter = false;
  for (char c : path) {
    if (c == '{') {
      in_parameter = true;
      out += "{}";
    } else if (c == '}') {
      in_parameter = false;
    } else if (!in_parameter) {
      out += c;
    }
  }
  return out;
}

namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

struct MatchKey {
  bool webhook;
  std::string path;  // normalized template, or the webhook name
  std::string method;
  auto operator<=>(const MatchKey&) const = default;
};

std::vector<OperationPair> match_operations(Side& base, Side& revision) {
  std::map<MatchKey, OperationPair> pairs;
  auto collect = [&](Side& side, bool is_base) {
    contract::for_each_operation(side.workspace, side.spec, [&](const Operation& operation) {
      MatchKey key{operation.webhook,
                   operation.webhook ? std::string(operation.path) : normalize_path_template(operation.path),
                   upper(operation.method)};
      OperationPair& pair = pairs[key];
      (is_base ? pair.base : pair.revision) = operation;
    });
  };
  collect(base, true);
  collect(revision, false);
  std::vector<OperationPair> out;
  out.reserve(pairs.size());
  for (auto& [key, pair] : pairs) {
    // Named as the revision writes it; a removed operation keeps the base's spelling.
    const Operation& named = pair.in_revision() ? pair.revision : pair.base;
    pair.key.method = key.method;
    pair.key.path = std::string(named.path);
    pair.key.operation_id = std::string(named.node["operationId"].text());
    pair.key.webhook = key.webhook;
    out.push_back(std::move(pair));
  }
  return out;
}

// Reorders `items` in place so that items[k] becomes what was at items[order[k]]: one cycle at a time, each
// item moved once, no second vector of thousands of changes.
void permute(std::vector<Change>& items, const std::vector<std::uint32_t>& order) {
  std::vector<bool> placed(items.size(), false);
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (placed[start]) continue;
    Change held = std::move(items[start]);
    std::size_t at = start;
    while (order[at] != start) {
      items[at] = std::move(items[order[at]]);
      placed[at] = true;
      at = order[at];
    }
    items[at] = std::move(held);
    placed[at] = true;
  }
}

}  // namespace

Comparison::Comparison(Side& base, Side& revision, const DiffOptions& options)
    : base_(base), revision_(revision), options_(options), operations_(match_operations(base, revision)) {}

std::uint32_t Comparison::key_index(const OperationKey& operation) {
  if (!keys_.empty() && operation == last_key_) return last_key_index_;
  auto [entry, inserted] = key_indexes_.try_emplace(operation, static_cast<std::uint32_t>(keys_.size()));
  if (inserted) keys_.push_back(operation);
  last_key_ = operation;
  last_key_index_ = entry->second;
  return entry->second;
}

namespace {

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) { return (hash ^ value) * 0x100000001b3ULL + (hash >> 29); }

std::uint64_t node_hash(NodeRef node) {
  return node ? mix(reinterpret_cast<std::uintptr_t>(&node.document()), node.id()) : 0;
}

}  // namespace

std::uint32_t Comparison::emit(std::string_view id, const OperationKey& operation, std::string message,
                               std::string subject, NodeRef base_node, NodeRef revision_node) {
  const CheckInfo* check = find_check(id);
  if (check == nullptr || check->level < options_.min_level) return dropped;
  std::uint32_t key = key_index(operation);
  std::uint64_t hash = mix(mix(mix(mix(reinterpret_cast<std::uintptr_t>(check), std::hash<std::string>{}(message)),
                                   std::hash<std::string>{}(subject)),
                               node_hash(base_node)),
                           node_hash(revision_node));
  auto [first, last] = pending_by_hash_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    Pending& pending = pending_[it->second];
    if (pending.check == check && pending.base == base_node && pending.revision == revision_node &&
        pending.message == message && pending.subject == subject) {
      if (pending.operations.back() != key) pending.operations.push_back(key);
      return it->second;
    }
  }
  auto index = static_cast<std::uint32_t>(pending_.size());
  pending_by_hash_.emplace(hash, index);
  pending_.push_back(Pending{check, std::move(message), std::move(subject), base_node, revision_node, {key}});
  return index;
}

void Comparison::emit_again(std::span<const std::uint32_t> changes, const OperationKey& operation) {
  if (changes.empty()) return;  // an operation with no change is not recorded
  std::uint32_t key = key_index(operation);
  for (std::uint32_t change : changes) {
    std::vector<std::uint32_t>& operations = pending_[change].operations;
    if (operations.back() != key) operations.push_back(key);
  }
}

void Comparison::take_changes(DiffResult& result) {
  // Operations in report order; rank[i] is where keys_[i] lands.
  std::vector<std::uint32_t> order(keys_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto report_key = [&](std::uint32_t i) { return std::tie(keys_[i].webhook, keys_[i].path, keys_[i].method); };
  std::ranges::sort(order, [&](std::uint32_t a, std::uint32_t b) { return report_key(a) < report_key(b); });
  std::vector<std::uint32_t> rank(keys_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  result.operations.clear();
  result.operations.reserve(keys_.size());
  for (std::uint32_t i : order) result.operations.push_back(keys_[i]);
  // group[k]: the place of result.operations[k]'s (webhook, path, method) among the distinct ones, so the sort
  // below compares two numbers where report_order compares the operations' paths.
  std::vector<std::uint32_t> group(order.size());
  for (std::uint32_t k = 1; k < order.size(); ++k) {
    group[k] = group[k - 1] + (report_key(order[k - 1]) < report_key(order[k]) ? 1 : 0);
  }

  // Every change without its positions and fingerprint, which neither the order nor the merging below reads:
  // they are made only for the changes kept. One vector, sorted in place: a diff has thousands of changes.
  std::vector<Change>& changes = result.changes;
  changes.clear();
  changes.reserve(pending_.size());
  std::vector<std::uint32_t> change_group;
  change_group.reserve(pending_.size());
  for (Pending& pending : pending_) {
    std::vector<std::uint32_t> operations;
    operations.reserve(pending.operations.size());
    for (std::uint32_t key : pending.operations) operations.push_back(rank[key]);
    std::ranges::sort(operations);
    operations.erase(std::unique(operations.begin(), operations.end()), operations.end());
    Change change;
    change.id = std::string(pending.check->id);
    change.level = pending.check->level;
    change.operation = result.operations[operations.front()];
    change.also.assign(operations.begin() + 1, operations.end());
    change.message = std::move(pending.message);
    change.subject = std::move(pending.subject);
    changes.push_back(std::move(change));
    change_group.push_back(group[operations.front()]);
  }
  // Report order, stable as sort_for_report; `origin` follows each change to its Pending.
  std::vector<std::uint32_t> origin(changes.size());
  for (std::uint32_t i = 0; i < origin.size(); ++i) origin[i] = i;
  // report_order, with the operations' (webhook, path, method) compared by their group.
  auto in_report_order = [&](std::uint32_t a, std::uint32_t b) {
    if (change_group[a] != change_group[b]) return change_group[a] < change_group[b];
    const Change& x = changes[a];
    const Change& y = changes[b];
    return std::tie(y.level, x.id, x.subject, x.message) < std::tie(x.level, y.id, y.subject, y.message);
  };
  std::ranges::stable_sort(origin, in_report_order);
  permute(changes, origin);
  // The same change at one operation reached through different nodes (two $ref paths to one schema) is one: the
  // first in report order is kept, as std::unique keeps it.
  auto same = [](const Change& a, const Change& b) {
    return a.id == b.id && a.operation == b.operation && a.subject == b.subject && a.message == b.message &&
           a.also == b.also;
  };
  std::size_t kept = 0;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (kept > 0 && same(changes[kept - 1], changes[i])) continue;
    if (kept != i) changes[kept] = std::move(changes[i]);
    origin[kept++] = origin[i];
  }
  changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(kept), changes.end());
  PositionCache positions;
  for (std::size_t i = 0; i < kept; ++i) {
    changes[i].base = positions.of(pending_[origin[i]].base);
    changes[i].revision = positions.of(pending_[origin[i]].revision);
    changes[i].fingerprint = fingerprint_of(changes[i]);
  }
  pending_.clear();
  pending_by_hash_.clear();
}

}  // namespace apictl::diff
