// oas-structure: the contract's objects have the fields, value kinds and shapes the OpenAPI specification defines.
#include "contract/structure/structure_validator.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_oas_structure(LintContext& context) {
  for (auto& issue : contract::structure::validate_structure(context.workspace(), context.spec())) {
    if (issue.kind != contract::structure::IssueKind::structure) continue;
    if (issue.placement == contract::structure::Placement::key) {
      context.report_key(issue.node, std::move(issue.message), std::move(issue.hint));
    } else {
      context.report(issue.node, std::move(issue.message), std::move(issue.hint));
    }
  }
}

}  // namespace apictl::lint::rules
