// info-description: the info object describes the API, the first thing a reader of its reference sees.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_info_description(LintContext& context) {
  require_text(context, context.root()["info"], "description", "info",
               "add info.description: what the API is for, who uses it, and how to get access");
}

}  // namespace apictl::lint::rules
