// openapi-tags-unique: no two top-level tags share a name; tools merge or drop the duplicates unpredictably.
#include <unordered_map>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_openapi_tags_unique(LintContext& context) {
  std::unordered_map<std::string_view, contract::NodeRef> first;
  for (auto tag : context.root()["tags"].members()) {
    contract::NodeRef name = tag.value["name"];
    if (!name.is_string()) continue;
    auto [known, inserted] = first.emplace(name.text(), name);
    if (inserted) continue;
    context.report(
        name,
        "tag '" + std::string(name.text()) + "' is already declared at " + place_of(known->second, name.document()),
        "merge the two entries into one");
  }
}

}  // namespace apictl::lint::rules
