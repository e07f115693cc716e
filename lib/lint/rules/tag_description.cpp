// tag-description: every top-level tag is described, since docs render the description as the group's introduction.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_tag_description(LintContext& context) {
  for (auto tag : context.root()["tags"].members()) {
    contract::NodeRef name = tag.value["name"];
    if (!name.is_string()) continue;
    require_text(context, tag.value, "description", "tag '" + std::string(name.text()) + "'",
                 "describe what the operations tagged '" + std::string(name.text()) + "' have in common");
  }
}

}  // namespace apictl::lint::rules
