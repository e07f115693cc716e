// Case generation for `contract test`: examples first, all fields and required only, each boundary (inclusive,
// 3.0 and 3.1 exclusive, multipleOf) and enum value, null for 3.0 nullable and 3.1 type arrays, the budget,
// determinism by seed, and every generated request conforming to the contract's request side.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "contract/conformance.hpp"
#include "contract_test/case_generation.hpp"
#include "support/inline_contract.hpp"

using namespace apictl;
using contract_test::TestCase;

namespace {

constexpr std::string_view items_contract = R"(
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: after, in: query, schema: {type: integer, minimum: 0, exclusiveMinimum: true, multipleOf: 5}}
        - {name: category, in: query, required: true, schema: {type: string, enum: [tools, toys, food]}}
        - {name: X-Trace, in: header, schema: {type: string, minLength: 2, maxLength: 4}}
      responses: {"200": {description: ok}}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                id: {type: integer, readOnly: true}
                name: {type: string, minLength: 1, maxLength: 8}
                price: {type: number, minimum: 0, maximum: 10, exclusiveMaximum: true}
                note: {type: string, nullable: true}
                tags: {type: array, maxItems: 3, items: {type: string, enum: [a, b]}}
      responses: {"201": {description: created}}
  /items/{itemId}:
    get:
      parameters:
        - {name: itemId, in: path, required: true, schema: {type: integer, minimum: 1}, example: 7}
      responses: {"200": {description: ok}}
)";

struct Generated {
  std::shared_ptr<contract::Workspace> workspace;
  std::unique_ptr<contract::ContractChecker> checker;
  std::vector<TestCase> cases;
};

Generated generate(std::string_view text, std::string_view operation, contract_test::CaseOptions options = {}) {
  Generated out;
  out.workspace = test::inline_contract(text);
  auto checker = contract::ContractChecker::create(out.workspace);
  if (!checker) FAIL(format_diagnostic(checker.error()));
  out.checker = std::move(*checker);
  for (const auto& entry : out.checker->operations().operations()) {
    if (entry.name() == operation) {
      out.cases = contract_test::generate_cases(*out.workspace, out.checker->spec(), entry, options);
      return out;
    }
  }
  FAIL("no operation " << operation);
  return out;
}

const TestCase* labelled(const std::vector<TestCase>& cases, std::string_view label) {
  auto found = std::ranges::find_if(cases, [&](const TestCase& c) { return c.label == label; });
  return found == cases.end() ? nullptr : &*found;
}

bool has_target_with(const std::vector<TestCase>& cases, std::string_view piece) {
  return std::ranges::any_of(cases,
                             [&](const TestCase& c) { return c.request.target.find(piece) != std::string::npos; });
}

}  // namespace

TEST_CASE("boundaries of numeric and length constraints are sent, each labelled", "[contract-test]") {
  auto generated = generate(items_contract, "GET /items");
  const auto& cases = generated.cases;
  // The minimum is also the typical value, so "all fields" already sends it (identical requests go once).
  CHECK(has_target_with(cases, "limit=1&"));
  const TestCase* maximum = labelled(cases, "query 'limit': maximum");
  REQUIRE(maximum);
  CHECK(maximum->request.target.find("limit=100&") != std::string::npos);
  // 3.0's boolean exclusiveMinimum with multipleOf 5: the lowest valid value is 5, not 0 or 1.
  CHECK(has_target_with(cases, "after=5&"));
  CHECK_FALSE(has_target_with(cases, "after=0&"));
  CHECK_FALSE(has_target_with(cases, "after=1&"));
  // Strings of exactly minLength and maxLength in a header.
  auto header_of = [](const TestCase* c) {
    return c ? http::find_header(c->request.headers, "X-Trace").value_or("") : std::string_view();
  };
  CHECK(header_of(labelled(cases, "header 'X-Trace': minLength")).size() == 2);
  CHECK(header_of(labelled(cases, "header 'X-Trace': maxLength")).size() == 4);
}

TEST_CASE("every enum value is sent", "[contract-test]") {
  auto generated = generate(items_contract, "GET /items");
  for (std::string value : {"tools", "toys", "food"}) {
    INFO(value);
    CHECK(has_target_with(generated.cases, "category=" + value));
    if (value != "tools") CHECK(labelled(generated.cases, "query 'category': enum \"" + value + "\""));
  }
}

