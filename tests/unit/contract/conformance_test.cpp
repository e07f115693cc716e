// Live contract checking: each rule on small inline contracts, the known-violation fixture (each reported once,
// with its pointer and schema location), conforming exchanges, 3.0 nullable and 3.1 type arrays, $ref'd and
// cyclic schemas, readOnly/writeOnly, parameter coercion, server base paths, keys, JSON records and threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "contract/conformance.hpp"
#include "support/inline_contract.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using contract::ContractChecker;
using contract::Violation;

namespace {

std::unique_ptr<ContractChecker> checker_for(std::string_view text) {
  auto checker = ContractChecker::create(test::inline_contract(text));
  if (!checker) FAIL(format_diagnostic(checker.error()));
  return std::move(*checker);
}

http::Exchange exchange(std::string method, std::string target, int status, std::string body = {},
                        std::string content_type = "application/json") {
  http::Exchange out;
  out.request.method = std::move(method);
  out.request.target = std::move(target);
  out.response.status = status;
  out.response.body = std::move(body);
  if (!out.response.body.empty() && !content_type.empty())
    out.response.headers.push_back({"Content-Type", content_type});
  return out;
}

http::Exchange with_request_body(http::Exchange in, std::string body, std::string content_type = "application/json") {
  in.request.body = std::move(body);
  if (!content_type.empty()) in.request.headers.push_back({"Content-Type", std::move(content_type)});
  return in;
}

// "rule | where | pointer" of each violation, for compact comparisons.
std::vector<std::string> summary(const std::vector<Violation>& violations) {
  std::vector<std::string> out;
  for (const Violation& violation : violations) {
    out.push_back(violation.rule + " | " + violation.where + " | " + violation.pointer);
  }
  return out;
}

std::string messages(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& violation : violations) out += violation.text() + "\n";
  return out;
}

constexpr std::string_view petstore = R"(openapi: 3.0.3
info: {title: pets, version: '1'}
servers:
  - url: https://api.example.com/v1
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: tag, in: query, schema: {type: array, items: {type: string, enum: [cat, dog]}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: verbose, in: query, schema: {type: boolean}}
        - {name: X-Request-Id, in: header, required: true, schema: {type: string, format: uuid}}
        - {name: session, in: cookie, schema: {type: integer}}
        - {name: Accept, in: header, required: true, schema: {type: string}}
      responses:
        '200':
          description: a page of pets
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer}}
            X-Tags: {schema: {type: array, items: {type: string}}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PetPage'}
        4XX:
          description: client error
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
        default:
          description: error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: integer}}
    get:
      operationId: getPet
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
    delete:
      responses:
        '204': {description: deleted}
  /pets/mine:
    get:
      operationId: myPets
      responses:
        '200':
          description: mine
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    PetPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items: {$ref: '#/components/schemas/Pet'}
        next: {type: string, nullable: true}
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, minLength: 1}
        tag: {type: string, nullable: true}
        secret: {type: string, writeOnly: true}
    Problem:
      type: object
      required: [title]
      properties:
        title: {type: string}
)";

http::Exchange list_pets(std::string target, int status, std::string body) {
  http::Exchange out = exchange("GET", std::move(target), status, std::move(body));
  out.request.headers.push_back({"X-Request-Id", "0f8fad5b-d9cb-469f-a165-70867728950e"});
  out.response.headers.push_back({"X-Rate-Limit", "100"});
  return out;
}

}  // namespace

TEST_CASE("a conforming exchange reports nothing") {
  auto checker = checker_for(petstore);
  auto page = checker->check(list_pets("/v1/pets?limit=10&tag=cat&tag=dog&ids=1,2&verbose=true", 200,
                                       R"({"items": [{"id": 1, "name": "Rex", "tag": null}], "next": null})"));
  INFO(messages(page));
  CHECK(page.empty());
  CHECK(checker->check(exchange("GET", "/v1/pets/7", 200, R"({"id": 7, "name": "Rex"})")).empty());
  CHECK(checker->check(exchange("DELETE", "/v1/pets/7", 204)).empty());
  auto create = with_request_body(exchange("POST", "/v1/pets", 201, R"({"id": 8, "name": "Tom"})"),
                                  R"({"name": "Tom", "secret": "s3cret"})");
  CHECK(checker->check(create).empty());
}

