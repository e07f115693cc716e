// Paths, operations and webhooks added or removed; operation ids and tags.
#include <set>
#include <string>

#include "diff/families.hpp"
#include "diff/lifecycle.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string endpoint(const OperationKey& key) { return key.method + " " + key.path; }

// The path templates the revision still has an operation under.
std::set<std::string> surviving_paths(Comparison& comparison) {
  std::set<std::string> out;
  for (const OperationPair& pair : comparison.operations()) {
    if (pair.in_revision() && !pair.key.webhook) out.insert(normalize_path_template(pair.revision.path));
  }
  return out;
}

}  // namespace

void diff_paths(Comparison& comparison) {
  std::set<std::string> surviving = surviving_paths(comparison);
  for (const OperationPair& pair : comparison.operations()) {
    if (pair.in_base() && pair.in_revision()) continue;
    if (pair.key.webhook) {
      if (pair.in_revision()) {
        comparison.emit("webhook-added", pair.key,
                        "webhook " + in_quotes(pair.key.path) + " " + pair.key.method + " added", "webhook", {},
                        pair.revision.node);
      } else {
        comparison.emit("webhook-removed", pair.key,
                        "webhook " + in_quotes(pair.key.path) + " " + pair.key.method + " removed", "webhook",
                        pair.base.node, {});
      }
      continue;
    }
    if (pair.in_revision()) {
      comparison.emit("endpoint-added", pair.key, "endpoint " + endpoint(pair.key) + " added", "endpoint", {},
                      pair.revision.node);
      continue;
    }
    // Draft and alpha operations may go without notice.
    if (auto stability = parse_stability(pair.base.node["x-stability-level"]);
        stability && (*stability == Stability::draft || *stability == Stability::alpha)) {
      continue;
    }
    bool whole_path = !surviving.contains(normalize_path_template(pair.base.path));
    std::string stem = whole_path ? "api-path-removed-" : "api-removed-";
    std::string what = whole_path
                           ? "path " + in_quotes(pair.key.path) + " removed with its " + pair.key.method + " operation"
                           : "endpoint " + endpoint(pair.key) + " removed";
    std::string id;
    std::string message;
    switch (judge_removal(pair.base.node, comparison.options())) {
      case Removal::without_deprecation:
        id = stem + "without-deprecation";
        message = what + " without deprecation";
        break;
      case Removal::with_deprecation:
        id = stem + "with-deprecation";
        message = what + " (deprecated)";
        break;
      case Removal::before_sunset:
        id = stem + "before-sunset";
        message = what + " before its sunset " + std::string(pair.base.node["x-sunset"].text());
        break;
      case Removal::sunset_invalid:
        id = "api-path-sunset-parse";
        message = what + "; its x-sunset is not a date";
        break;
    }
    comparison.emit(id, pair.key, message, "endpoint", pair.base.node, {});
  }
}

void diff_operation_attributes(Comparison& comparison, const OperationPair& op) {
  NodeRef base = op.base.node;
  NodeRef revision = op.revision.node;
  NodeRef base_id = base["operationId"];
  NodeRef revision_id = revision["operationId"];
  if (base_id && (!revision_id || base_id.text() != revision_id.text())) {
    comparison.emit("api-operation-id-removed", op.key,
                    "operationId " + in_quotes(base_id.text()) + " removed" +
                        (revision_id ? ", now " + in_quotes(revision_id.text()) : std::string()),
                    "operationId", base_id, revision_id);
  }
  if (revision_id && !base_id) {
    comparison.emit("api-operation-id-added", op.key, "operationId " + in_quotes(revision_id.text()) + " added",
                    "operationId", {}, revision_id);
  }
  std::set<std::string_view> before;
  std::set<std::string_view> after;
  for (auto tag : base["tags"].members()) before.insert(tag.value.text());
  for (auto tag : revision["tags"].members()) after.insert(tag.value.text());
  for (std::string_view tag : before) {
    if (!after.contains(tag)) {
      comparison.emit("api-tag-removed", op.key, "tag " + in_quotes(tag) + " removed", "tag " + std::string(tag),
                      base["tags"], revision["tags"]);
    }
  }
  for (std::string_view tag : after) {
    if (!before.contains(tag)) {
      comparison.emit("api-tag-added", op.key, "tag " + in_quotes(tag) + " added", "tag " + std::string(tag),
                      base["tags"], revision["tags"]);
    }
  }
}

}  // namespace apictl::diff
