// array-items: a schema of type array says what its items are (`items`, or from 3.1 on `prefixItems`).
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_array_items(LintContext& context) {
  bool v3_0 = context.spec().version == contract::OasVersion::v3_0;
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    contract::NodeRef type = schema["type"];
    bool array = type.is_string() && type.text() == "array";
    for (auto item : type.members()) array = array || item.value.text() == "array";
    // A $ref beside the type describes the items in its target (or, in 3.0, replaces the whole schema).
    if (!array || schema["items"] || schema["$ref"] || (!v3_0 && schema["prefixItems"])) return;
    context.report_key(type, "schema of type array has no 'items'",
                       "add items: describing the elements, e.g. items: {type: string}");
  });
}

}  // namespace apictl::lint::rules