TEST_CASE("the four known violations are each reported exactly once, with pointer and schema location") {
  auto checker = checker_for(petstore);

  SECTION("undocumented status") {
    auto found = checker->check(exchange("GET", "/v1/pets/7", 418, R"({"id": 7, "name": "Rex"})"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "response-status-undocumented");
    CHECK(found[0].operation == "GET /pets/{petId}");
    CHECK(found[0].operation_id == "getPet");
    CHECK(found[0].where == "response 418");
    CHECK(found[0].pointer.empty());
    CHECK(found[0].message == "status 418 is not documented (documented: 200)");
    CHECK_FALSE(found[0].schema.has_value());
  }
  SECTION("wrong type in a body field") {
    auto found = checker->check(list_pets("/v1/pets", 200, R"({"items": [{"id": "7", "name": "Rex"}]})"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "response-body-schema");
    CHECK(found[0].operation == "GET /pets");
    CHECK(found[0].operation_id == "listPets");
    CHECK(found[0].where == "response 200 body");
    CHECK(found[0].pointer == "/items/0/id");
    CHECK(found[0].message == "must be integer, found string");
    REQUIRE(found[0].schema.has_value());
    CHECK(found[0].schema->keyword == "type");
    CHECK(found[0].schema->schema.pointer == "/components/schemas/Pet/properties/id");
    CHECK(found[0].schema->schema.file == "openapi.yaml");
    CHECK(found[0].schema->schema.line == 88);
    CHECK(found[0].schema->schema.column == 13);
  }
  SECTION("missing required property") {
    auto found = checker->check(list_pets("/v1/pets", 200, R"({"items": [{"id": 1, "name": "Rex"}, {"id": 2}]})"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "response-body-schema");
    CHECK(found[0].pointer == "/items/1");
    CHECK(found[0].message == "is missing required property 'name'");
    REQUIRE(found[0].schema.has_value());
    CHECK(found[0].schema->keyword == "required");
    CHECK(found[0].schema->schema.pointer == "/components/schemas/Pet");
    CHECK(found[0].schema->schema.line == 85);
  }
  SECTION("undocumented content type") {
    auto found = checker->check(exchange("GET", "/v1/pets/7", 200, "<p>Rex</p>", "text/html; charset=utf-8"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "response-content-type-undocumented");
    CHECK(found[0].where == "response 200 body");
    CHECK(found[0].message ==
          "content type text/html is not documented for response 200 (documented: application/json)");
  }
}

TEST_CASE("every wrong value of a body is reported, each distinct problem once, and keys ignore indexes") {
  auto checker = checker_for(petstore);
  auto found = checker->check(list_pets(
      "/v1/pets", 200, R"({"items": [{"id": "1", "name": "a"}, {"id": "2", "name": ""}, {"id": 3}], "next": 5})"));
  CHECK(summary(found) == std::vector<std::string>{
                              "response-body-schema | response 200 body | /items/0/id",
                              "response-body-schema | response 200 body | /items/1/id",
                              "response-body-schema | response 200 body | /items/1/name",
                              "response-body-schema | response 200 body | /items/2",
                              "response-body-schema | response 200 body | /next",
                          });
  REQUIRE(found.size() == 5);
  CHECK(found[0].key() == found[1].key());  // the same rule broken at /items/*/id
  CHECK(found[0].pointer_shape == "/items/*/id");
  CHECK(found[0].key() != found[2].key());
  CHECK(found[2].schema->keyword == "minLength");
  CHECK(found[4].message == "must be string or null, found integer");

  // Another exchange breaking the same rule somewhere else in the list has the same key.
  auto again = checker->check(
      list_pets("/v1/pets?limit=3", 200, R"({"items": [{"id": 1, "name": "a"}, {"id": "x", "name": "b"}]})"));
  REQUIRE(again.size() == 1);
  CHECK(again[0].key() == found[0].key());
}

TEST_CASE("two missing properties of one object are two violations with different keys") {
  auto checker = checker_for(petstore);
  auto found = checker->check(exchange("GET", "/v1/pets/7", 200, R"({"tag": "x"})"));
  REQUIRE(found.size() == 2);
  CHECK(found[0].message == "is missing required property 'id'");
  CHECK(found[1].message == "is missing required property 'name'");
  CHECK(found[0].key() != found[1].key());
}

TEST_CASE("undocumented paths and methods") {
  auto checker = checker_for(petstore);
  auto path = checker->check(exchange("GET", "/v1/owners?x=1", 200, "{}"));
  REQUIRE(path.size() == 1);
  CHECK(path[0].rule == "path-undocumented");
  CHECK(path[0].operation == "GET /v1/owners");
  CHECK(path[0].where == "request path");
  CHECK(path[0].message == "no path of the contract matches /v1/owners");

  auto method = checker->check(exchange("PATCH", "/v1/pets/7", 200, "{}"));
  REQUIRE(method.size() == 1);
  CHECK(method[0].rule == "method-undocumented");
  CHECK(method[0].operation == "PATCH /pets/{petId}");
  CHECK(method[0].message == "path matches but method not documented (allowed: GET, DELETE)");

  // A browser's CORS preflight is not the app's API.
  auto preflight = exchange("OPTIONS", "/v1/pets/7", 204);
  preflight.request.headers.push_back({"Access-Control-Request-Method", "DELETE"});
  CHECK(checker->check(preflight).empty());
}

TEST_CASE("a literal path is checked against its own operation, not the templated one") {
  auto checker = checker_for(petstore);
  CHECK(checker->check(exchange("GET", "/v1/pets/mine", 200, R"([{"id": 1, "name": "Rex"}])")).empty());
  auto found = checker->check(exchange("GET", "/v1/pets/mine", 200, R"({"id": 1, "name": "Rex"})"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].operation == "GET /pets/mine");
  CHECK(found[0].message == "must be array, found object");
}

TEST_CASE("the server base path may prefix requests, and requests without it match as well") {
  auto checker = checker_for(petstore);
  CHECK(checker->check(exchange("GET", "/v1/pets/7", 200, R"({"id": 7, "name": "Rex"})")).empty());
  CHECK(checker->check(exchange("GET", "/pets/7", 200, R"({"id": 7, "name": "Rex"})")).empty());
  CHECK(summary(checker->check(exchange("GET", "/v2/pets/7", 200, "{}"))) ==
        std::vector<std::string>{"path-undocumented | request path | "});
}

TEST_CASE("parameters: required ones present, values coerced from text as their schema and style say") {
  auto checker = checker_for(petstore);
  auto check = [&](const std::string& target) {
    return summary(checker->check(list_pets(target, 200, R"({"items": []})")));
  };
  CHECK(check("/pets?limit=5&verbose=false&ids=3&session=1").empty());

  auto wrong = checker->check(list_pets("/pets?limit=abc", 200, R"({"items": []})"));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].rule == "request-parameter-schema");
  CHECK(wrong[0].where == "query parameter 'limit'");
  CHECK(wrong[0].message == "must be integer, found string (value 'abc')");
  CHECK(wrong[0].schema->keyword == "type");
  CHECK(wrong[0].schema->schema.pointer == "/paths/~1pets/get/parameters/0/schema");

  CHECK(check("/pets?limit=1.5") == std::vector<std::string>{"request-parameter-schema | query parameter 'limit' | "});
  auto too_big = checker->check(list_pets("/pets?limit=500", 200, R"({"items": []})"));
  REQUIRE(too_big.size() == 1);
  CHECK(too_big[0].message == "must be at most 100, found 500 (value '500')");
  CHECK(too_big[0].schema->keyword == "maximum");

  // form + explode: the name repeats; each item checked against `items`.
  auto tags = checker->check(list_pets("/pets?tag=cat&tag=bird", 200, R"({"items": []})"));
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].where == "query parameter 'tag'");
  CHECK(tags[0].pointer == "/1");
  CHECK(tags[0].schema->keyword == "enum");
  // form without explode: one comma-separated value.
  CHECK(check("/pets?ids=1,2,x") == std::vector<std::string>{"request-parameter-schema | query parameter 'ids' | /2"});
  CHECK(check("/pets?verbose=yes") ==
        std::vector<std::string>{"request-parameter-schema | query parameter 'verbose' | "});
  CHECK(check("/pets?session=abc").empty());  // a query parameter is not the cookie of the same name

  // A required header that is absent; Accept is never checked as a parameter (OpenAPI ignores it).
  auto missing = checker->check(exchange("GET", "/pets", 200, R"({"items": []})"));
  std::vector<std::string> rules;
  for (const auto& violation : missing) rules.push_back(violation.rule + " " + violation.where);
  CHECK(rules == std::vector<std::string>{"request-parameter-missing header parameter 'X-Request-Id'",
                                          "response-header-missing response 200 header 'X-Rate-Limit'"});
  CHECK(missing[0].message == "required header parameter 'X-Request-Id' is missing");

  // Path parameters are always required and coerced; the path-level parameter applies to the operation.
  auto path = checker->check(exchange("GET", "/pets/abc", 200, R"({"id": 1, "name": "Rex"})"));
  REQUIRE(path.size() == 1);
  CHECK(path[0].where == "path parameter 'petId'");
  CHECK(path[0].message == "must be integer, found string (value 'abc')");
}

