// The diff's caches give what the contract model gives: PositionCache what NodeRef::position() does, RefCache
// what Workspace::resolve and Workspace::deref do, for every node of a contract.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "diff/position_cache.hpp"
#include "diff/ref_cache.hpp"
#include "support/inline_contract.hpp"

using namespace apictl;

namespace {

// Keys that need escaping (~ and /), sequences, $refs that resolve, repeat, chain, loop and dangle.
constexpr const char* contract_text = R"(openapi: 3.0.3
info: {title: Caches, version: 1.0.0}
paths:
  /a/{id}:
    get:
      parameters:
        - $ref: '#/components/parameters/id'
        - $ref: '#/components/parameters/id'
        - {$ref: '#/components/parameters/missing'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Chain'}
components:
  parameters:
    id: {name: id, in: path, required: true, schema: {type: string}}
  schemas:
    Chain: {$ref: '#/components/schemas/Pet'}
    Pet:
      type: object
      properties:
        'a~b/c': {type: string}
        tags: {type: array, items: [{type: string}, {$ref: '#/components/schemas/Pet'}]}
    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {$ref: '#/components/schemas/LoopA'}
    NotText: {$ref: 42}
)";

std::vector<contract::NodeRef> every_node(const contract::Document& document) {
  std::vector<contract::NodeRef> nodes;
  for (contract::NodeId id = 0; id < document.node_count(); ++id) nodes.emplace_back(&document, id);
  return nodes;
}

}  // namespace

TEST_CASE("PositionCache gives every node the position NodeRef::position() gives", "[diff]") {
  auto workspace = test::inline_contract(contract_text);
  diff::PositionCache positions;
  auto nodes = every_node(workspace->root());
  // Leaves first, then parents, then all again: remembered pointers must not leak into other nodes.
  for (int pass = 0; pass < 2; ++pass) {
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
      SourcePosition expected = it->position();
      SourcePosition got = positions.of(*it);
      CHECK(got.file == expected.file);
      CHECK(got.line == expected.line);
      CHECK(got.column == expected.column);
      CHECK(got.pointer == expected.pointer);
    }
  }
  CHECK(positions.of(workspace->root().find("/components/schemas/Pet/properties/a~0b~1c")).pointer ==
        "/components/schemas/Pet/properties/a~0b~1c");
  CHECK(positions.of({}).file.empty());
}

TEST_CASE("RefCache resolves and dereferences every node as the workspace does", "[diff]") {
  auto workspace = test::inline_contract(contract_text);
  diff::RefCache refs(*workspace);
  for (int pass = 0; pass < 2; ++pass) {  // the second pass answers from the cache
    for (contract::NodeRef node : every_node(workspace->root())) {
      auto dereferenced = workspace->deref(node);
      CHECK(refs.deref(node) == (dereferenced ? *dereferenced : contract::NodeRef{}));
      if (node.is_mapping() && node["$ref"]) {
        auto resolved = workspace->resolve(node["$ref"]);
        CHECK(refs.resolve(node["$ref"]) == (resolved ? *resolved : contract::NodeRef{}));
      }
    }
  }
  const contract::Document& root = workspace->root();
  CHECK(refs.deref(root.find("/components/schemas/Chain")) == root.find("/components/schemas/Pet"));
  CHECK_FALSE(refs.deref(root.find("/components/schemas/LoopA")));
  CHECK_FALSE(refs.deref(root.find("/paths/~1a~1{id}/get/parameters/2")));
  CHECK_FALSE(refs.deref(root.find("/components/schemas/NotText")));
}
