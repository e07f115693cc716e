// media-example-valid: a media type's `example` and `examples.*.value` conform to its schema.
#include <string_view>

#include "contract/example_validator.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// XML, CSV, plain text and the like: a string example there may be the payload as sent, not its data model.
bool serialized_as_text(std::string_view media_type) {
  return media_type.find("json") == std::string_view::npos && media_type != "*/*";
}

}  // namespace

void check_media_example_valid(LintContext& context) {
  std::vector<contract::ExampleCheck> checks;
  std::vector<std::string> labels;
  contract::ContractVisitor visitor;
  visitor.media_type = [&](contract::NodeRef media_type, contract::Direction direction) {
    contract::NodeRef schema = media_type["schema"];
    if (!schema) return;
    bool text = serialized_as_text(media_type.key());
    for (auto& example : contract::example_values(context.workspace(), media_type)) {
      if (text && example.value.is_string()) continue;
      checks.push_back({example.value, schema, direction});
      labels.push_back(std::move(example.label));
    }
  };
  context.walk(visitor);
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
