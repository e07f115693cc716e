// operation-success-response: every operation documents a 2xx or 3xx response: what a working call returns.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_operation_success_response(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    // A webhook's responses are what the consumer's server answers, not something the API promises.
    if (operation.webhook) return;
    contract::NodeRef responses = operation.node["responses"];
    if (!responses.is_mapping()) {
      // OpenAPI 3.0 requires `responses`, so oas-structure already reports its absence there.
      if (!responses && context.spec().version != contract::OasVersion::v3_0) {
        context.report_key(operation.node, operation_label(operation) + " documents no responses",
                           "add 'responses' with at least the success response");
      }
      return;
    }
    for (auto response : responses.members()) {
      if (is_status_in_class(response.key, '2') || is_status_in_class(response.key, '3')) return;
    }
    context.report_key(responses, operation_label(operation) + " has no 2xx or 3xx response",
                       "document what a successful call returns, e.g. '200' or '204'; 'default' does not say it");
  });
}

}  // namespace apictl::lint::rules
