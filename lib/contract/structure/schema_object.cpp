// Schema Object checks: the 3.0 keyword set, and JSON Schema 2020-12 keyword shapes for 3.1 and 3.2.
#include "contract/structure/structure_validator.hpp"
#include "util/spelling.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace apictl::contract::structure {

namespace {

constexpr std::array<std::string_view, 7> json_types = {"array",  "boolean", "integer", "null",
                                                        "number", "object",  "string"};

bool is_json_type(NodeRef node) {
  return node.is_string() && std::ranges::find(json_types, node.text()) != json_types.end();
}

std::string json_type_list() {
  std::string out;
  for (std::string_view name : json_types) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// The stringArray of the JSON Schema validation vocabulary: unique strings.
constexpr FieldSpec string_list = field("", ValueShape::string_array).distinct();

}  // namespace

void StructureValidator::visit_schema(NodeRef node) {
  if (node.is_bool() && (bit_ & since_3_1)) return;
  if (!node.is_mapping()) {
    wrong_kind(node,
               (bit_ & v3_0) ? "a Schema Object or a Reference Object" : "a Schema Object (an object or a boolean)");
    return;
  }
  if (!first_visit(node, ObjectType::schema) || !schema_keywords_) return;
  check_fields(node, object_spec(ObjectType::schema));
  // In 3.1+ `$ref` is one keyword among others: the siblings were checked above, and the target is a schema too.
  if (bit_ & since_3_1) {
    if (NodeRef ref = node.get("$ref")) follow(ref, ObjectType::schema, References::forbidden);
  }
}

void StructureValidator::check_schema_keyword(NodeRef value, const FieldSpec& field) {
  switch (field.shape) {
    case ValueShape::schema_or_boolean:
      if (!value.is_bool()) visit(value, ObjectType::schema, References::allowed);
      return;
    case ValueShape::schema_type:
      if (value.is_string()) {
        if (!is_json_type(value)) {
          std::string_view close = closest_name(json_types, value.text());
          report(value, fmt::format("'type' must be one of {} (found '{}')", json_type_list(), value.text()),
                 close.empty() ? std::string() : fmt::format("did you mean '{}'?", close));
        }
        return;
      }
      if (!value.is_sequence()) return wrong_kind(value, "a type name or an array of type names");
      if (value.size() == 0) report(value, "'type' must not be an empty array");
      for (auto item : value.members()) {
        if (!is_json_type(item.value)) {
          report(item.value, fmt::format("{} must be one of {} (found {})", describe(item.value), json_type_list(),
                                         found(item.value)));
        }
      }
      check_items(value, string_list);
      return;
    case ValueShape::string_array_map:
      if (!value.is_mapping()) return wrong_kind(value, "an object mapping property names to arrays of strings");
      for (auto member : value.members()) check_items(member.value, string_list);
      return;
    case ValueShape::schema_dependencies:
      if (!value.is_mapping())
        return wrong_kind(value, "an object mapping property names to schemas or arrays of strings");
      for (auto member : value.members()) {
        if (member.value.is_sequence()) {
          check_items(member.value, string_list);
        } else {
          visit_schema(member.value);
        }
      }
      return;
    default:
      return;
  }
}

}  // namespace apictl::contract::structure
