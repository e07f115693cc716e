// Walking a contract's schemas and the objects that carry them: parameters, headers, media types, examples.
#pragma once

#include <functional>
#include <vector>

#include "contract/openapi.hpp"

namespace apictl::contract {

// Which way data described by a schema travels: readOnly properties appear only in responses, writeOnly
// ones only in requests.
enum class Direction { none, request, response };

struct SchemaVisit {
  NodeRef schema;  // a Schema Object as written; when it holds a $ref, its target is visited on its own
  bool component;  // the schema is an entry of a `components/schemas` map (in any file)
};

// What to call for each kind of object; a callback left empty is skipped. Every object is visited once,
// however many $refs lead to it, and $refs are followed across files (unresolvable ones are skipped: the
// no-unresolved-refs rule reports them).
struct ContractVisitor {
  std::function<void(const SchemaVisit&)> schema;
  std::function<void(NodeRef operation)> operation;               // Operation Objects (callbacks' too)
  std::function<void(NodeRef parameter)> parameter;               // Parameter Objects
  std::function<void(NodeRef header)> header;                     // Header Objects
  std::function<void(NodeRef media_type, Direction)> media_type;  // Media Type Objects (request or response)
  std::function<void(NodeRef example)> example;                   // Example Objects (entries of `examples` maps)
};

// Walks paths, webhooks, callbacks and every components map, down through operations, parameters, request
// bodies, responses, headers, media types and nested subschemas. Iterative, so neither deep nesting nor
// cyclic $refs can exhaust the stack; linear in the size of the reachable contract.
void walk_contract(Workspace& workspace, const SpecInfo& spec, const ContractVisitor& visitor);

// The objects one walk_contract meets, kept so several rules can share one walk. Each list is in walk order.
struct ContractObjects {
  std::vector<SchemaVisit> schemas;
  std::vector<NodeRef> operations;
  std::vector<NodeRef> parameters;
  std::vector<NodeRef> headers;
  std::vector<std::pair<NodeRef, Direction>> media_types;
  std::vector<NodeRef> examples;
};
ContractObjects collect_contract_objects(Workspace& workspace, const SpecInfo& spec);

// Calls the visitor's callbacks for recorded objects, one kind after another (schemas, operations, parameters,
// headers, media types, examples) rather than interleaved as the walk met them.
void replay(const ContractObjects& objects, const ContractVisitor& visitor);

// Every Schema Object reachable in the contract, each exactly once: components.schemas, parameter, header
// and media type schemas (3.2 `itemSchema` too) and all their subschemas, following $refs.
void for_each_schema(Workspace& workspace, const SpecInfo& spec, const std::function<void(const SchemaVisit&)>& visit);

// Which composition keywords `composed_schemas` looks through.
enum class Composition { all_of, all_any_one_of };

// `schema` and every schema it is made of through allOf (and anyOf/oneOf when asked), transitively, with
// $refs followed (3.0 ignores a $ref's siblings, so there the target replaces the node). Each schema once,
// `schema` first. `complete` is false when a $ref on the way does not resolve.
struct ComposedSchemas {
  std::vector<NodeRef> schemas;
  bool complete = true;
};
ComposedSchemas composed_schemas(Workspace& workspace, const SpecInfo& spec, NodeRef schema, Composition through);

}  // namespace apictl::contract
