// Example validation: the 3.0 and 3.1 dialects translated for valijson, $refs local, external and cyclic,
// readOnly/writeOnly by direction, and readable messages that point into the example.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "contract/example_validator.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using contract::NodeRef;

namespace {

// A contract in a fresh temporary folder: `openapi.yaml` is the root, other files may sit beside it.
class Contract : public test::ScratchFolder {
 public:
  Contract() : ScratchFolder("examples") {}

  Contract& file(const std::string& name, std::string_view text) {
    write(name, text);
    return *this;
  }

  // A document with `schemas` under components/schemas and `examples` under x-examples.
  Contract& document(std::string_view version, std::string_view schemas, std::string_view examples) {
    return file("openapi.yaml", "openapi: " + std::string(version) + "\ninfo: {title: t, version: '1'}\npaths: {}\n" +
                                    "components:\n  schemas:\n" + std::string(schemas) + "x-examples:\n" +
                                    std::string(examples));
  }

  contract::Workspace& open() {
    if (!opened_) {
      auto root = workspace_.open(path() / "openapi.yaml", "openapi.yaml");
      REQUIRE(root.has_value());
      auto spec = contract::detect_version(**root);
      REQUIRE(spec.has_value());
      spec_ = *spec;
      opened_ = true;
    }
    return workspace_;
  }

  // Checks each x-examples entry named in `names` against the schema at components/schemas/<schema>.
  std::vector<contract::ExampleOutcome> check(std::string_view schema, const std::vector<std::string>& names,
                                              contract::Direction direction = contract::Direction::none) {
    NodeRef root = open().root().root();
    NodeRef target = root["components"]["schemas"][schema];
    REQUIRE(target);
    std::vector<contract::ExampleCheck> checks;
    for (const auto& name : names) {
      NodeRef example = root["x-examples"][name];
      REQUIRE(example);
      checks.push_back({example, target, direction});
    }
    return contract::validate_examples(workspace_, spec_, checks);
  }

  // The message for one example ("" when it conforms).
  std::string message(std::string_view schema, const std::string& name,
                      contract::Direction direction = contract::Direction::none) {
    auto outcome = check(schema, {name}, direction).front();
    REQUIRE(outcome.has_value());
    return *outcome ? (*outcome)->message("example") : "";
  }

  contract::Workspace workspace_;
  contract::SpecInfo spec_;
  bool opened_ = false;
};

}  // namespace

TEST_CASE("a conforming example has no violation; a wrong one names the property, types and pointer") {
  Contract contract;
  contract.document("3.0.3", R"(    Person:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
        tags:
          type: array
          items: {type: string}
)",
                    R"(  good: {name: Ann, age: 30, tags: [a]}
  age: {name: Ann, age: 'thirty'}
  item: {name: Ann, tags: [a, 2]}
  missing: {age: 3}
  whole: [Ann]
  fraction: {name: Ann, age: 30.0}
  huge: {name: Ann, age: 9223372036854776000}
)");
  CHECK(contract.message("Person", "good") == "");
  CHECK(contract.message("Person", "age") == "example: property 'age' must be integer, found string at /age");
  CHECK(contract.message("Person", "item") == "example: item 1 must be string, found integer at /tags/1");
  CHECK(contract.message("Person", "missing") == "example is missing required property 'name'");
  CHECK(contract.message("Person", "whole") == "example must be object, found array");
  CHECK(contract.message("Person", "fraction") == "");  // 30.0 is an integer in JSON Schema
  CHECK(contract.message("Person", "huge") == "");      // and so is a literal beyond int64
}

