// Matching operations across the two contracts, and collecting the changes check families emit.
#include "diff/comparison.hpp"

#include <algorithm>
#include <cctype>

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

bool Comparison::emit(std::string_view id, const OperationKey& operation, std::string message, std::string subject,
                      NodeRef base_node, NodeRef revision_node) {
  const CheckInfo* check = find_check(id);
  if (check == nullptr) return false;
  if (check->level < options_.min_level) return true;
  Change change;
  change.id = std::string(id);
  change.level = check->level;
  change.operation = operation;
  change.message = std::move(message);
  change.subject = std::move(subject);
  change.base = where(base_node);
  change.revision = where(revision_node);
  change.fingerprint = fingerprint_of(change);
  changes_.push_back(std::move(change));
  return true;
}

std::vector<Change> Comparison::take_changes() {
  sort_for_report(changes_);
  auto same = [](const Change& a, const Change& b) {
    return a.id == b.id && a.operation == b.operation && a.subject == b.subject && a.message == b.message;
  };
  changes_.erase(std::unique(changes_.begin(), changes_.end(), same), changes_.end());
  return std::move(changes_);
}

}  // namespace apictl::diff
