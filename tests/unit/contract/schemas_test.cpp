// The contract walker: every schema once (components, parameters, headers, media types, nested subschemas,
// $ref targets across files), cycles and deep nesting safe; and the objects walk_contract reports.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "contract/schemas.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using contract::NodeRef;

namespace {

// A contract spread over files in a fresh temporary folder, loaded into a Workspace; `openapi.yaml` is the root.
class Contract : public test::ScratchFolder {
 public:
  Contract() : ScratchFolder("schemas") {}

  Contract& file(const std::string& name, std::string_view text) {
    write(name, text);
    return *this;
  }

  contract::Workspace& open() {
    auto root = workspace_.open(path() / "openapi.yaml", "openapi.yaml");
    REQUIRE(root.has_value());
    auto spec = contract::detect_version(**root);
    REQUIRE(spec.has_value());
    spec_ = *spec;
    return workspace_;
  }
  const contract::SpecInfo& spec() const { return spec_; }

  // "file#/pointer" of every schema visited, sorted (the order is the walk's business).
  std::vector<std::string> schemas() {
    std::vector<std::string> out;
    contract::for_each_schema(open(), spec_, [&](const contract::SchemaVisit& visit) {
      out.push_back(visit.schema.document().path() + "#" + visit.schema.pointer() +
                    (visit.component ? " (component)" : ""));
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  contract::Workspace workspace_;
  contract::SpecInfo spec_;
};

std::vector<std::string> sorted(std::vector<std::string> list) {
  std::sort(list.begin(), list.end());
  return list;
}

}  // namespace

TEST_CASE("for_each_schema visits components, parameter, header and media type schemas and their subschemas") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: {type: string}
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Rate:
              schema: {type: integer}
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Pet'
              example:
                properties: {not: a schema}
components:
  schemas:
    Pet:
      type: object
      properties:
        tags:
          type: array
          items: {type: string}
        owner:
          allOf:
            - $ref: '#/components/schemas/Owner'
      additionalProperties:
        not: {type: 'null'}
    Owner:
      type: object
)");
  auto visited = contract.schemas();
  CHECK(visited == sorted({
                       "openapi.yaml#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema",
                       "openapi.yaml#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/items",
                       "openapi.yaml#/components/schemas/Pet (component)",
                       "openapi.yaml#/components/schemas/Pet/properties/tags",
                       "openapi.yaml#/components/schemas/Pet/properties/tags/items",
                       "openapi.yaml#/components/schemas/Pet/properties/owner",
                       "openapi.yaml#/components/schemas/Pet/properties/owner/allOf/0",
                       "openapi.yaml#/components/schemas/Owner (component)",
                       "openapi.yaml#/components/schemas/Pet/additionalProperties",
                       "openapi.yaml#/components/schemas/Pet/additionalProperties/not",
                       "openapi.yaml#/paths/~1pets~1{id}/get/responses/200/headers/X-Rate/schema",
                       "openapi.yaml#/paths/~1pets~1{id}/parameters/0/schema",
                   }));
}

TEST_CASE("for_each_schema covers webhooks, callbacks, request bodies, component maps and 3.2 itemSchema") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.2.0
info: {title: t, version: '1'}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema: {title: webhook body}
      responses:
        '200': {description: ok}
paths:
  /subscribe:
    post:
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                $ref: '#/components/requestBodies/Event'
              responses:
                '200': {description: ok}
      responses:
        '200':
          description: ok
          content:
            application/jsonl:
              itemSchema: {title: stream item}
components:
  requestBodies:
    Event:
      content:
        application/json:
          schema: {title: event}
  parameters:
    Limit:
      name: limit
      in: query
      content:
        application/json:
          schema: {title: limit}
  headers:
    Trace:
      schema: {title: trace}
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {title: error}
          encoding:
            detail:
              headers:
                X-Detail:
                  schema: {title: encoding header}
  pathItems:
    Ping:
      get:
        parameters:
          - {name: q, in: query, schema: {title: path item parameter}}
        responses:
          '200': {description: ok}
)");
  auto& workspace = contract.open();
  std::vector<std::string> titles;
  contract::for_each_schema(workspace, contract.spec(), [&](const contract::SchemaVisit& visit) {
    titles.push_back(std::string(visit.schema["title"].text()));
  });
  std::sort(titles.begin(), titles.end());
  CHECK(titles == std::vector<std::string>{"encoding header", "error", "event", "limit", "path item parameter",
                                           "stream item", "trace", "webhook body"});
}

