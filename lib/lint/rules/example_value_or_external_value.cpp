// example-value-or-external-value: an Example Object gives its example one way: `value` or `externalValue`.
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_example_value_or_external_value(LintContext& context) {
  bool v3_2 = context.spec().version == contract::OasVersion::v3_2;
  contract::ContractVisitor visitor;
  visitor.example = [&](contract::NodeRef example) {
    contract::NodeRef value = example["value"];
    contract::NodeRef external = example["externalValue"];
    if (value && external) {
      context.report_key(external, "example has both 'value' and 'externalValue'",
                         "keep one: value for the example inline, externalValue for a URL to it");
      return;
    }
    // 3.2 adds dataValue and serializedValue as further ways to give the example.
    bool v3_2_value = v3_2 && (example["dataValue"] || example["serializedValue"]);
    if (!value && !external && !v3_2_value) {
      context.report_key(example, "example has neither 'value' nor 'externalValue'",
                         "add value: with the example payload, or externalValue: with a URL to it");
    }
  };
  context.walk(visitor);
}

}  // namespace apictl::lint::rules
