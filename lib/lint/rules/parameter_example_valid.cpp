// parameter-example-valid: a parameter's or header's `example` and `examples.*.value` conform to its schema.
#include "contract/example_validator.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_parameter_example_valid(LintContext& context) {
  std::vector<contract::ExampleCheck> checks;
  std::vector<std::string> labels;
  std::vector<std::string_view> nouns;
  auto collect = [&](contract::NodeRef holder, std::string_view noun) {
    contract::NodeRef schema = holder["schema"];
    if (!schema) return;  // parameters described by `content` are media-example-valid's
    for (auto& example : contract::example_values(context.workspace(), holder)) {
      checks.push_back({example.value, schema, contract::Direction::none});
      labels.push_back(std::move(example.label));
      nouns.push_back(noun);
    }
  };
  contract::ContractVisitor visitor;
  visitor.parameter = [&](contract::NodeRef parameter) { collect(parameter, "parameter"); };
  visitor.header = [&](contract::NodeRef header) { collect(header, "header"); };
  context.walk(visitor);
  auto outcomes = contract::validate_examples(context.workspace(), context.spec(), checks);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    // A schema valijson cannot compile is malformed, which oas-structure reports; there is nothing to check.
    if (!outcomes[i] || !*outcomes[i]) continue;
    const auto& violation = **outcomes[i];
    context.report(violation.value, violation.message(labels[i]),
                   "make the example match the " + std::string(nouns[i]) + "'s schema, or fix the schema");
  }
}

}  // namespace apictl::lint::rules