TEST_CASE("cookie parameters are read from the Cookie header") {
  auto checker = checker_for(petstore);
  auto in = list_pets("/pets", 200, R"({"items": []})");
  in.request.headers.push_back({"Cookie", "theme=dark; session=abc"});
  auto found = checker->check(in);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where == "cookie parameter 'session'");
  in.request.headers.back().value = "session=42";
  CHECK(checker->check(in).empty());
}

TEST_CASE("parameter styles: objects (form, deepObject, simple), arrays (pipe, label, matrix), content") {
  auto checker = checker_for(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /search/{coords}/{tags}/{point}:
    get:
      parameters:
        - {name: coords, in: path, required: true, style: label, schema: {type: array, items: {type: number}}}
        - {name: tags, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string, maxLength: 3}}}
        - {name: point, in: path, required: true, explode: true, schema: {$ref: '#/components/schemas/Point'}}
        - {name: filter, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Point'}}
        - {name: color, in: query, schema: {$ref: '#/components/schemas/Color'}}
        - {name: size, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}
        - {name: where, in: query, content: {application/json: {schema: {type: object, required: [q]}}}}
      responses:
        '200': {description: ok}
components:
  schemas:
    Point:
      type: object
      properties:
        x: {type: integer}
        y: {type: integer}
    Color:
      type: object
      required: [R]
      properties:
        R: {type: integer, maximum: 255}
        G: {type: integer}
)");
  auto check = [&](const std::string& target) { return summary(checker->check(exchange("GET", target, 200))); };
  CHECK(check("/search/.1.5,2/;tags=ab;tags=cd/x=1,y=2?filter[x]=1&filter[y]=2&R=10&G=20&size=1|2"
              "&where=%7B%22q%22%3A1%7D")
            .empty());
  CHECK(check("/search/.1,a/;tags=abcd/x=1,y=b") ==
        std::vector<std::string>{"request-parameter-schema | path parameter 'coords' | /1",
                                 "request-parameter-schema | path parameter 'tags' | /0",
                                 "request-parameter-schema | path parameter 'point' | /y"});
  CHECK(check("/search/.1/;tags=a/x=1?filter[x]=no&R=300&size=1|b&where=%7B%7D") ==
        std::vector<std::string>{"request-parameter-schema | query parameter 'filter' | /x",
                                 "request-parameter-schema | query parameter 'color' | /R",
                                 "request-parameter-schema | query parameter 'size' | /1",
                                 "request-parameter-schema | query parameter 'where' | "});
  CHECK(check("/search/.1/;tags=a/x=1?G=3") ==
        std::vector<std::string>{"request-parameter-schema | query parameter 'color' | "});
  CHECK(check("/search/.1/;tags=a/x=1?where=nojson") ==
        std::vector<std::string>{"request-parameter-schema | query parameter 'where' | "});
}