TEST_CASE("the violation points at the offending value inside the example") {
  Contract contract;
  contract.document("3.1.0", R"(    Pet:
      type: object
      properties:
        owner:
          type: object
          properties:
            email: {type: string, maxLength: 5}
)",
                    R"(  long:
    owner:
      email: far-too-long
)");
  auto outcome = contract.check("Pet", {"long"}).front();
  REQUIRE(outcome.has_value());
  REQUIRE(outcome->has_value());
  const auto& violation = **outcome;
  CHECK(violation.pointer == "/owner/email");
  CHECK(violation.subject == "property 'email'");
  CHECK(violation.problem == "must be at most 5 characters long");
  CHECK(violation.value.line() == 16);
  CHECK(violation.value.column() == 14);
}

TEST_CASE("OpenAPI 3.0 nullable allows null, also through allOf, and adds null to an enum") {
  Contract contract;
  contract.document("3.0.3", R"(    Pet:
      type: object
      properties:
        name: {type: string, nullable: true}
        kind: {type: string, nullable: true, enum: [cat, dog]}
        owner:
          nullable: true
          allOf:
            - $ref: '#/components/schemas/Owner'
        strict: {type: string}
        link:
          allOf:
            - {type: object}
            - {nullable: true}
    Owner:
      type: object
      required: [id]
      properties:
        id: {type: integer}
)",
                    R"(  nulls: {name: null, kind: null, owner: null}
  owner: {owner: {id: x}}
  five: {owner: 5}
  link: {link: null}
  strict: {strict: null}
  kind: {kind: bird}
  name: {name: 3}
)");
  CHECK(contract.message("Pet", "nulls") == "");
  CHECK(contract.message("Pet", "owner") == "example: property 'id' must be integer, found string at /owner/id");
  CHECK(contract.message("Pet", "five") == "example: property 'owner' must be object or null, found integer at /owner");
  // 3.0.3: nullable only widens a type defined in the same schema object, not one in a sibling allOf part.
  CHECK(contract.message("Pet", "link") == "example: property 'link' must be object, found null at /link");
  CHECK(contract.message("Pet", "strict") == "example: property 'strict' must be string, found null at /strict");
  CHECK(contract.message("Pet", "kind") ==
        "example: property 'kind' must be one of 'cat', 'dog', null; found 'bird' at /kind");
  CHECK(contract.message("Pet", "name") == "example: property 'name' must be string or null, found integer at /name");
}

TEST_CASE("OpenAPI 3.0 boolean exclusiveMinimum/Maximum and ignored $ref siblings") {
  Contract contract;
  contract.document("3.0.3", R"(    Range:
      type: number
      minimum: 0
      exclusiveMinimum: true
      maximum: 10
      exclusiveMaximum: false
    Wrapped:
      $ref: '#/components/schemas/Range'
      type: string
)",
                    R"(  zero: 0
  ten: 10
  eleven: 11
  five: 5
)");
  CHECK(contract.message("Range", "zero") == "example must be greater than 0, found 0");
  CHECK(contract.message("Range", "ten") == "");
  CHECK(contract.message("Range", "eleven") == "example must be at most 10, found 11");
  CHECK(contract.message("Wrapped", "five") == "");  // the sibling `type: string` is ignored in 3.0
}

TEST_CASE("OpenAPI 3.1 schemas: type lists, prefixItems, const, $ref siblings and numeric exclusive bounds") {
  Contract contract;
  contract.document("3.1.0", R"(    Point:
      type: array
      prefixItems:
        - type: number
        - type: number
      items: false
    Maybe:
      type: [string, 'null']
    Fixed:
      const: v1
    Set:
      type: array
      uniqueItems: true
    Limited:
      $ref: '#/components/schemas/Maybe'
      maxLength: 2
    Positive:
      type: number
      exclusiveMinimum: 0
    Unbounded:
      type: integer
      minimum: -9223372036854775808
      maximum: 18446744073709551615
)",
                    R"(  point: [1, 2]
  repeats: [1, 2, 1]
  long: [1, 2, 3]
  wrong: [1, 'b']
  none: null
  v1: v1
  v2: v2
  abc: abc
  zero: 0
)");
  CHECK(contract.message("Point", "point") == "");
  CHECK(contract.message("Point", "long") == "example has more items than the schema allows");
  CHECK(contract.message("Point", "wrong") == "example: item 1 must be number, found string at /1");
  CHECK(contract.message("Maybe", "none") == "");
  CHECK(contract.message("Fixed", "v1") == "");
  CHECK(contract.message("Set", "repeats") == "example must not repeat items, but items 0 and 2 are equal");
  CHECK(contract.message("Fixed", "v2") == "example must equal the schema's 'const' value, found 'v2'");
  CHECK(contract.message("Limited", "abc") == "example must be at most 2 characters long");
  CHECK(contract.message("Positive", "zero") == "example must be greater than 0, found 0");
  CHECK(contract.message("Unbounded", "zero") == "");  // int64/uint64 limits are no limits
}

