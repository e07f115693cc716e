// operation-operation-id-unique: no two operations share an operationId; generated SDKs and links need it to pick one.
#include <unordered_map>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

struct FirstUse {
  contract::NodeRef node;
  std::string label;
};

}  // namespace

void check_operation_operation_id_unique(LintContext& context) {
  std::unordered_map<std::string_view, FirstUse> first;
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    contract::NodeRef id = operation.node["operationId"];
    if (!id.is_string()) return;
    auto [known, inserted] = first.emplace(id.text(), FirstUse{id, ""});
    if (inserted) {
      known->second.label = operation_label(operation);
      return;
    }
    context.report(id,
                   "operationId '" + std::string(id.text()) + "' of " + operation_label(operation) +
                       " is already used by " + known->second.label + " (" +
                       place_of(known->second.node, id.document()) + ")",
                   "give each operation its own operationId");
  });
}

}  // namespace apictl::lint::rules