TEST_CASE("request bodies: required, content type, JSON syntax, schema; readOnly not required in requests") {
  auto checker = checker_for(petstore);
  auto post = [](std::string body, std::string type) {
    return with_request_body(exchange("POST", "/pets", 201, R"({"id": 1, "name": "Tom"})"), std::move(body),
                             std::move(type));
  };
  CHECK(checker->check(post(R"({"name": "Tom"})", "application/json; charset=utf-8")).empty());
  CHECK(summary(checker->check(exchange("POST", "/pets", 201, R"({"id": 1, "name": "Tom"})"))) ==
        std::vector<std::string>{"request-body-missing | request body | "});
  auto xml = checker->check(post("<pet/>", "application/xml"));
  REQUIRE(xml.size() == 1);
  CHECK(xml[0].rule == "request-content-type-undocumented");
  CHECK(xml[0].message ==
        "content type application/xml is not documented (documented: application/json, "
        "application/x-www-form-urlencoded)");
  CHECK(summary(checker->check(post("{}", ""))) ==
        std::vector<std::string>{"request-content-type-undocumented | request body | "});
  auto broken = checker->check(post(R"({"name": )", "application/json"));
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].rule == "request-body-invalid-json");
  CHECK(broken[0].message.find("line 1") != std::string::npos);
  auto wrong = checker->check(post(R"({"name": 5})", "application/json"));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].rule == "request-body-schema");
  CHECK(wrong[0].where == "request body");
  CHECK(wrong[0].pointer == "/name");
  // Form bodies are coerced field by field.
  CHECK(checker->check(post("name=Tom+Cat&id=3", "application/x-www-form-urlencoded")).empty());
  CHECK(summary(checker->check(post("id=3", "application/x-www-form-urlencoded"))) ==
        std::vector<std::string>{"request-body-schema | request body | "});
  // A body where the operation documents none.
  auto get_with_body = with_request_body(exchange("GET", "/pets/7", 200, R"({"id": 7, "name": "Rex"})"), "{}");
  CHECK(summary(checker->check(get_with_body)) ==
        std::vector<std::string>{"request-body-undocumented | request body | "});
}