TEST_CASE("readOnly properties are not required in requests, writeOnly ones not in responses") {
  Contract contract;
  contract.document("3.0.3", R"(    User:
      type: object
      required: [id, password, name]
      properties:
        id: {type: integer, readOnly: true}
        password:
          $ref: '#/components/schemas/Secret'
        name: {type: string}
    Secret:
      type: string
      writeOnly: true
    NewUser:
      allOf:
        - $ref: '#/components/schemas/User'
      required: [id]
)",
                    R"(  request: {password: x, name: Ann}
  response: {id: 1, name: Ann}
)");
  using contract::Direction;
  CHECK(contract.message("User", "request", Direction::request) == "");
  CHECK(contract.message("User", "response", Direction::response) == "");
  CHECK(contract.message("User", "request", Direction::response) == "example is missing required property 'id'");
  CHECK(contract.message("User", "response", Direction::none) == "example is missing required property 'password'");
  CHECK(contract.message("NewUser", "request", Direction::request) == "");  // id is readOnly in the allOf part
}

TEST_CASE("additional properties, alternatives, and the discriminator's choice") {
  Contract contract;
  contract.document("3.0.3", R"(    Closed:
      type: object
      properties:
        a: {type: string}
      additionalProperties: false
    Either:
      oneOf:
        - {type: object, required: [cat]}
        - {type: object, required: [dog]}
    Pet:
      oneOf:
        - {type: object, properties: {kind: {type: string}}}
        - {type: object, properties: {kind: {type: string}}}
      discriminator:
        propertyName: kind
)",
                    R"(  extra: {a: x, b: y}
  neither: {bird: 1}
  both: {cat: 1, dog: 2}
  pet: {kind: cat}
)");
  CHECK(contract.message("Closed", "extra") ==
        "example: property 'b' is not allowed: the schema has no such property and forbids additional ones at /b");
  CHECK(contract.message("Either", "neither") == "example matches none of the 'oneOf' schemas");
  CHECK(contract.message("Either", "both") == "example matches more than one of the 'oneOf' schemas");
  CHECK(contract.message("Pet", "pet") == "");  // the discriminator picks one, so matching both is fine
}

TEST_CASE("formats are not checked, and patterns std::regex cannot compile are skipped") {
  Contract contract;
  contract.document("3.1.0", R"(    When:
      type: string
      format: date-time
    Code:
      type: string
      pattern: '^[A-Z]{3}$'
    Odd:
      type: string
      pattern: '(?<=a)b'
)",
                    R"(  when: not a date
  good: ABC
  bad: abcd
  odd: anything
)");
  CHECK(contract.message("When", "when") == "");
  CHECK(contract.message("Code", "good") == "");
  CHECK(contract.message("Code", "bad") == "example does not match the pattern '^[A-Z]{3}$', found 'abcd'");
  CHECK(contract.message("Odd", "odd") == "");
}

