// required-properties-defined: every name a schema lists in `required` is one of its properties — its own, or
// one it is composed with (allOf/anyOf/oneOf, $refs followed), or one of the schema it is a part of.
#include <set>
#include <string_view>

#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// The schema that `part` is a piece of, if any: allOf/anyOf/oneOf items, and not/if/then/else, which test the
// same object as their parent ({not: {required: [a, b]}} names properties the parent defines).
contract::NodeRef enclosing_schema(contract::NodeRef part) {
  contract::NodeRef up = part.parent();
  std::string_view key = part.key();
  bool in_names = up.key() == "properties" || up.key() == "patternProperties" || up.key() == "$defs" ||
                  up.key() == "definitions";  // then `key` names a property, not a keyword
  if (!in_names && (key == "not" || key == "if" || key == "then" || key == "else")) return up;
  if (up.is_sequence() && (up.key() == "allOf" || up.key() == "anyOf" || up.key() == "oneOf")) return up.parent();
  return {};
}

}  // namespace

void check_required_properties_defined(LintContext& context) {
  const auto& spec = context.spec();
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    contract::NodeRef required = schema["required"];
    if (!required.is_sequence() || required.size() == 0) return;
    if (spec.version == contract::OasVersion::v3_0 && schema["$ref"]) return;  // siblings of $ref are ignored
    // The schemas whose properties count: this one's composition, and that of each schema it is part of.
    std::set<std::string_view> defined;
    for (contract::NodeRef part = schema;;) {
      auto composed =
          contract::composed_schemas(context.workspace(), spec, part, contract::Composition::all_any_one_of);
      for (contract::NodeRef member : composed.schemas) {
        // Names a pattern, a dynamic reference or an unresolvable part may define cannot be told from typos.
        if (member["patternProperties"] || member["$recursiveRef"] || member["$dynamicRef"]) return;
        for (auto property : member["properties"].members()) defined.insert(property.key);
      }
      if (!composed.complete) return;
      part = enclosing_schema(part);
      if (!part) break;
    }
    for (auto item : required.members()) {
      if (!item.value.is_string() || defined.contains(item.value.text())) continue;
      context.report(item.value,
                     "required property '" + std::string(item.value.text()) + "' is not defined in properties",
                     "define it under properties (here or in a schema combined with allOf), or fix the name");
    }
  });
}

}  // namespace apictl::lint::rules