TEST_CASE("writeOnly properties are not required in responses, readOnly ones are") {
  auto checker = checker_for(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/User'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
components:
  schemas:
    User:
      type: object
      required: [id, password, name]
      properties:
        id: {type: integer, readOnly: true}
        password: {type: string, writeOnly: true}
        name: {type: string}
)");
  auto post = [](std::string request, std::string response) {
    return with_request_body(exchange("POST", "/users", 201, std::move(response)), std::move(request));
  };
  CHECK(checker->check(post(R"({"password": "x", "name": "a"})", R"({"id": 1, "name": "a"})")).empty());
  auto found = checker->check(post(R"({"name": "a"})", R"({"name": "a"})"));
  REQUIRE(found.size() == 2);
  CHECK(found[0].where == "request body");
  CHECK(found[0].message == "is missing required property 'password'");
  CHECK(found[1].where == "response 201 body");
  CHECK(found[1].message == "is missing required property 'id'");
}

TEST_CASE("3.0 nullable and 3.1 type arrays") {
  auto v30 = checker_for(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /thing:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  a: {type: string, nullable: true}
                  b: {type: string}
                  c: {type: integer, nullable: true, enum: [1, 2]}
                  d: {allOf: [{$ref: '#/components/schemas/Named'}], nullable: true}
components:
  schemas:
    Named: {type: object, required: [name]}
)");
  CHECK(v30->check(exchange("GET", "/thing", 200, R"({"a": null, "b": "x", "c": null, "d": null})")).empty());
  CHECK(v30->check(exchange("GET", "/thing", 200, R"({"d": {"name": 1}})")).empty());
  CHECK(summary(v30->check(exchange("GET", "/thing", 200, R"({"b": null, "c": 3, "d": {}})"))) ==
        std::vector<std::string>{"response-body-schema | response 200 body | /b",
                                 "response-body-schema | response 200 body | /c",
                                 "response-body-schema | response 200 body | /d"});

  auto v31 = checker_for(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /thing:
    get:
      responses:
        '200':
          description: ok
          content:
            application/vnd.thing+json:
              schema:
                type: object
                properties:
                  a: {type: [string, 'null']}
                  b: {type: [integer, boolean]}
                  c: {type: string, nullable: true}
)");
  CHECK(v31->check(exchange("GET", "/thing", 200, R"({"a": null, "b": true})", "application/vnd.thing+json")).empty());
  auto found =
      v31->check(exchange("GET", "/thing", 200, R"({"a": 1, "b": "x", "c": null})", "application/vnd.thing+json"));
  CHECK(summary(found) == std::vector<std::string>{"response-body-schema | response 200 body | /a",
                                                   "response-body-schema | response 200 body | /b",
                                                   "response-body-schema | response 200 body | /c"});
  CHECK(found[0].message == "must be string or null, found integer");
  CHECK(found[1].message == "must be integer or boolean, found string");
  // 3.1 ignores `nullable`: only the type counts.
  CHECK(found[2].message == "must be string, found null");
}

TEST_CASE("$ref'd and cyclic schemas, across files, with the schema location in the file that holds it") {
  test::ScratchFolder folder("conformance");
  folder.write("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /tree:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/Node'}
)");
  folder.write("schemas.yaml", R"(Node:
  type: object
  required: [value]
  properties:
    value: {type: integer}
    children:
      type: array
      items: {$ref: '#/Node'}
)");
  auto workspace = std::make_shared<contract::Workspace>();
  REQUIRE(workspace->open(folder.path() / "openapi.yaml", "openapi.yaml").has_value());
  auto checker = ContractChecker::create(workspace);
  REQUIRE(checker.has_value());
  CHECK((*checker)
            ->check(exchange("GET", "/tree", 200, R"({"value": 1, "children": [{"value": 2, "children": []}]})"))
            .empty());
  auto found = (*checker)->check(
      exchange("GET", "/tree", 200, R"({"value": 1, "children": [{"value": 2, "children": [{"value": "3"}]}]})"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].pointer == "/children/0/children/0/value");
  CHECK(found[0].pointer_shape == "/children/*/children/*/value");
  REQUIRE(found[0].schema.has_value());
  CHECK(found[0].schema->schema.pointer == "/Node/properties/value");
  CHECK(found[0].schema->schema.file.ends_with("schemas.yaml"));
  CHECK(found[0].schema->schema.line == 5);
}

