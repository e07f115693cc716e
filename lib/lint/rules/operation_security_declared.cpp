// operation-security-declared: every operation states its security, so an open one is a decision, not an oversight.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_security_declared(LintContext& context) {
  if (context.root()["security"]) return;
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    if (operation.node["security"]) return;
    context.report_key(operation.node,
                       operation_label(operation) + " declares no security, and there is no top-level 'security'",
                       "add 'security' to the operation or the document; 'security: []' marks it public on purpose");
  });
}

}  // namespace apictl::lint::rules
