// The schema, component and example rules, pinned by exact message, file and line.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "support/rule_findings.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

// A contract spread over files in a fresh temporary folder; `openapi.yaml` is the root.
class Contract : public test::ScratchFolder {
 public:
  Contract() : ScratchFolder("rules-schemas") {}

  Contract& file(const std::string& name, std::string_view text) {
    write(name, text);
    return *this;
  }

  // "file:line:col: message" of one rule's findings, in the engine's order.
  std::vector<std::string> lint(std::string_view rule) const {
    std::vector<std::string> out;
    for (const auto& finding : test::rule_findings(path() / "openapi.yaml", "openapi.yaml", rule)) {
      out.push_back(finding.where.file + ":" + std::to_string(finding.where.line) + ":" +
                    std::to_string(finding.where.column) + ": " + finding.message);
    }
    return out;
  }
};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("no-ref-siblings: every sibling of a 3.0 $ref, but not a Path Item's fields") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    $ref: 'paths.yaml#/pets'
    summary: a Path Item's $ref has siblings by design
components:
  schemas:
    Pet:
      $ref: '#/components/schemas/Animal'
      description: ignored
      x-apictl-ignore: [other-rule]
    Animal:
      type: object
      example:
        $ref: not a reference, just data
)");
  contract.file("paths.yaml", "pets:\n  get:\n    responses:\n      '200': {description: ok}\n");
  CHECK(
      contract.lint("no-ref-siblings") ==
      Lines{
          "openapi.yaml:11:7: 'description' beside $ref is ignored: in OpenAPI 3.0 a $ref replaces its whole object"});
}

TEST_CASE("no-ref-siblings: from 3.1 on, only non-schema references with more than summary and description") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
          description: allowed in 3.1
          required: true
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
                maxProperties: 3
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  schemas:
    Pet: {type: object}
)");
  CHECK(contract.lint("no-ref-siblings") ==
        Lines{"openapi.yaml:9:11: 'required' beside $ref is ignored: a Reference Object may only add summary and "
              "description"});
}

TEST_CASE("enum-typed: values that break the type, nullable in 3.0 and type lists in 3.1") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Size:
      type: integer
      enum: [1, 2.0, 2.5, '3']
    Color:
      type: string
      nullable: true
      enum: [red, null, [blue]]
)");
  CHECK(contract.lint("enum-typed") ==
        Lines{"openapi.yaml:8:22: enum value 2.5 is number, but the schema's type is integer",
              "openapi.yaml:8:27: enum value '3' is string, but the schema's type is integer",
              "openapi.yaml:12:25: enum value an array is array, but the schema's type is string or null"});
}

TEST_CASE("enum-unique: repeats by JSON equality") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Mixed:
      enum: [a, 'a', 1, 1.0, '1', {x: 1, y: 2}, {y: 2, x: 1}]
)");
  CHECK(contract.lint("enum-unique") == Lines{"openapi.yaml:7:17: enum value 'a' repeats item 0",
                                              "openapi.yaml:7:25: enum value 1.0 repeats item 2",
                                              "openapi.yaml:7:49: enum value item 6 repeats item 5"});
}

TEST_CASE("array-items: arrays need items; prefixItems counts from 3.1 on") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Tuple:
      type: array
      prefixItems: [{type: string}]
    Loose:
      type: [array, 'null']
    Referenced:
      $ref: '#/components/schemas/Tuple'
      type: array
)");
  CHECK(contract.lint("array-items") == Lines{"openapi.yaml:10:7: schema of type array has no 'items'"});
}

TEST_CASE("no-unused-components: refs from other files count, self references do not, schemes are used by name") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    token: {type: http, scheme: bearer}
  schemas:
    Pet: {type: object}
    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
  responses:
    Gone: {description: gone}
)");
  contract.file("paths/pets.yaml", R"(get:
  security:
    - token: []
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
            $ref: '../openapi.yaml#/components/schemas/Pet'
)");
  CHECK(contract.lint("no-unused-components") ==
        Lines{"openapi.yaml:8:5: security scheme 'key' is never used by a security requirement",
              "openapi.yaml:12:5: schema 'Node' is never referenced",
              "openapi.yaml:17:5: response 'Gone' is never referenced"});
}

