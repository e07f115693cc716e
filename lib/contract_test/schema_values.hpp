// Values a request may carry for a schema: the typical one, the one with only what is required, the boundaries
// and enum values worth trying, and seeded random ones. Every value is valid for the schema: `contract test`
// checks how the API answers requests its contract allows, not how it rejects others.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/openapi.hpp"
#include "contract_test/seeded_random.hpp"

namespace apictl::contract_test {

struct SchemaValue {
  std::string label;  // what makes it worth sending: "maximum", "enum \"toys\"", "/price: minimum", "null"
  nlohmann::ordered_json value;
};

class SchemaValues {
 public:
  SchemaValues(contract::Workspace& workspace, const contract::SpecInfo& spec) : workspace_(workspace), spec_(spec) {}

  // Every property that a request may send (readOnly ones are left out), each with its typical value; scalars
  // are the schema's own example, default or first enum value when it has one (contract::sample_for_schema),
  // kept within the bounds; arrays hold one item (or minItems).
  nlohmann::ordered_json full(contract::NodeRef schema) { return full(schema, 0); }
  // Only the required properties, at every level; arrays of minItems items.
  nlohmann::ordered_json required_only(contract::NodeRef schema) { return required_only(schema, 0); }
  // The values worth trying besides full(), each labelled, in a fixed order: null when allowed; every enum
  // value; the lowest and highest numbers the bounds allow (exclusive bounds and multipleOf respected); strings
  // of minLength and maxLength; true and false; arrays with no items, minItems and maxItems, and one item of
  // each of the item schema's variants; objects with only the required properties, and with each property set
  // to each of its variants (labelled with the property's pointer); each oneOf/anyOf branch.
  std::vector<SchemaValue> variants(contract::NodeRef schema) { return variants(schema, 0); }
  // A valid value picked by `random`: optional properties present or not, sizes and numbers within bounds.
  nlohmann::ordered_json random(contract::NodeRef schema, SeededRandom& random) {
    return random_value(schema, random, 0);
  }

 private:
  struct Facts;
  Facts facts_of(contract::NodeRef schema);
  nlohmann::ordered_json full(contract::NodeRef schema, int depth);
  nlohmann::ordered_json required_only(contract::NodeRef schema, int depth);
  std::vector<SchemaValue> variants(contract::NodeRef schema, int depth);
  nlohmann::ordered_json random_value(contract::NodeRef schema, SeededRandom& random, int depth);
  nlohmann::ordered_json scalar(const Facts& facts);

  contract::Workspace& workspace_;
  const contract::SpecInfo& spec_;
};

}  // namespace apictl::contract_test
