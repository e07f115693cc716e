// The mock server: operation matching (404 with nearest paths, 405 with Allow), the status (lowest 2xx, Prefer
// code), examples (media type, named, schema) and generated bodies, content negotiation, headers, HEAD, CORS;
// and every mock response passes the contract checker, on inline contracts and on corpus documents.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/conformance.hpp"
#include "contract/schema_sample.hpp"
#include "dev/mock_responder.hpp"
#include "support/inline_contract.hpp"

using namespace apictl;
using dev::MockResponder;
using Json = nlohmann::json;

namespace {

constexpr std::string_view petstore = R"(openapi: 3.0.3
info: {title: pets, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /pets:
    get:
      responses:
        '201': {description: never the default choice, content: {application/json: {example: {created: true}}}}
        '200':
          description: a page
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer, minimum: 10}}
            X-Request-Ids: {schema: {type: array, items: {type: string}}, example: [a, b]}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PetPage'}
              examples:
                one: {summary: one pet, value: {items: [{id: 1, name: Rex}]}}
                none: {$ref: '#/components/examples/Empty'}
            text/csv:
              schema: {type: string}
              example: "id,name\n1,Rex\n"
        '404':
          description: not found
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
        default:
          description: error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
              examples:
                broken: {value: {title: it broke}}
    post:
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /pets/{petId}:
    get:
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {id: 7, name: Fido, tag: dog}
    delete:
      responses:
        '204': {description: deleted}
  /owners:
    get:
      responses:
        2XX:
          description: owners
          content:
            '*/*':
              schema: {type: array, items: {type: object, required: [name], properties: {name: {type: string, example: Ada}}}, minItems: 1}
components:
  examples:
    Empty: {value: {items: []}}
  schemas:
    PetPage:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, format: int64, minimum: 1}
        name: {type: string}
        tag: {type: string, nullable: true}
        password: {type: string, writeOnly: true}
    Problem:
      type: object
      required: [title]
      properties:
        title: {type: string}
)";

struct Mock {
  explicit Mock(std::string_view text) : workspace(test::inline_contract(text)) {
    auto made = MockResponder::create(workspace);
    if (!made) FAIL(format_diagnostic(made.error()));
    mock = std::move(*made);
    auto made_checker = contract::ContractChecker::create(workspace);
    REQUIRE(made_checker.has_value());
    checker = std::move(*made_checker);
  }

  http::Response get(std::string method, std::string target, http::Headers headers = {}) const {
    http::Request request{std::move(method), std::move(target), std::move(headers), {}};
    return mock->respond(request);
  }

  // The checker's findings on the mock's own answer to a request.
  std::vector<std::string> conformance(std::string method, std::string target, http::Headers headers = {}) const {
    http::Exchange exchange;
    exchange.request = http::Request{std::move(method), std::move(target), std::move(headers), {}};
    exchange.response = mock->respond(exchange.request);
    std::vector<std::string> out;
    for (const auto& violation : checker->check(exchange)) out.push_back(violation.text());
    return out;
  }

  std::shared_ptr<contract::Workspace> workspace;
  std::unique_ptr<MockResponder> mock;
  std::unique_ptr<contract::ContractChecker> checker;
};

std::string header(const http::Response& response, std::string_view name) {
  return std::string(http::find_header(response.headers, name).value_or("<absent>"));
}

}  // namespace

TEST_CASE("the lowest documented 2xx answers, from the first of the media type's examples, with its headers") {
  Mock m(petstore);
  auto response = m.get("GET", "/v1/pets");
  CHECK(response.status == 200);
  CHECK(header(response, "Content-Type") == "application/json");
  CHECK(Json::parse(response.body) == Json::parse(R"({"items": [{"id": 1, "name": "Rex"}]})"));
  CHECK(header(response, "X-Rate-Limit") == "10");    // a sample of its schema
  CHECK(header(response, "X-Request-Ids") == "a,b");  // its example, in the simple style
  CHECK(m.conformance("GET", "/v1/pets").empty());
}