TEST_CASE("$refs resolve across files, recursive schemas validate deep examples, and ref cycles do not hang") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Tree:
      $ref: 'tree.yaml'
    Loop:
      allOf:
        - $ref: '#/components/schemas/Loop'
        - type: integer
    A:
      $ref: '#/components/schemas/B'
    B:
      $ref: '#/components/schemas/A'
x-examples:
  tree:
    value: 1
    children:
      - value: 2
        children:
          - value: x
  loop: 'one'
  anything: 1
)");
  contract.file("tree.yaml", R"(type: object
properties:
  value: {type: integer}
  children:
    type: array
    items:
      $ref: '#'
)");
  CHECK(contract.message("Tree", "tree") ==
        "example: property 'value' must be integer, found string at /children/0/children/0/value");
  CHECK(contract.message("Loop", "loop") == "example must be integer, found string");
  CHECK(contract.message("A", "anything") == "");
}

TEST_CASE("long $ref chains, huge reference cycles and long allOf chains neither crash nor hang") {
  // Each would recurse thousands of levels deep inside valijson if compiled naively.
  std::string chain, ring, same_level;
  constexpr int length = 5000;
  for (int i = 0; i < length; ++i) {
    std::string name = std::to_string(i);
    std::string next = std::to_string(i + 1);
    chain += "    C" + name + ": {type: object, properties: {next: {$ref: '#/components/schemas/C" + next + "'}}}\n";
    ring += "    R" + name + ": {type: object, properties: {next: {$ref: '#/components/schemas/R" +
            std::to_string((i + 1) % length) + "'}}}\n";
    same_level += "    A" + name + ": {allOf: [{$ref: '#/components/schemas/A" + next + "'}]}\n";
  }
  Contract contract;
  contract.document("3.0.3",
                    chain + "    C" + std::to_string(length) + ": {type: string}\n" + ring + same_level + "    A" +
                        std::to_string(length) + ": {type: string}\n",
                    "  nested: {next: {next: 1}}\n  number: 5\n");
  // A chain is compiled target first, so it is checked in full.
  CHECK(contract.message("C0", "nested") == "example: property 'next' must be object, found integer at /next/next");
  // A cycle of 5000 schemas, or 5000 allOf levels, is cut rather than followed: the example is accepted.
  CHECK(contract.message("R0", "nested") == "");
  CHECK(contract.message("A0", "number") == "");
}

TEST_CASE("examples that nest too deeply are reported as not checked, and many checks share one compile") {
  Contract contract;
  std::string deep = "1";
  for (int i = 0; i < 100; ++i) deep = "[" + deep + "]";
  contract.document("3.1.0", "    Any: {}\n    Number: {type: number}\n",
                    "  deep: " + deep + "\n  one: 1\n  two: two\n");
  auto outcomes = contract.check("Any", {"deep"});
  REQUIRE_FALSE(outcomes.front().has_value());
  CHECK(outcomes.front().error().code == "example-too-deep");
  auto several = contract.check("Number", {"one", "two", "one"});
  REQUIRE(several.size() == 3);
  CHECK(several[0].has_value());
  CHECK_FALSE(several[0]->has_value());
  REQUIRE(several[1].has_value());
  CHECK((*several[1])->message("example") == "example must be number, found string");
  CHECK_FALSE(several[2]->has_value());
}

TEST_CASE("example_values lists `example` and the values of `examples` entries, following $refs") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  examples:
    Shared: {value: shared}
x-media:
  example: inline
  examples:
    a: {$ref: '#/components/examples/Shared'}
    b: {externalValue: 'https://example.com/b.json'}
    c: {value: c}
)");
  auto& workspace = contract.open();
  auto values = contract::example_values(workspace, workspace.root().root()["x-media"]);
  REQUIRE(values.size() == 3);
  CHECK(values[0].label == "example");
  CHECK(values[0].value.text() == "inline");
  CHECK(values[1].label == "examples.a");
  CHECK(values[1].value.text() == "shared");
  CHECK(values[2].label == "examples.c");
}
