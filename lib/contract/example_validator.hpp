// Checking example values against the schemas that describe them (valijson underneath, kept out of this header).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

// Validates examples against schemas of one contract: OpenAPI 3.0 schemas (nullable, boolean exclusive
// bounds) and 3.1/3.2 ones (JSON Schema 2020-12) are translated to draft 7, $refs resolve through the
// workspace (cycles included), format checks are off. Each schema is compiled once per direction and cached.
class ExampleValidator {
 public:
  ExampleValidator(Workspace& workspace, const SpecInfo& spec);
  ~ExampleValidator();
  ExampleValidator(const ExampleValidator&) = delete;
  ExampleValidator& operator=(const ExampleValidator&) = delete;

  // The first violation of `schema` by `example`, or nullopt when the example conforms. In the request
  // direction readOnly properties are not required, in the response direction writeOnly ones are not.
  // Errors: valijson refuses the schema, or the example nests too deeply to check.
  Result<std::optional<ExampleViolation>> validate(NodeRef example, NodeRef schema,
                                                   Direction direction = Direction::none);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apictl::contract