TEST_CASE("all fields, required only, and body boundaries; readOnly properties are never sent", "[contract-test]") {
  auto generated = generate(items_contract, "POST /items");
  const TestCase* all = labelled(generated.cases, "all fields");
  const TestCase* required = labelled(generated.cases, "required only");
  REQUIRE(all);
  REQUIRE(required);
  auto all_body = nlohmann::json::parse(all->request.body);
  auto required_body = nlohmann::json::parse(required->request.body);
  CHECK(all_body.contains("price"));
  CHECK(all_body.contains("tags"));
  CHECK(required_body == nlohmann::json{{"name", "example"}});
  CHECK(http::find_header(all->request.headers, "Content-Type") == "application/json");
  for (const TestCase& c : generated.cases) {
    INFO(c.label << ": " << c.request.body);
    CHECK(nlohmann::json::parse(c.request.body).contains("id") == false);
  }
  // 3.0 exclusiveMaximum: true on 10 gives the largest double below 10; nullable gives null.
  const TestCase* price = labelled(generated.cases, "body /price: just below exclusiveMaximum");
  REQUIRE(price);
  double sent = nlohmann::json::parse(price->request.body)["price"].get<double>();
  CHECK(sent < 10.0);
  CHECK(sent > 9.999999);
  const TestCase* note = labelled(generated.cases, "body /note: null");
  REQUIRE(note);
  CHECK(nlohmann::json::parse(note->request.body)["note"].is_null());
  const TestCase* name = labelled(generated.cases, "body /name: maxLength");
  REQUIRE(name);
  CHECK(nlohmann::json::parse(name->request.body)["name"].get<std::string>().size() == 8);
  CHECK(labelled(generated.cases, "body /tags: maxItems"));
  CHECK(labelled(generated.cases, "body /tags/0: enum \"b\""));
}

TEST_CASE("3.1 type arrays with null give a null variant", "[contract-test]") {
  auto generated = generate(R"(
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /notes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                text: {type: [string, "null"], maxLength: 3}
                rank: {type: integer, exclusiveMinimum: 0, exclusiveMaximum: 10}
      responses: {"204": {description: done}}
)",
                            "POST /notes");
  const TestCase* text = labelled(generated.cases, "body /text: null");
  REQUIRE(text);
  CHECK(nlohmann::json::parse(text->request.body)["text"].is_null());
  CHECK(std::ranges::any_of(
      generated.cases, [](const TestCase& c) { return nlohmann::json::parse(c.request.body).value("rank", 0) == 1; }));
  const TestCase* high = labelled(generated.cases, "body /rank: exclusiveMaximum - 1");
  REQUIRE(high);
  CHECK(nlohmann::json::parse(high->request.body)["rank"] == 9);
  for (const TestCase& c : generated.cases) {
    int rank = nlohmann::json::parse(c.request.body).value("rank", 5);
    CHECK(rank > 0);
    CHECK(rank < 10);
  }
}

TEST_CASE("examples come first", "[contract-test]") {
  auto generated = generate(items_contract, "GET /items/{itemId}");
  REQUIRE_FALSE(generated.cases.empty());
  CHECK(generated.cases.front().label == "examples");
  CHECK(generated.cases.front().request.target == "/items/7");
}

TEST_CASE("the same seed gives the same cases; another seed other random ones", "[contract-test]") {
  auto first = generate(items_contract, "POST /items", {.seed = 42, .max_requests = 60});
  auto again = generate(items_contract, "POST /items", {.seed = 42, .max_requests = 60});
  auto other = generate(items_contract, "POST /items", {.seed = 43, .max_requests = 60});
  auto bodies = [](const std::vector<TestCase>& cases) {
    std::vector<std::string> out;
    for (const TestCase& c : cases) out.push_back(c.label + " " + c.request.target + " " + c.request.body);
    return out;
  };
  REQUIRE(labelled(first.cases, "random 1"));
  CHECK(bodies(first.cases) == bodies(again.cases));
  CHECK(bodies(first.cases) != bodies(other.cases));
}

TEST_CASE("--max-requests caps the cases, and identical requests are sent once", "[contract-test]") {
  auto capped = generate(items_contract, "GET /items", {.seed = 1, .max_requests = 3});
  CHECK(capped.cases.size() == 3);
  auto plain = generate(R"(
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /healthz:
    get:
      responses: {"200": {description: ok}}
)",
                        "GET /healthz", {.seed = 1, .max_requests = 50});
  REQUIRE(plain.cases.size() == 1);
  CHECK(plain.cases.front().label == "all fields");
}

TEST_CASE("every generated request conforms to the contract's request side", "[contract-test]") {
  for (std::string_view operation : {"GET /items", "POST /items", "GET /items/{itemId}"}) {
    auto generated = generate(items_contract, operation, {.seed = 7, .max_requests = 200});
    for (const TestCase& c : generated.cases) {
      http::Exchange exchange;
      exchange.request = c.request;
      exchange.response.status = 200;
      for (const contract::Violation& violation : generated.checker->check(exchange)) {
        INFO(operation << " case '" << c.label << "' " << c.request.target << " " << c.request.body);
        CHECK_FALSE(violation.rule.starts_with("request-"));
      }
    }
  }
}
