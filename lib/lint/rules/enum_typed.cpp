// enum-typed: every enum value has a type the schema's `type` allows (null only when the schema is nullable).
#include <cmath>
#include <vector>

#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

bool fits(contract::NodeRef value, std::string_view type) {
  using contract::NodeKind;
  switch (value.kind()) {
    case NodeKind::string:
      return type == "string";
    case NodeKind::integer:
      return type == "integer" || type == "number";
    case NodeKind::number: {
      if (type == "number") return true;
      auto number = value.as_number();  // JSON Schema counts 2.0 as an integer
      return type == "integer" && number && std::trunc(*number) == *number;
    }
    case NodeKind::boolean:
      return type == "boolean";
    case NodeKind::null:
      return type == "null";
    case NodeKind::sequence:
      return type == "array";
    case NodeKind::mapping:
      return type == "object";
  }
  return false;
}

}  // namespace

void check_enum_typed(LintContext& context) {
  bool v3_0 = context.spec().version == contract::OasVersion::v3_0;
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef schema = visit.schema;
    contract::NodeRef values = schema["enum"];
    contract::NodeRef type = schema["type"];
    if (!values.is_sequence() || !type || (v3_0 && schema["$ref"])) return;
    std::vector<std::string_view> types;
    if (type.is_string()) types.push_back(type.text());
    for (auto item : type.members()) types.push_back(item.value.text());
    if (v3_0 && schema["nullable"].as_bool()) types.push_back("null");
    std::string allowed;
    for (auto name : types) allowed += (allowed.empty() ? "" : " or ") + std::string(name);
    for (auto item : values.members()) {
      bool ok = false;
      for (auto name : types) ok = ok || fits(item.value, name);
      if (ok) continue;
      std::string shown = item.value.is_string()   ? "'" + std::string(item.value.text()) + "'"
                          : item.value.is_scalar() ? std::string(item.value.text())
                                                   : "an " + std::string(contract::kind_name(item.value.kind()));
      std::string hint = item.value.is_null() && v3_0 ? "add nullable: true to allow null, or remove the value"
                                                      : "write the value as " + allowed + ", or fix the schema's type";
      context.report(item.value,
                     "enum value " + shown + " is " + std::string(contract::kind_name(item.value.kind())) +
                         ", but the schema's type is " + allowed,
                     hint);
    }
  });
}

}  // namespace apictl::lint::rules
