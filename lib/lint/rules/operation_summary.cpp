// operation-summary: every operation has a summary, the one line that docs and SDKs show as its title.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_summary(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    require_text(context, operation.node, "summary", operation_label(operation),
                 "add a short summary, e.g. 'List pets'");
  });
}

}  // namespace apictl::lint::rules
