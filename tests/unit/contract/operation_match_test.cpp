// Operation matching: literal paths before templated ones, several parameters a segment, percent-decoding,
// server base paths (variables, relative urls, path-level servers), methods, HEAD, and the nearest paths.
#include <catch2/catch.hpp>

#include <string>

#include "contract/operation_match.hpp"
#include "support/inline_contract.hpp"

using namespace apictl;
using contract::MatchFailure;
using contract::OperationTable;

namespace {

// A table over `text`; the workspace lives as long as the table needs it.
struct Table {
  explicit Table(std::string_view text) : workspace(test::inline_contract(text)), table(make(*workspace)) {}
  static OperationTable make(contract::Workspace& workspace) {
    auto spec = contract::detect_version(workspace.root());
    REQUIRE(spec.has_value());
    return OperationTable(workspace, *spec);
  }
  // "GET /pets/{id}" of the operation `method path` reaches, or "miss: <message>".
  std::string reach(std::string_view method, std::string_view path) const {
    auto match = table.match(method, path);
    if (!match) return "miss: " + match.error().message();
    return match->operation->name();
  }
  std::shared_ptr<contract::Workspace> workspace;
  OperationTable table;
};

constexpr std::string_view pets = R"(openapi: 3.0.3
info: {title: pets, version: '1'}
paths:
  /pets:
    get: {operationId: listPets, responses: {'200': {description: ok}}}
    post: {operationId: createPet, responses: {'201': {description: ok}}}
  /pets/{petId}:
    get: {operationId: getPet, responses: {'200': {description: ok}}}
    delete: {operationId: deletePet, responses: {'204': {description: ok}}}
    post: {operationId: updatePet, responses: {'200': {description: ok}}}
  /pets/mine:
    get: {operationId: myPets, responses: {'200': {description: ok}}}
  /pets/{petId}/photos/{photoId}:
    get: {responses: {'200': {description: ok}}}
  /files/{name}.{ext}:
    get: {operationId: fileAnyType, responses: {'200': {description: ok}}}
  /files/{name}.json:
    get: {operationId: fileJson, responses: {'200': {description: ok}}}
  /:
    get: {operationId: home, responses: {'200': {description: ok}}}
  /empty: {}
)";

}  // namespace

TEST_CASE("a literal path wins over a templated one, segment by segment") {
  Table t(pets);
  CHECK(t.reach("GET", "/pets/mine") == "GET /pets/mine");
  CHECK(t.reach("GET", "/pets/7") == "GET /pets/{petId}");
  CHECK(t.reach("GET", "/pets") == "GET /pets");
  CHECK(t.reach("GET", "/") == "GET /");
  CHECK(t.reach("GET", "") == "GET /");
  // The literal path documents no POST, so the templated one that does answers.
  CHECK(t.reach("POST", "/pets/mine") == "POST /pets/{petId}");
}

TEST_CASE("the match names the operation, its NodeRefs and the captured parameters in template order") {
  Table t(pets);
  auto match = t.table.match("get", "/pets/7/photos/a%20b");
  REQUIRE(match.has_value());
  CHECK(match->operation->method == "GET");
  CHECK(match->operation->path == "/pets/{petId}/photos/{photoId}");
  CHECK(match->operation->operation_id.empty());
  CHECK(match->operation->operation.pointer() == "/paths/~1pets~1{petId}~1photos~1{photoId}/get");
  CHECK(match->operation->path_item.pointer() == "/paths/~1pets~1{petId}~1photos~1{photoId}");
  REQUIRE(match->parameters.size() == 2);
  CHECK(match->parameters[0].name == "petId");
  CHECK(match->parameters[0].value == "7");
  CHECK(match->parameters[1].name == "photoId");
  CHECK(match->parameters[1].value == "a b");
  CHECK(match->parameter("photoId") == std::optional<std::string_view>("a b"));
  CHECK_FALSE(match->parameter("nope").has_value());

  auto get_pet = t.table.match("GET", "/pets/7");
  REQUIRE(get_pet.has_value());
  CHECK(get_pet->operation->operation_id == "getPet");
}

