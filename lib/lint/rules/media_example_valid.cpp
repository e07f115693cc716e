// media-example-valid: a media type's `example` and `examples.*.value` conform to its schema.
#include "contract/example_validator.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_media_example_valid(LintContext& context) {
  std::vector<contract::ExampleCheck> checks;
  std::vector<std::string> labels;
  contract::ContractVisitor visitor;
  visitor.media_type = [&](contract::NodeRef media_type, contract::Direction direction) {
    contract::NodeRef schema = media_type["schema"];
    if (!schema) return;
    for (auto& example : contract::example_values(context.workspace(), media_type)) {
      checks.push_back({example.value, schema, direction});
      labels.push_back(std::move(example.label));
    }
  };
  contract::walk_contract(context.workspace(), context.spec(), visitor);
  auto outcomes = contract::validate_examples(context.workspace(), context.spec(), checks);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    // A schema valijson cannot compile is malformed, which oas-structure reports; there is nothing to check.
    if (!outcomes[i] || !*outcomes[i]) continue;
    const auto& violation = **outcomes[i];
    context.report(violation.value, violation.message(labels[i]),
                   "make the example match the media type's schema, or fix the schema if the example is right");
  }
}

}  // namespace apictl::lint::rules
