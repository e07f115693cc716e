// operation-operation-id: every operation has an operationId, which SDKs use as the method name and links to target it.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_operation_id(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    require_text(context, operation.node, "operationId", operation_label(operation),
                 "add a unique operationId, e.g. 'listPets'");
  });
}

}  // namespace apictl::lint::rules
