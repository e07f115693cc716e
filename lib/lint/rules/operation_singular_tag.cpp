// operation-singular-tag: an operation has at most one tag, so it lands in exactly one docs group and SDK class.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_singular_tag(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    contract::NodeRef tags = operation.node["tags"];
    if (!tags.is_sequence() || tags.size() <= 1) return;
    context.report(tags.at(1), operation_label(operation) + " has " + std::to_string(tags.size()) + " tags",
                   "keep the one tag that best groups it");
  });
}

}  // namespace apictl::lint::rules
