// operation-tag-defined: operation tags are declared at the top level, where their description lives; others are typos.
#include <unordered_set>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_tag_defined(LintContext& context) {
  std::unordered_set<std::string_view> declared;
  for (auto tag : context.root()["tags"].members()) {
    if (contract::NodeRef name = tag.value["name"]; name.is_string()) declared.insert(name.text());
  }
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    for (auto tag : operation.node["tags"].members()) {
      if (!tag.value.is_string() || declared.contains(tag.value.text())) continue;
      context.report(tag.value,
                     "tag '" + std::string(tag.value.text()) + "' of " + operation_label(operation) +
                         " is not declared in the top-level tags",
                     "declare it under the top-level 'tags' with a description, or fix its spelling");
    }
  });
}

}  // namespace apictl::lint::rules