TEST_CASE("responses: ranges and default, headers, bodies where none is documented, missing bodies") {
  auto checker = checker_for(petstore);
  // 404 is covered by 4XX, whose media type is problem+json.
  CHECK(checker->check(list_pets("/pets", 404, R"({"title": "no"})")).size() == 1);
  auto problem = list_pets("/pets", 404, R"({"title": "no"})");
  problem.response.headers = {{"Content-Type", "application/problem+json"}};
  CHECK(checker->check(problem).empty());
  CHECK(checker->check(list_pets("/pets", 503, R"({"title": "down"})")).empty());  // default
  auto bad_default = checker->check(list_pets("/pets", 503, R"({"detail": "down"})"));
  REQUIRE(bad_default.size() == 1);
  CHECK(bad_default[0].where == "response 503 body");

  auto header = list_pets("/pets", 200, R"({"items": []})");
  header.response.headers = {{"Content-Type", "application/json"}, {"X-Rate-Limit", "many"}, {"x-tags", "a, b"}};
  auto found = checker->check(header);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "response-header-schema");
  CHECK(found[0].where == "response 200 header 'X-Rate-Limit'");
  CHECK(found[0].message == "must be integer, found string (value 'many')");

  auto deleted = exchange("DELETE", "/pets/7", 204);
  CHECK(checker->check(deleted).empty());
  auto deleted_with_body = exchange("DELETE", "/pets/7", 200, "{}");
  CHECK(summary(checker->check(deleted_with_body)) ==
        std::vector<std::string>{"response-status-undocumented | response 200 | "});

  auto empty = exchange("GET", "/pets/7", 200);
  CHECK(summary(checker->check(empty)) == std::vector<std::string>{"response-body-missing | response 200 body | "});
  auto no_type = exchange("GET", "/pets/7", 200, R"({"id": 7, "name": "Rex"})", "");
  CHECK(summary(checker->check(no_type)) ==
        std::vector<std::string>{"response-content-type-undocumented | response 200 body | "});
  auto broken = exchange("GET", "/pets/7", 200, R"({"id": 7,)");
  CHECK(summary(checker->check(broken)) ==
        std::vector<std::string>{"response-body-invalid-json | response 200 body | "});
}

