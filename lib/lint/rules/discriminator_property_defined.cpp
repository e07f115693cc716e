// discriminator-property-defined: a discriminator's propertyName is a required property of the schema (through
// allOf), or of every oneOf/anyOf alternative it chooses between.
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

struct PropertyStatus {
  bool defined = false;
  bool required = false;
  bool known = true;  // false when an allOf $ref does not resolve: then nothing can be said
};

PropertyStatus status_of(LintContext& context, contract::NodeRef schema, std::string_view property) {
  PropertyStatus status;
  auto composed = contract::composed_schemas(context.workspace(), context.spec(), schema, contract::Composition::all_of);
  status.known = composed.complete;
  for (contract::NodeRef member : composed.schemas) {
    status.defined = status.defined || member["properties"][property];
    for (auto name : member["required"].members()) status.required = status.required || name.value.text() == property;
  }
  return status;
}

std::string describe(contract::NodeRef alternative) {
  if (contract::NodeRef ref = alternative["$ref"]; ref.is_string()) return "'" + std::string(ref.text()) + "'";
  return "at line " + std::to_string(alternative.line());
}

}  // namespace

void check_discriminator_property_defined(LintContext& context) {
  contract::for_each_schema(context.workspace(), context.spec(), [&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    contract::NodeRef name = schema["discriminator"]["propertyName"];
    if (!name.is_string()) return;
    std::string property(name.text());
    PropertyStatus own = status_of(context, schema, property);
    if (!own.known) return;
    contract::NodeRef alternatives = schema["oneOf"] ? schema["oneOf"] : schema["anyOf"];
    if (own.defined && own.required) return;
    if (!alternatives.is_sequence()) {
      if (!own.defined) {
        context.report(name, "discriminator property '" + property + "' is not defined in the schema's properties",
                       "add '" + property + "' under properties (here or in a schema combined with allOf)");
      } else {
        context.report(name, "discriminator property '" + property + "' is not required",
                       "add it to required: a payload without it cannot be mapped to a schema");
      }
      return;
    }
    // Choosing between alternatives: each must carry the property, unless this schema already does.
    for (auto item : alternatives.members()) {
      PropertyStatus status = status_of(context, item.value, property);
      if (!status.known) continue;
      bool defined = own.defined || status.defined;
      bool required = own.required || status.required;
      if (!defined) {
        context.report(item.value,
                       std::string(alternatives.key()) + " alternative " + describe(item.value) +
                           " does not define discriminator property '" + property + "'",
                       "add '" + property + "' to its properties and required list");
      } else if (!required) {
        context.report(item.value,
                       std::string(alternatives.key()) + " alternative " + describe(item.value) +
                           " does not require discriminator property '" + property + "'",
                       "add it to required: a payload without it cannot be mapped to a schema");
      }
    }
  });
}

}  // namespace apictl::lint::rules