TEST_CASE("captured values are percent-decoded after the path is split, so %2F stays inside one segment") {
  Table t(pets);
  auto match = t.table.match("GET", "/pets/a%2Fb%zz");
  REQUIRE(match.has_value());
  CHECK(match->operation->path == "/pets/{petId}");
  CHECK(match->parameters.at(0).value == "a/b%zz");           // a malformed escape stays as written
  CHECK(t.reach("GET", "/pets/%6Dine") == "GET /pets/mine");  // literal segments compare decoded
}

TEST_CASE("several parameters in one segment, and more literal text wins") {
  Table t(pets);
  auto match = t.table.match("GET", "/files/report.final.pdf");
  REQUIRE(match.has_value());
  CHECK(match->operation->operation_id == "fileAnyType");
  CHECK(match->parameter("name") == std::optional<std::string_view>("report.final"));
  CHECK(match->parameter("ext") == std::optional<std::string_view>("pdf"));
  auto json = t.table.match("GET", "/files/data.json");
  REQUIRE(json.has_value());
  CHECK(json->operation->operation_id == "fileJson");
  CHECK(json->parameter("name") == std::optional<std::string_view>("data"));
  CHECK(t.reach("GET", "/files/noextension").starts_with("miss: no path"));
  CHECK(t.reach("GET", "/files/.pdf").starts_with("miss: no path"));  // parameters are never empty
}

TEST_CASE("a documented path without the method gives the allowed methods; no path gives no_path") {
  Table t(pets);
  auto miss = t.table.match("PUT", "/pets/7");
  REQUIRE_FALSE(miss.has_value());
  CHECK(miss.error().failure == MatchFailure::method_not_documented);
  CHECK(miss.error().path == "/pets/{petId}");
  CHECK(miss.error().allowed == std::vector<std::string>{"GET", "DELETE", "POST"});
  CHECK(miss.error().message() == "path matches but method not documented (allowed: GET, DELETE, POST)");

  auto none = t.table.match("GET", "/owners");
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().failure == MatchFailure::no_path);
  CHECK(none.error().message() == "no path of the contract matches");
  // A path item without operations documents nothing.
  CHECK(t.table.match("GET", "/empty").error().failure == MatchFailure::no_path);
  // A trailing slash is another path, and an empty segment matches no parameter.
  CHECK(t.reach("GET", "/pets/") == "miss: no path of the contract matches");
  CHECK(t.reach("GET", "/pets//photos/1") == "miss: no path of the contract matches");
}

TEST_CASE("HEAD falls back to GET when HEAD is not documented; methods are case-insensitive") {
  Table t(pets);
  auto head = t.table.match("HEAD", "/pets/7");
  REQUIRE(head.has_value());
  CHECK(head->operation->method == "GET");
  CHECK(head->head_as_get);
  auto get = t.table.match("get", "/pets/7");
  REQUIRE(get.has_value());
  CHECK_FALSE(get->head_as_get);
}

TEST_CASE("the query, the fragment and an absolute-form target's authority are not part of the path") {
  Table t(pets);
  CHECK(t.reach("GET", "/pets/7?verbose=1") == "GET /pets/{petId}");
  CHECK(t.reach("GET", "http://localhost:8000/pets/mine") == "GET /pets/mine");
  CHECK(t.reach("GET", "https://localhost:8000") == "GET /");
}

