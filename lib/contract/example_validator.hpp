// Checking example values against the schemas that describe them (valijson underneath, kept out of this header).
#pragma once

#include <cstddef>
#include <memory>
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
  std::string keyword;  // the schema keyword that failed: "type", "required", "oneOf"; "" when unknown
  NodeRef schema;       // the Schema Object in the contract that holds `keyword`; empty when unknown

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

// Schemas compiled once and kept, for checking many values against the same schemas (every request and response
// the dev proxy sees). Translated as validate_examples translates them. Safe to use from several threads at
// once; the workspace must outlive it.
class SchemaValidator {
 public:
  SchemaValidator(Workspace& workspace, const SpecInfo& spec);
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Up to `limit` distinct ways `value` (a node of any Document, such as a parsed response body) breaks `schema`
  // read in `direction`; empty when it conforms. A failed anyOf/oneOf counts once, not once per branch error.
  // The schema is translated and compiled on its first use. Errors: valijson refuses the schema (the same error
  // each time), or the value nests too deeply.
  Result<std::vector<ExampleViolation>> check(NodeRef schema, Direction direction, NodeRef value,
                                              std::size_t limit = 10);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace apictl::contract
