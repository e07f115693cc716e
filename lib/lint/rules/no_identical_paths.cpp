// no-identical-paths: no two paths differ only in parameter names; a server cannot tell which a request means.
#include <unordered_map>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_no_identical_paths(LintContext& context) {
  std::unordered_map<std::string, contract::NodeRef> first;
  for (auto [path, item] : context.root()["paths"].members()) {
    auto [known, inserted] = first.emplace(without_template_names(path), item);
    if (inserted) continue;
    context.report_key(item,
                       "path '" + std::string(path) + "' is the same as '" + std::string(known->second.key()) + "' (" +
                           place_of(known->second, item.document()) + ") apart from parameter names",
                       "merge the two Path Items into one");
  }
}

}  // namespace apictl::lint::rules
