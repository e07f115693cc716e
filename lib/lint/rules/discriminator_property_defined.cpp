// discriminator-property-defined: a discriminator's propertyName is a required property of the schema (through
// allOf), or of every oneOf/anyOf alternative it chooses between.
#include <vector>

#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

struct PropertyStatus {
  bool defined = false;
  bool required = false;
  bool known = true;  // false when a $ref does not resolve or cannot be followed: then nothing can be said
};

enum class Alternatives { exclude, include };

// Whether `schema` defines and requires `property`: itself or through allOf, or (when asked) in every
// alternative of a oneOf/anyOf it is made of — alternatives nest, as in `Item: {oneOf: [...]}` used as one.
PropertyStatus status_of(LintContext& context, contract::NodeRef schema, std::string_view property,
                         Alternatives alternatives_too, int depth = 0) {
  PropertyStatus status;
  auto composed =
      contract::composed_schemas(context.workspace(), context.spec(), schema, contract::Composition::all_of);
  status.known = composed.complete && depth < 8;
  std::vector<contract::NodeRef> alternatives;
  for (contract::NodeRef member : composed.schemas) {
    // 2019-09/2020-12 dynamic references are not followed, so what they add is unknown.
    if (member["$recursiveRef"] || member["$dynamicRef"]) status.known = false;
    status.defined = status.defined || member["properties"][property];
    for (auto name : member["required"].members()) status.required = status.required || name.value.text() == property;
    for (std::string_view key : {"oneOf", "anyOf"}) {
      for (auto item : member[key].members()) alternatives.push_back(item.value);
    }
  }
  if (alternatives_too == Alternatives::exclude || !status.known || (status.defined && status.required) ||
      alternatives.empty()) {
    return status;
  }
  bool all_defined = true;
  bool all_required = true;
  for (contract::NodeRef alternative : alternatives) {
    PropertyStatus inner = status_of(context, alternative, property, Alternatives::include, depth + 1);
    if (!inner.known) return PropertyStatus{status.defined, status.required, false};
    all_defined = all_defined && inner.defined;
    all_required = all_required && inner.required;
  }
  status.defined = status.defined || all_defined;
  status.required = status.required || all_required;
  return status;
}

std::string describe(contract::NodeRef alternative) {
  if (contract::NodeRef ref = alternative["$ref"]; ref.is_string()) return "'" + std::string(ref.text()) + "'";
  return "at line " + std::to_string(alternative.line());
}

}  // namespace

void check_discriminator_property_defined(LintContext& context) {
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    contract::NodeRef name = schema["discriminator"]["propertyName"];
    if (!name.is_string()) return;
    std::string property(name.text());
    PropertyStatus own = status_of(context, schema, property, Alternatives::exclude);
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
      PropertyStatus status = status_of(context, item.value, property, Alternatives::include);
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