TEST_CASE("a response with a body where the contract documents none") {
  auto checker = checker_for(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /ping:
    get:
      responses:
        '200': {description: no content documented}
)");
  CHECK(checker->check(exchange("GET", "/ping", 200)).empty());
  auto found = checker->check(exchange("GET", "/ping", 200, "pong", "text/plain"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "response-body-undocumented");
  CHECK(found[0].message == "the contract documents no content for response 200, but the response has a body");
}

TEST_CASE("body checks are skipped for incomplete bodies, HEAD requests and non-JSON media types") {
  auto checker = checker_for(petstore);
  auto cut = exchange("GET", "/pets/7", 200, R"({"id": "7", "na)");
  cut.response.body_complete = false;
  CHECK(checker->check(cut).empty());
  auto head = exchange("HEAD", "/pets/7", 200);
  head.response.headers.push_back({"Content-Type", "application/json"});
  CHECK(checker->check(head).empty());
}

TEST_CASE("media type matching: exact (parameters and case ignored), then type/*, then */*") {
  auto document = test::inline_contract(R"(openapi: 3.0.3
info: {title: t, version: '1'}
x-content:
  Application/JSON; charset=utf-8: {schema: {type: object}}
  text/*: {}
  '*/*': {}
)");
  contract::NodeRef content = document->root().root()["x-content"];
  CHECK(contract::documented_media_type(content, "application/json").key() == "Application/JSON; charset=utf-8");
  CHECK(contract::documented_media_type(content, "text/csv").key() == "text/*");
  CHECK(contract::documented_media_type(content, "image/png").key() == "*/*");
  CHECK_FALSE(contract::documented_media_type(document->root().root()["nothing"], "image/png"));
  CHECK(contract::is_json_media_type("application/json"));
  CHECK(contract::is_json_media_type("application/problem+json"));
  CHECK_FALSE(contract::is_json_media_type("application/x-ndjson"));
  CHECK_FALSE(contract::is_json_media_type("text/plain"));
}

TEST_CASE("to_json and text carry the documented fields") {
  auto checker = checker_for(petstore);
  auto found = checker->check(list_pets("/v1/pets?limit=2", 200, R"({"items": [{"id": "7", "name": "Rex"}]})"));
  REQUIRE(found.size() == 1);
  CHECK(
      found[0].to_json().dump() ==
      R"({"rule":"response-body-schema","operation":"GET /pets","operationId":"listPets","where":"response 200 body",)"
      R"("pointer":"/items/0/id","message":"must be integer, found string","schema":{"keyword":"type",)"
      R"("pointer":"/components/schemas/Pet/properties/id","file":"openapi.yaml","line":88,"column":13},)"
      R"("request":{"method":"GET","target":"/v1/pets?limit=2"},"status":200})");
  CHECK(found[0].text() ==
        "GET /pets: response 200 body /items/0/id: must be integer, found string [response-body-schema; type at "
        "openapi.yaml:88:13]");
  auto status = checker->check(exchange("DELETE", "/pets/1", 500));
  REQUIRE(status.size() == 1);
  CHECK(status[0].to_json()["schema"].is_null());
  CHECK(status[0].to_json()["operationId"].is_null());
}

TEST_CASE("the rule registry: unique kebab-case ids, each described in docs/contract-checking.md") {
  std::ifstream input(std::filesystem::path(APICTL_SOURCE_DIR) / "docs/contract-checking.md");
  REQUIRE(input.good());
  std::stringstream docs;
  docs << input.rdbuf();
  std::vector<std::string_view> seen;
  for (const auto& rule : contract::conformance_rules()) {
    INFO(rule.id);
    CHECK(std::ranges::all_of(rule.id, [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
    CHECK(std::ranges::find(seen, rule.id) == seen.end());
    CHECK_FALSE(rule.summary.empty());
    CHECK(docs.str().find("`" + std::string(rule.id) + "`") != std::string::npos);
    seen.push_back(rule.id);
  }
  CHECK(seen.size() == 18);
}

TEST_CASE("a body nesting too deeply to check is reported as schema-uncheckable, once, at its schema") {
  auto checker = checker_for(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /deep:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array}
)");
  std::string deep = std::string(100, '[') + std::string(100, ']');
  auto found = checker->check(exchange("GET", "/deep", 200, deep));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "schema-uncheckable");
  CHECK(found[0].message == "the value nests deeper than 64 levels");
  REQUIRE(found[0].schema.has_value());
  CHECK(found[0].schema->schema.line == 11);
  CHECK(checker->check(exchange("GET", "/deep", 200, "[[1]]")).empty());
}

TEST_CASE("Swagger 2.0 contracts are refused with a clear error") {
  auto checker =
      ContractChecker::create(test::inline_contract("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"));
  REQUIRE_FALSE(checker.has_value());
  CHECK(checker.error().code == "unsupported-version");
  CHECK(checker.error().where.line == 1);
}

TEST_CASE("check is safe from several threads at once, and compiles each schema once") {
  auto checker = checker_for(petstore);
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(4, 0);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto found = checker->check(list_pets("/pets?limit=" + std::to_string(i), 200,
                                              R"({"items": [{"id": "7", "name": "Rex"}, {"id": 1, "name": "a"}]})"));
        counts[t] += found.size();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // Every exchange breaks the id's type; limit=0 breaks `minimum` and limits 101 to 199 break `maximum`.
  for (std::size_t count : counts) CHECK(count == 200 + 1 + 99);
}

TEST_CASE("the dev fixture app: its recorded exchanges show exactly the violations expected.txt lists") {
  // transcript.json holds app.py's answers to requests.txt (record.py writes it from the running app).
  const std::filesystem::path fixture = std::filesystem::path(APICTL_SOURCE_DIR) / "tests/fixtures/dev/violations";
  auto workspace = std::make_shared<contract::Workspace>();
  REQUIRE(workspace->open(fixture / "openapi.yaml", "openapi.yaml").has_value());
  auto checker = ContractChecker::create(workspace);
  REQUIRE(checker.has_value());

  std::ifstream transcript_file(fixture / "transcript.json");
  REQUIRE(transcript_file.good());
  auto transcript = nlohmann::json::parse(transcript_file);
  std::vector<std::string> found;
  std::size_t conforming = 0;
  for (const auto& record : transcript) {
    http::Exchange exchange;
    exchange.request.method = record["request"]["method"];
    exchange.request.target = record["request"]["target"];
    exchange.request.body = record["request"]["body"];
    for (const auto& pair : record["request"]["headers"]) exchange.request.headers.push_back({pair[0], pair[1]});
    exchange.response.status = record["response"]["status"];
    exchange.response.body = record["response"]["body"];
    for (const auto& pair : record["response"]["headers"]) exchange.response.headers.push_back({pair[0], pair[1]});
    auto violations = (*checker)->check(exchange);
    if (violations.empty()) ++conforming;
    for (const Violation& violation : violations) {
      found.push_back(violation.rule + "\t" + violation.operation + "\t" + violation.pointer);
    }
  }
  std::ifstream expected_file(fixture / "expected.txt");
  REQUIRE(expected_file.good());
  std::vector<std::string> expected;
  for (std::string line; std::getline(expected_file, line);) {
    if (!line.empty() && !line.starts_with('#')) expected.push_back(line);
  }
  CHECK(expected.size() == 4);
  CHECK(found == expected);
  CHECK(conforming == transcript.size() - expected.size());
}

TEST_CASE("oneOf and additionalProperties: one violation per value, naming the schema that holds the keyword") {
  auto checker = checker_for(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /shapes:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  oneOf:
                    - {$ref: '#/components/schemas/Circle'}
                    - {$ref: '#/components/schemas/Square'}
  /settings:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {a: {type: integer}}, additionalProperties: false}
components:
  schemas:
    Circle: {type: object, required: [radius], properties: {radius: {type: number}}, additionalProperties: false}
    Square: {type: object, required: [side], properties: {side: {type: number}}, additionalProperties: false}
)");
  CHECK(checker->check(exchange("GET", "/shapes", 200, R"([{"radius": 1}, {"side": 2.5}])")).empty());
  auto found =
      checker->check(exchange("GET", "/shapes", 200, R"([{"radius": 1}, {"side": "x"}, {"radius": 1, "x": 2}])"));
  REQUIRE(found.size() == 2);
  CHECK(found[0].pointer == "/1");
  CHECK(found[0].message == "matches none of the 'oneOf' schemas");
  CHECK(found[0].schema->keyword == "oneOf");
  CHECK(found[0].schema->schema.pointer == "/paths/~1shapes/get/responses/200/content/application~1json/schema/items");
  CHECK(found[1].pointer == "/2");
  CHECK(found[0].key() == found[1].key());

  auto extra = checker->check(exchange("GET", "/settings", 200, R"({"a": 1, "b": 2})"));
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].pointer == "/b");
  CHECK(extra[0].schema->keyword == "additionalProperties");
  CHECK(extra[0].schema->schema.line == 24);
}

