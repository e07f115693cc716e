// oas-structure: the contract's objects have the fields, value kinds and shapes the OpenAPI specification defines.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_oas_structure(LintContext& context) {
  for (const auto& issue : context.structure_issues()) {
    if (issue.kind != contract::structure::IssueKind::structure) continue;
    if (issue.placement == contract::structure::Placement::key) {
      context.report_key(issue.node, issue.message, issue.hint);
    } else {
      context.report(issue.node, issue.message, issue.hint);
    }
  }
}

}  // namespace apictl::lint::rules
