// no-misplaced-refs: a $ref where the specification allows none (an Operation, a whole `properties` map).
// Bundling tools replace such refs by their target, so multi-file contracts often rely on it; other tools
// reject it. A warning, not an error: the target itself is still checked as what the position expects.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_no_misplaced_refs(LintContext& context) {
  for (const auto& issue : context.structure_issues()) {
    if (issue.kind == contract::structure::IssueKind::misplaced_ref) {
      context.report_key(issue.node, issue.message, issue.hint);
    }
  }
}

}  // namespace apictl::lint::rules