TEST_CASE("the body comes from the media type's example, else a schema sample") {
  Mock m(petstore);
  auto pet = m.get("GET", "/pets/7");
  CHECK(Json::parse(pet.body) == Json::parse(R"({"id": 7, "name": "Fido", "tag": "dog"})"));
  auto created = m.get("POST", "/pets");
  CHECK(created.status == 201);
  CHECK(Json::parse(created.body) == Json::parse(R"({"id": 1, "name": "example"})"));
  CHECK(m.conformance("POST", "/pets").empty());
  auto owners = m.get("GET", "/owners");
  CHECK(owners.status == 200);                                  // "2XX" answers as 200
  CHECK(header(owners, "Content-Type") == "application/json");  // "*/*" served as JSON
  CHECK(Json::parse(owners.body) == Json::parse(R"([{"name": "Ada"}])"));
  CHECK(m.conformance("GET", "/owners").empty());
  auto deleted = m.get("DELETE", "/pets/7");
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(header(deleted, "Content-Type") == "<absent>");
}

TEST_CASE("Prefer: code picks a documented status (exact, range, default); an undocumented one is refused") {
  Mock m(petstore);
  auto not_found = m.get("GET", "/pets", {{"Prefer", "code=404"}});
  CHECK(not_found.status == 404);
  CHECK(header(not_found, "Content-Type") == "application/problem+json");
  CHECK(Json::parse(not_found.body) == Json::parse(R"({"title": "example"})"));
  CHECK(m.conformance("GET", "/pets", {{"Prefer", "code=404"}}).empty());
  auto by_default = m.get("GET", "/pets", {{"Prefer", "code=503"}});
  CHECK(by_default.status == 503);
  CHECK(Json::parse(by_default.body) == Json::parse(R"({"title": "it broke"})"));
  CHECK(m.conformance("GET", "/pets", {{"Prefer", "code=503"}}).empty());
  auto created = m.get("GET", "/pets", {{"Prefer", "code=201"}});
  CHECK(created.status == 201);

  auto refused = m.get("GET", "/pets/7", {{"Prefer", "code=418"}});
  CHECK(refused.status == 400);
  CHECK(header(refused, "Content-Type") == "application/problem+json");
  CHECK(Json::parse(refused.body)["detail"] ==
        "the contract documents no response 418 for GET /pets/{petId} (documented: 200)");
}

TEST_CASE("Prefer: example picks a named example, in the chosen response or, without a code, any response") {
  Mock m(petstore);
  auto none = m.get("GET", "/pets", {{"Prefer", "example=none"}});
  CHECK(none.status == 200);
  CHECK(Json::parse(none.body) == Json::parse(R"({"items": []})"));  // through a $ref'd Example Object
  auto broken = m.get("GET", "/pets", {{"Prefer", "example=\"broken\""}});
  CHECK(broken.status == 200);  // `default` answers as 200 when no code is preferred
  CHECK(Json::parse(broken.body) == Json::parse(R"({"title": "it broke"})"));
  auto both = m.get("GET", "/pets", {{"Prefer", "code=500; example=broken"}});
  CHECK(both.status == 500);
  auto missing = m.get("GET", "/pets", {{"Prefer", "code=200, example=broken"}});
  CHECK(missing.status == 400);
  CHECK(Json::parse(missing.body)["detail"] == "no example named 'broken' is documented for GET /pets response 200");
}

TEST_CASE("content negotiation by Accept among the documented media types; 406 when none is acceptable") {
  Mock m(petstore);
  auto csv = m.get("GET", "/pets", {{"Accept", "text/csv"}});
  CHECK(header(csv, "Content-Type") == "text/csv");
  CHECK(csv.body == "id,name\n1,Rex\n");
  auto ranked = m.get("GET", "/pets", {{"Accept", "application/json;q=0.5, text/*;q=0.9"}});
  CHECK(header(ranked, "Content-Type") == "text/csv");
  auto any = m.get("GET", "/pets", {{"Accept", "*/*"}});
  CHECK(header(any, "Content-Type") == "application/json");
  auto excluded = m.get("GET", "/pets", {{"Accept", "text/csv;q=0, application/*"}});
  CHECK(header(excluded, "Content-Type") == "application/json");
  auto refused = m.get("GET", "/pets", {{"Accept", "image/png"}});
  CHECK(refused.status == 406);
  CHECK(Json::parse(refused.body)["available"] == Json::parse(R"(["application/json", "text/csv"])"));
  CHECK(m.conformance("GET", "/pets", {{"Accept", "text/csv"}}).empty());
  // A documented "*/*" takes the client's concrete choice.
  CHECK(header(m.get("GET", "/owners", {{"Accept", "application/vnd.owners+json"}}), "Content-Type") ==
        "application/vnd.owners+json");
}

