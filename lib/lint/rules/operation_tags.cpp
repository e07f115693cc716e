// operation-tags: every operation has at least one tag, which is how docs group it and SDKs pick its client class.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_tags(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    contract::NodeRef tags = operation.node["tags"];
    const char* hint = "add tags: [name] with a tag declared in the top-level 'tags'";
    if (!tags) {
      context.report_key(operation.node, operation_label(operation) + " has no tags", hint);
    } else if (tags.is_sequence() && tags.size() == 0) {
      context.report(tags, operation_label(operation) + " has an empty tags list", hint);
    }
  });
}

}  // namespace apictl::lint::rules