TEST_CASE(
    "media-example-valid: request and response examples, shared examples in other files, 3.0 nullable, "
    "serialized XML left alone") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Pet'
            example: {name: null}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
              examples:
                rex:
                  $ref: 'examples.yaml#/rex'
                remote:
                  externalValue: 'https://example.com/rex.json'
            application/xml:
              schema:
                $ref: '#/components/schemas/Pet'
              example: '<pet><id>1</id></pet>'
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, nullable: true}
)");
  contract.file("examples.yaml", "rex:\n  value:\n    id: one\n    name: Rex\n");
  CHECK(contract.lint("media-example-valid") ==
        Lines{"examples.yaml:3:9: examples.rex: property 'id' must be integer, found string at /id"});
}

TEST_CASE("schema-example-valid: example, default and 3.1 examples against their own schema") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Age:
      type: integer
      minimum: 0
      default: -1
      examples: [3, 'old']
    Pet:
      type: object
      properties:
        age: {$ref: '#/components/schemas/Age'}
      example:
        age: 2.5
)");
  CHECK(contract.lint("schema-example-valid") ==
        Lines{"openapi.yaml:9:16: default must be at least 0, found -1",
              "openapi.yaml:10:21: examples[1] must be integer, found string",
              "openapi.yaml:16:14: example: property 'age' must be integer, found number at /age"});
}

TEST_CASE("parameter-example-valid: parameter and header examples") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          schema: {type: integer, maximum: 50}
          examples:
            big: {value: 100}
            fine: {value: 10}
      responses:
        '200':
          description: ok
          headers:
            X-Next:
              schema: {type: string, format: uri}
              example: 7
)");
  CHECK(contract.lint("parameter-example-valid") ==
        Lines{"openapi.yaml:11:26: examples.big must be at most 50, found 100",
              "openapi.yaml:19:24: example must be string, found integer"});
}

TEST_CASE("example-value-or-external-value: both, or neither") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  examples:
    Both:
      value: 1
      externalValue: 'https://example.com/1.json'
    Neither:
      summary: nothing
    Fine:
      value: 2
)");
  CHECK(contract.lint("example-value-or-external-value") ==
        Lines{"openapi.yaml:8:7: example has both 'value' and 'externalValue'",
              "openapi.yaml:9:5: example has neither 'value' nor 'externalValue'"});
}

TEST_CASE("parameter-description: missing and blank, each parameter once however often it is used") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
        - name: q
          in: query
          description: ' '
      responses:
        '200': {description: ok}
  /b:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        '200': {description: ok}
components:
  parameters:
    Limit: {name: limit, in: query}
)");
  CHECK(contract.lint("parameter-description") ==
        Lines{"openapi.yaml:10:24: parameter 'q' (in query) has an empty description",
              "openapi.yaml:21:5: parameter 'limit' (in query) has no description"});
}

TEST_CASE("required-properties-defined: through allOf, anyOf/oneOf and the enclosing allOf") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base:
      properties:
        id: {type: integer}
    Pet:
      allOf:
        - $ref: '#/components/schemas/Base'
        - required: [id, name, color]
          properties:
            name: {type: string}
      oneOf:
        - properties: {color: {type: string}}
    Loose:
      required: [anything]
      patternProperties:
        '^a': {type: string}
    Typo:
      required: [nmae]
      properties:
        name: {type: string}
)");
  CHECK(contract.lint("required-properties-defined") ==
        Lines{"openapi.yaml:22:18: required property 'nmae' is not defined in properties"});
}

TEST_CASE("discriminator-property-defined: the property, its requiredness, and oneOf alternatives") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
      discriminator: {propertyName: kind}
    Optional:
      type: object
      properties:
        kind: {type: string}
      discriminator: {propertyName: kind}
    Missing:
      type: object
      discriminator: {propertyName: type}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Base'
        - $ref: '#/components/schemas/Optional'
        - type: object
      discriminator: {propertyName: kind}
)");
  CHECK(contract.lint("discriminator-property-defined") ==
        Lines{"openapi.yaml:16:37: discriminator property 'kind' is not required",
              "openapi.yaml:19:37: discriminator property 'type' is not defined in the schema's properties",
              "openapi.yaml:23:11: oneOf alternative '#/components/schemas/Optional' does not require discriminator "
              "property 'kind'",
              "openapi.yaml:24:11: oneOf alternative at line 24 does not define discriminator property 'kind'"});
}
