// A value that satisfies a schema, for generated tests to send and expect: the schema's own example when it
// has one, else one built from its type and constraints.
#pragma once

#include <nlohmann/json.hpp>

#include "contract/document.hpp"
#include "contract/workspace.hpp"

namespace apictl::contract {

// The node as JSON (numbers as written: integers stay integers).
nlohmann::ordered_json node_to_json(NodeRef node);

// A sample for `schema`, following $refs through `workspace`: `example` (or the first of `examples`),
// `const`, `default` or the first `enum` value when present; else an object of its required properties
// (allOf merged, the first oneOf/anyOf branch), an array of minItems items, a string fitting its format and
// length, a number within its bounds, true, or null. A $ref that does not resolve gives an empty object.
nlohmann::ordered_json sample_for_schema(Workspace& workspace, NodeRef schema);

}  // namespace apictl::contract