TEST_CASE("server urls give base paths that may prefix requests; requests without a base match too") {
  Table t(R"(openapi: 3.1.0
info: {title: t, version: '1'}
servers:
  - url: https://api.example.com/v1/
  - url: /api
  - url: '{scheme}://{host}/{version}'
    variables:
      scheme: {default: https}
      host: {default: example.com}
      version: {default: v3, enum: [v3, v4]}
  - url: https://{region}.example.com/{unknown}
    variables:
      region: {default: eu}
paths:
  /pets:
    get: {responses: {'200': {description: ok}}}
  /admin:
    servers: [{url: https://internal.example.com/internal}]
    get: {responses: {'200': {description: ok}}}
    post:
      servers: [{url: https://internal.example.com/ops}]
      responses: {'200': {description: ok}}
)");
  CHECK(t.table.base_paths() == std::vector<std::string>{"/internal", "/api", "/ops", "/v1", "/v3", "/v4"});
  auto v1 = t.table.match("GET", "/v1/pets");
  REQUIRE(v1.has_value());
  CHECK(v1->operation->path == "/pets");
  CHECK(v1->base_path == "/v1");
  CHECK(t.reach("GET", "/api/pets") == "GET /pets");
  CHECK(t.reach("GET", "/v4/pets") == "GET /pets");
  CHECK(t.reach("GET", "/pets") == "GET /pets");
  CHECK(t.table.match("GET", "/pets")->base_path.empty());
  CHECK(t.reach("GET", "/v2/pets") == "miss: no path of the contract matches");
  CHECK(t.reach("GET", "/v1pets") == "miss: no path of the contract matches");
  // Path-level and operation-level servers replace the root's for their operations.
  CHECK(t.reach("GET", "/internal/admin") == "GET /admin");
  CHECK(t.reach("GET", "/v1/admin") == "miss: no path of the contract matches");
  CHECK(t.reach("POST", "/ops/admin") == "POST /admin");
  CHECK(t.reach("POST", "/internal/admin") == "miss: path matches but method not documented (allowed: GET)");
}

TEST_CASE("a base path that equals a path's first segment does not hide the path") {
  Table t(R"(openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: /api}]
paths:
  /api/status:
    get: {responses: {'200': {description: ok}}}
  /status:
    post: {responses: {'200': {description: ok}}}
)");
  // "/api/status" strips to "/status" (POST only) first; the bare path then documents GET.
  CHECK(t.reach("GET", "/api/status") == "GET /api/status");
  CHECK(t.reach("POST", "/api/status") == "POST /status");
}

TEST_CASE("path items behind $refs and operations of OpenAPI 3.2's query method are in the table") {
  Table t(R"(openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    $ref: '#/components/pathItems/Pet'
components:
  pathItems:
    Pet:
      query: {operationId: queryPet, responses: {'200': {description: ok}}}
      x-extension: {}
)");
  CHECK(t.reach("QUERY", "/pets/1") == "QUERY /pets/{id}");
  CHECK(t.table.operations().size() == 1);
}

TEST_CASE("nearest paths for a 404: spelling of the literal parts, parameters taking the request's values") {
  Table t(pets);
  CHECK(t.table.nearest_paths("/pet", 3).front() == "/pets");
  CHECK(t.table.nearest_paths("/pets/7/photo/1", 3).front() == "/pets/{petId}/photos/{photoId}");
  CHECK(t.table.nearest_paths("/a-completely-different-and-long-path", 3).empty());
  CHECK(t.table.nearest_paths("/pets/7", 1).size() == 1);
}

TEST_CASE("split_path and percent_decode") {
  CHECK(contract::split_path("/") == std::vector<std::string>{});
  CHECK(contract::split_path("/a/b") == std::vector<std::string>{"a", "b"});
  CHECK(contract::split_path("/a//b/") == std::vector<std::string>{"a", "", "b", ""});
  CHECK(contract::percent_decode("a%20b%2fc+d%") == "a b/c+d%");
  CHECK(contract::percent_decode("%E2%82%AC") == "\xE2\x82\xAC");
}

TEST_CASE("adjacent parameters in a segment match, and a hostile request cannot make matching slow") {
  Table t(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x/{a}{b}{c}{d}{e}-end:
    get: {responses: {'200': {description: ok}}}
)");
  auto match = t.table.match("GET", "/x/abcde-end");
  REQUIRE(match.has_value());
  CHECK(match->parameter("a") == std::optional<std::string_view>("a"));
  CHECK(match->parameter("e") == std::optional<std::string_view>("e"));
  // Without the literal end every split of 3,000 characters would be tried; the budget stops that.
  CHECK_FALSE(t.table.match("GET", "/x/" + std::string(3000, 'a')).has_value());
}
