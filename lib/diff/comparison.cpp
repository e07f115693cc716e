// Matching operations across the two contracts, and collecting the changes check families emit.
#include "diff/comparison.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <tuple>

#include "diff/check_ids.hpp"

namespace apictl::diff {

using contract::NodeRef;
using contract::Operation;

NodeRef Side::deref(NodeRef node) const {
  if (!node) return {};
  auto target = workspace.deref(node);
  return target ? *target : NodeRef{};
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

SourcePosition where(NodeRef node) { return node ? node.position() : SourcePosition{}; }

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

void Comparison::emit_again(std::uint32_t change, const OperationKey& operation) {
  std::uint32_t key = key_index(operation);
  std::vector<std::uint32_t>& operations = pending_[change].operations;
  if (operations.back() != key) operations.push_back(key);
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

  result.changes.clear();
  result.changes.reserve(pending_.size());
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
    change.base = where(pending.base);
    change.revision = where(pending.revision);
    change.fingerprint = fingerprint_of(change);
    result.changes.push_back(std::move(change));
  }
  pending_.clear();
  pending_by_hash_.clear();
  sort_for_report(result.changes);
  // The same change at one operation reached through different nodes (two $ref paths to one schema) is one.
  auto same = [](const Change& a, const Change& b) {
    return a.id == b.id && a.operation == b.operation && a.subject == b.subject && a.message == b.message &&
           a.also == b.also;
  };
  result.changes.erase(std::unique(result.changes.begin(), result.changes.end(), same), result.changes.end());
}

}  // namespace apictl::diff
