// operation-description: every operation is described, since the summary alone rarely says enough to call it right.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_description(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    require_text(context, operation.node, "description", operation_label(operation),
                 "describe what the operation does, its side effects and when to use it");
  });
}

}  // namespace apictl::lint::rules
