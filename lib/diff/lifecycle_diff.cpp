// Operation lifecycle: stability level, deprecation and x-sunset of each operation present in both contracts.
#include <string>

#include "diff/families.hpp"
#include "diff/lifecycle.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

void diff_stability(Comparison& comparison, const OperationPair& op) {
  NodeRef before = op.base.node["x-stability-level"];
  NodeRef after = op.revision.node["x-stability-level"];
  for (NodeRef level : {before, after}) {
    if (!parse_stability(level)) {
      comparison.emit("api-invalid-stability-level", op.key,
                      "x-stability-level " + in_quotes(level.text()) + " is not draft, alpha, beta or stable",
                      "stability", level == before ? level : NodeRef{}, level == after ? level : NodeRef{});
      return;
    }
  }
  if (!before || !after) return;
  auto from = *parse_stability(before);
  auto to = *parse_stability(after);
  if (from == to) return;
  comparison.emit(to < from ? "api-stability-decreased" : "api-stability-increased", op.key,
                  "stability level changed from " + in_quotes(before.text()) + " to " + in_quotes(after.text()),
                  "stability", before, after);
}

void diff_deprecation(Comparison& comparison, const OperationPair& op) {
  NodeRef base = op.base.node;
  NodeRef revision = op.revision.node;
  NodeRef stability = revision["x-stability-level"];
  const DiffOptions& options = comparison.options();
  NodeRef sunset = revision["x-sunset"];
  switch (judge_deprecation(base, revision, stability, options)) {
    case Deprecation::none:
      break;
    case Deprecation::deprecated:
      comparison.emit("endpoint-deprecated", op.key, "endpoint deprecated", "deprecation", base,
                      revision["deprecated"]);
      break;
    case Deprecation::deprecated_with_sunset:
      comparison.emit("endpoint-deprecated-with-sunset", op.key,
                      "endpoint deprecated with sunset " + std::string(sunset.text()), "deprecation", base, sunset);
      break;
    case Deprecation::sunset_missing:
      comparison.emit("api-deprecated-sunset-missing", op.key,
                      "endpoint deprecated without x-sunset; the deprecation policy requires one", "deprecation", base,
                      revision["deprecated"]);
      break;
    case Deprecation::sunset_invalid:
      comparison.emit("api-deprecated-sunset-parse", op.key,
                      "x-sunset " + in_quotes(sunset.text()) + " is not a date (YYYY-MM-DD or RFC 3339)", "deprecation",
                      base, sunset);
      break;
    case Deprecation::sunset_too_small:
      comparison.emit("api-sunset-date-too-small", op.key,
                      "x-sunset " + std::string(sunset.text()) + " is sooner than the deprecation policy allows",
                      "deprecation", base, sunset);
      break;
    case Deprecation::invalid_stability:
      break;  // reported by diff_stability
    case Deprecation::reactivated:
      comparison.emit("endpoint-reactivated", op.key, "endpoint no longer deprecated", "deprecation",
                      base["deprecated"], revision);
      break;
  }
  NodeRef before = base["x-sunset"];
  switch (judge_sunset_change(base, revision, stability, options)) {
    case SunsetChange::none:
      break;
    case SunsetChange::deleted:
      comparison.emit("sunset-deleted", op.key, "x-sunset " + std::string(before.text()) + " deleted", "sunset", before,
                      revision);
      break;
    case SunsetChange::invalid:
      comparison.emit("api-path-sunset-parse", op.key, "x-sunset is not a date (YYYY-MM-DD or RFC 3339)", "sunset",
                      before, sunset);
      break;
    case SunsetChange::too_small:
      comparison.emit("api-sunset-date-changed-too-small", op.key,
                      "x-sunset moved from " + std::string(before.text()) + " to " + std::string(sunset.text()) +
                          ", sooner than the deprecation policy allows",
                      "sunset", before, sunset);
      break;
  }
}

}  // namespace

void diff_operation_lifecycle(Comparison& comparison, const OperationPair& op) {
  diff_stability(comparison, op);
  diff_deprecation(comparison, op);
}

}  // namespace apictl::diff
