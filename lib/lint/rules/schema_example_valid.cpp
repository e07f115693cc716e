// schema-example-valid: a schema's own `example`, 3.1 `examples` and `default` conform to the schema.
#include "contract/example_validator.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_schema_example_valid(LintContext& context) {
  bool v3_0 = context.spec().version == contract::OasVersion::v3_0;
  std::vector<contract::ExampleCheck> checks;
  std::vector<std::string> labels;
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    // In 3.0 a $ref's siblings, examples included, are ignored (no-ref-siblings says so).
    if (v3_0 && schema["$ref"]) return;
    auto add = [&](contract::NodeRef value, std::string label) {
      checks.push_back({value, schema, contract::Direction::none});
      labels.push_back(std::move(label));
    };
    if (contract::NodeRef example = schema["example"]) add(example, "example");
    if (contract::NodeRef fallback = schema["default"]) add(fallback, "default");
    if (contract::NodeRef examples = schema["examples"]; !v3_0 && examples.is_sequence()) {
      for (std::size_t i = 0; i < examples.size(); ++i) add(examples.at(i), "examples[" + std::to_string(i) + "]");
    }
  });
  auto outcomes = contract::validate_examples(context.workspace(), context.spec(), checks);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    // A schema valijson cannot compile is malformed, which oas-structure reports; there is nothing to check.
    if (!outcomes[i] || !*outcomes[i]) continue;
    const auto& violation = **outcomes[i];
    std::string noun = labels[i].substr(0, labels[i].find('['));
    context.report(violation.value, violation.message(labels[i]),
                   "make the " + noun + " match its schema, or fix the schema");
  }
}

}  // namespace apictl::lint::rules