TEST_CASE("hostile exchanges give violations, never a crash: bad UTF-8, scalars, long paths, many parameters") {
  auto checker = checker_for(petstore);
  auto bad_utf8 = checker->check(exchange("GET", "/pets/7", 200, "{\"name\": \"\xff\xfe\"}"));
  REQUIRE(bad_utf8.size() == 1);
  CHECK(bad_utf8[0].rule == "response-body-invalid-json");
  auto nul = checker->check(exchange("GET", "/pets/7", 200, std::string("{\"a\"\0}", 6)));
  REQUIRE(nul.size() == 1);
  CHECK(nul[0].rule == "response-body-invalid-json");
  auto scalar = checker->check(exchange("GET", "/pets/7", 200, "42"));
  REQUIRE(scalar.size() == 1);
  CHECK(scalar[0].message == "must be object, found integer");
  std::string long_path;
  for (int i = 0; i < 5000; ++i) long_path += "/pets";
  CHECK(summary(checker->check(exchange("GET", long_path, 200))) ==
        std::vector<std::string>{"path-undocumented | request path | "});
  std::string query = "/pets?limit=5";
  for (int i = 0; i < 10000; ++i) query += "&tag=cat";
  CHECK(checker->check(list_pets(query, 200, R"({"items": []})")).empty());
  CHECK(checker->check(list_pets("/pets?limit=%ZZ&&=&tag", 200, R"({"items": []})")).size() == 2);
  // Bytes that are not UTF-8, in a parameter and in the path, still give a JSON record nlohmann can write.
  auto bytes = checker->check(list_pets("/pets?limit=%FF", 200, R"({"items": []})"));
  REQUIRE(bytes.size() == 1);
  CHECK(bytes[0].message == "must be integer, found string (value '\xEF\xBF\xBD')");
  auto raw_path = checker->check(exchange("GET", "/\xff\xfe", 200));
  REQUIRE(raw_path.size() == 1);
  CHECK(raw_path[0].to_json().dump().find("\"target\":\"/\xEF\xBF\xBD\xEF\xBF\xBD\"") != std::string::npos);
}
