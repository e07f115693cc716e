// Checking example values against the schemas that describe them (valijson underneath, kept out of this header).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contract/schemas.hpp"
#include "diagnostic.hpp"

namespace apictl::contract {

// The first way an example breaks its schema.
struct ExampleViolation {
  std::string subject;  // "property 'age'", "item 2", or "" when the example as a whole is wrong
  std::string problem;  // "must be integer, found string"
  std::string pointer;  // JSON pointer inside the example: "/age"; "" for the example itself
  NodeRef value;        // the offending value inside the example

  // A finding's text, naming the example as `what` ("example", "examples.cat", "default"):
  // "example: property 'age' must be integer, found string at /age", or "example must be object, found string".
  std::string message(std::string_view what) const;
};

// One example value a Media Type, Parameter or Header Object gives: its `example`, or the `value` of an
// entry of its `examples` map (with the entry's $ref followed; entries with only an externalValue are skipped).
struct ExampleValue {
  std::string label;  // how messages name it: "example" or "examples.cat"
  NodeRef value;
};
std::vector<ExampleValue> example_values(Workspace& workspace, NodeRef holder);

// One example to check against one schema. In the request direction readOnly properties are not required,
// in the response direction writeOnly ones are not.
struct ExampleCheck {
  NodeRef example;
  NodeRef schema;
  Direction direction = Direction::none;
};

// nullopt when the example conforms. Errors: valijson refuses the schema, or the example nests too deeply.
using ExampleOutcome = Result<std::optional<ExampleViolation>>;

// Checks each example against its schema with valijson; outcomes come in the order of `checks`. OpenAPI 3.0
// schemas (nullable, boolean exclusive bounds) and 3.1/3.2 ones (JSON Schema 2020-12) are translated to
// draft 07, $refs resolve through the workspace (cycles included), format checks are off. All schemas of one
// direction are compiled together, so each schema node and each $ref target is compiled once per call.
std::vector<ExampleOutcome> validate_examples(Workspace& workspace, const SpecInfo& spec,
                                              std::span<const ExampleCheck> checks);

}  // namespace apictl::contract