TEST_CASE("no matching path: 404 naming the nearest paths; a path without the method: 405 with Allow") {
  Mock m(petstore);
  auto missing = m.get("GET", "/v1/pet");
  CHECK(missing.status == 404);
  CHECK(header(missing, "Content-Type") == "application/problem+json");
  auto body = Json::parse(missing.body);
  CHECK(body["status"] == 404);
  CHECK(body["nearestPaths"].at(0) == "/pets");
  CHECK(body["detail"].get<std::string>().starts_with("no operation of the contract matches GET /v1/pet; nearest"));

  auto method = m.get("PUT", "/pets/7");
  CHECK(method.status == 405);
  CHECK(header(method, "Allow") == "GET, DELETE");
  CHECK(Json::parse(method.body)["allowed"] == Json::parse(R"(["GET", "DELETE"])"));
}

TEST_CASE("HEAD answers like GET without a body; CORS preflights and origins are answered") {
  Mock m(petstore);
  auto head = m.get("HEAD", "/pets/7");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(header(head, "Content-Type") == "application/json");

  auto preflight = m.get("OPTIONS", "/pets/7",
                         {{"Origin", "http://localhost:3000"},
                          {"Access-Control-Request-Method", "DELETE"},
                          {"Access-Control-Request-Headers", "x-token"}});
  CHECK(preflight.status == 204);
  CHECK(header(preflight, "Access-Control-Allow-Origin") == "http://localhost:3000");
  CHECK(header(preflight, "Access-Control-Allow-Methods") == "GET, DELETE");
  CHECK(header(preflight, "Access-Control-Allow-Headers") == "x-token");
  auto cross = m.get("GET", "/pets/7", {{"Origin", "http://localhost:3000"}});
  CHECK(header(cross, "Access-Control-Allow-Origin") == "*");
  CHECK(header(m.get("GET", "/pets/7"), "Access-Control-Allow-Origin") == "<absent>");

  auto workspace = test::inline_contract(petstore);
  auto strict = MockResponder::create(workspace, dev::MockOptions{.cors = false});
  REQUIRE(strict.has_value());
  http::Request options{"OPTIONS", "/pets/7", {{"Origin", "x"}, {"Access-Control-Request-Method", "GET"}}, {}};
  CHECK((*strict)->respond(options).status == 405);
}

TEST_CASE("3.1 schemas, nullable types, writeOnly properties, and schema examples all pass the checker") {
  Mock m(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /users/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: a user
          headers:
            X-Page: {schema: {type: object, properties: {n: {type: integer}}, required: [n]}, explode: true}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
components:
  schemas:
    User:
      type: object
      required: [id, password, nickname, roles, since]
      properties:
        id: {type: integer, readOnly: true, minimum: 100}
        password: {type: string, writeOnly: true}
        nickname: {type: ['null', string]}
        roles: {type: array, minItems: 2, items: {enum: [admin, user]}}
        since: {type: string, format: date-time}
        address: {$ref: '#/components/schemas/User'}
)");
  auto response = m.get("GET", "/users/1");
  CHECK(response.status == 200);
  CHECK(header(response, "X-Page") == "n=1");
  INFO(response.body);
  CHECK(m.conformance("GET", "/users/1") == std::vector<std::string>{});
}

TEST_CASE("respond is safe from several threads at once") {
  Mock m(petstore);
  std::vector<std::thread> threads;
  std::vector<int> answered(4, 0);
  for (std::size_t t = 0; t < answered.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        answered[t] += m.get("GET", "/pets/" + std::to_string(i + 1)).status == 200;
        answered[t] += m.get("POST", "/pets").status == 201;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : answered) CHECK(count == 200);
}

TEST_CASE("Swagger 2.0 is refused") {
  auto made =
      MockResponder::create(test::inline_contract("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"));
  REQUIRE_FALSE(made.has_value());
  CHECK(made.error().code == "unsupported-version");
}

namespace {

// A request for an operation: each path parameter replaced by a sample of its schema.
std::string sample_target(contract::Workspace& workspace, const contract::OperationEntry& operation,
                          const std::string& base) {
  std::vector<contract::NodeRef> parameters;
  for (contract::NodeRef list : {operation.path_item["parameters"], operation.operation["parameters"]}) {
    for (auto item : list.members()) {
      auto parameter = workspace.deref(item.value);
      if (parameter && (*parameter)["in"].text() == "path") parameters.push_back(*parameter);
    }
  }
  std::string target = base + operation.path;
  for (contract::NodeRef parameter : parameters) {
    std::string placeholder = "{" + std::string(parameter["name"].text()) + "}";
    auto sample = contract::sample_for_schema(workspace, parameter["schema"]);
    std::string text = sample.is_string() ? sample.get<std::string>() : sample.dump();
    if (auto at = target.find(placeholder); at != std::string::npos) target.replace(at, placeholder.size(), text);
  }
  return target;
}

}  // namespace

