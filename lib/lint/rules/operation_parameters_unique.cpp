// operation-parameters-unique: a parameters list names each name+in pair once; with two, which applies is undefined.
#include <set>
#include <string>
#include <unordered_map>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

void check_list(LintContext& context, contract::NodeRef list, const std::string& owner) {
  std::unordered_map<std::string, contract::NodeRef> first;
  for (const ParameterUse& use : parameter_uses(context.workspace(), list)) {
    std::string identity = std::string(use.in) + '\n' + std::string(use.name);
    auto [known, inserted] = first.emplace(std::move(identity), use.written);
    if (inserted) continue;
    context.report(use.written,
                   "parameter '" + std::string(use.name) + "' in " + std::string(use.in) + " is declared twice for " +
                       owner + " (first at " + place_of(known->second, use.written.document()) + ")",
                   "remove one of the two declarations");
  }
}

}  // namespace

void check_operation_parameters_unique(LintContext& context) {
  std::set<std::pair<const contract::Document*, contract::NodeId>> checked_items;
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    contract::NodeRef item = operation.path_item;
    if (checked_items.emplace(&item.document(), item.id()).second) {
      std::string owner = operation.webhook ? "webhook '" + std::string(operation.path) + "'"
                                            : "path '" + std::string(operation.path) + "'";
      check_list(context, item["parameters"], owner);
    }
    check_list(context, operation.node["parameters"], operation_label(operation));
  });
}

}  // namespace apictl::lint::rules