TEST_CASE("for_each_schema visits each schema once, follows refs into other files, and survives cycles") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas/node.yaml'}
        '201':
          description: again
          content:
            application/json:
              schema: {$ref: 'schemas/node.yaml'}
components:
  schemas:
    Self:
      $ref: '#/components/schemas/Self'
)");
  contract.file("schemas/node.yaml", R"(type: object
properties:
  next:
    $ref: '#'
  children:
    type: array
    items:
      $ref: 'node.yaml'
)");
  auto visited = contract.schemas();
  CHECK(visited == sorted({
                       "openapi.yaml#/paths/~1a/get/responses/200/content/application~1json/schema",
                       "schemas/node.yaml#",
                       "schemas/node.yaml#/properties/next",
                       "schemas/node.yaml#/properties/children",
                       "schemas/node.yaml#/properties/children/items",
                       "openapi.yaml#/paths/~1a/get/responses/201/content/application~1json/schema",
                       "openapi.yaml#/components/schemas/Self (component)",
                   }));
}

TEST_CASE("for_each_schema walks a schema nested hundreds of levels deep without recursion") {
  std::string nested = "{\"type\": \"string\"}";
  for (int i = 0; i < 900; ++i) nested = "{\"type\": \"array\", \"items\": " + nested + "}";
  Contract contract;
  contract.file("openapi.yaml",
                "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {},"
                " \"components\": {\"schemas\": {\"Deep\": " +
                    nested + "}}}");
  CHECK(contract.schemas().size() == 901);
}

TEST_CASE("walk_contract reports operations, parameters, headers, media types with their direction, and examples") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    parameters:
      - $ref: '#/components/parameters/Limit'
    post:
      parameters:
        - $ref: '#/components/parameters/Limit'
      requestBody:
        content:
          application/json:
            examples:
              rex: {$ref: '#/components/examples/Rex'}
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {schema: {type: integer}}
          content:
            text/plain: {}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  examples:
    Rex: {value: rex}
)");
  auto& workspace = contract.open();
  std::vector<std::string> seen;
  contract::ContractVisitor visitor;
  visitor.operation = [&](NodeRef node) { seen.push_back("operation " + node.pointer()); };
  visitor.parameter = [&](NodeRef node) { seen.push_back("parameter " + std::string(node["name"].text())); };
  visitor.header = [&](NodeRef node) { seen.push_back("header " + std::string(node.key())); };
  visitor.media_type = [&](NodeRef node, contract::Direction direction) {
    seen.push_back("media " + std::string(node.key()) +
                   (direction == contract::Direction::request ? " request" : " response"));
  };
  visitor.example = [&](NodeRef node) { seen.push_back("example " + std::string(node["value"].text())); };
  contract::walk_contract(workspace, contract.spec(), visitor);
  // Limit is listed twice and Rex reached through a $ref: each is reported once.
  CHECK(sorted(seen) == sorted({"operation /paths/~1pets/post", "parameter limit", "media application/json request",
                                "example rex", "media text/plain response", "header X-Rate"}));
}

TEST_CASE("composed_schemas follows allOf (and anyOf/oneOf on request) through refs, each schema once") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - title: dog part
      oneOf:
        - title: alternative
    Pet:
      title: pet
      allOf:
        - $ref: '#/components/schemas/Dog'
    Broken:
      allOf:
        - $ref: '#/components/schemas/Missing'
)");
  auto& workspace = contract.open();
  NodeRef dog = workspace.root().find("/components/schemas/Dog");
  auto titles = [](const contract::ComposedSchemas& composed) {
    std::vector<std::string> out;
    for (NodeRef schema : composed.schemas) out.push_back(std::string(schema["title"].text()));
    return out;
  };
  auto all_of = contract::composed_schemas(workspace, contract.spec(), dog, contract::Composition::all_of);
  CHECK(all_of.complete);
  CHECK(titles(all_of) == std::vector<std::string>{"", "pet", "dog part"});
  auto any = contract::composed_schemas(workspace, contract.spec(), dog, contract::Composition::all_any_one_of);
  CHECK(titles(any) == std::vector<std::string>{"", "pet", "dog part", "alternative"});
  NodeRef broken = workspace.root().find("/components/schemas/Broken");
  CHECK_FALSE(contract::composed_schemas(workspace, contract.spec(), broken, contract::Composition::all_of).complete);
}