TEST_CASE("corpus: the mock's response to every operation passes the checker's response rules") {
  // OAI's petstore-expanded (3.0, allOf), swagger-api's Petstore v3 (3.0, 19 operations, XML and form media
  // types, a $ref'd request body), Redocly's museum (3.1, examples by name, type arrays).
  const std::filesystem::path corpus = "../shared/corpus";
  if (!std::filesystem::exists(corpus)) {
    WARN("../shared/corpus is absent: corpus mock test skipped");
    return;
  }
  for (const char* name :
       {"oai/v3.0/petstore-expanded.yaml", "swagger-petstore/openapi.yaml", "redocly/museum-openapi.yaml"}) {
    INFO(name);
    auto workspace = std::make_shared<contract::Workspace>();
    REQUIRE(workspace->open(corpus / name, name).has_value());
    auto mock = MockResponder::create(workspace);
    REQUIRE(mock.has_value());
    auto checker = contract::ContractChecker::create(workspace);
    REQUIRE(checker.has_value());
    std::string base =
        (*checker)->operations().base_paths().empty() ? "" : (*checker)->operations().base_paths().front();
    std::size_t exchanges = 0;
    for (const auto& operation : (*checker)->operations().operations()) {
      // The default choice, then each documented status through Prefer.
      std::vector<std::string> preferences{""};
      for (auto member : operation.operation["responses"].members()) {
        std::string key(member.key);
        if (key.size() == 3 && std::isdigit(static_cast<unsigned char>(key[0])) &&
            std::isdigit(static_cast<unsigned char>(key[2]))) {
          preferences.push_back("code=" + key);
        }
      }
      for (const std::string& preference : preferences) {
        http::Exchange exchange;
        exchange.request.method = operation.method;
        exchange.request.target = sample_target(*workspace, operation, base);
        if (!preference.empty()) exchange.request.headers.push_back({"Prefer", preference});
        exchange.response = (*mock)->respond(exchange.request);
        INFO(operation.name() << " " << preference << " -> " << exchange.response.status << " "
                              << exchange.response.body);
        CHECK(exchange.response.status < 400 + (preference.empty() ? 0 : 200));
        for (const auto& violation : (*checker)->check(exchange)) {
          if (violation.rule.starts_with("response-") || violation.rule == "schema-uncheckable" ||
              violation.rule.ends_with("-undocumented")) {
            FAIL_CHECK(violation.text());
          }
        }
        ++exchanges;
      }
    }
    CHECK(exchanges >= (*checker)->operations().operations().size());
  }
}

TEST_CASE("junk in Prefer and Accept is answered, never a crash") {
  Mock m(petstore);
  CHECK(m.get("GET", "/pets", {{"Prefer", "code=abc"}}).status == 400);
  CHECK(m.get("GET", "/pets", {{"Prefer", "code=99999999999999999999"}}).status == 400);
  CHECK(m.get("GET", "/pets", {{"Prefer", ",,;;=;code"}}).status == 400);             // an empty code is refused too
  CHECK(m.get("GET", "/pets", {{"Prefer", "respond-async, wait=5"}}).status == 200);  // other preferences ignored
  CHECK(m.get("GET", "/pets", {{"Accept", ";;;,q=x, , */*;q=abc"}}).status == 200);
  CHECK(m.get("GET", "/pets", {{"Accept", "application/json;q=0"}}).status == 406);  // q=0 means "not this"
  auto raw = m.get("GET", "/\xff");
  CHECK(raw.status == 404);
  CHECK(Json::parse(raw.body)["detail"].get<std::string>().starts_with(
      "no operation of the contract matches GET /\xEF\xBF\xBD;"));
}

TEST_CASE("an operation that documents no response is answered 501 with a problem saying so") {
  Mock m(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /todo:
    get:
      responses: {}
)");
  auto answer = m.get("GET", "/todo", {});
  CHECK(answer.status == 501);
  CHECK(header(answer, "Content-Type") == "application/problem+json");
  CHECK(Json::parse(answer.body)["detail"] == "the contract documents no response for GET /todo");
}
