// operation-4xx-response: every operation documents a 4xx response, so clients know the errors they must handle.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_4xx_response(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    // A webhook's responses are what the consumer's server answers, not errors the API's clients must handle.
    if (operation.webhook) return;
    contract::NodeRef responses = operation.node["responses"];
    if (!responses.is_mapping()) return;
    for (auto response : responses.members()) {
      if (is_status_in_class(response.key, '4')) return;
    }
    context.report_key(responses, operation_label(operation) + " has no 4xx response",
                       "document the client errors it returns, e.g. '400' or '404', or a '4XX' range");
  });
}

}  // namespace apictl::lint::rules
