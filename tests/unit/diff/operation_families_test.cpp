// Operation families: path-level parameters, renamed response media types, webhook and callback contents
// (requests the API sends, compared with their directions inverted) and OAuth scopes of security schemes.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "diff/diff.hpp"
#include "support/diff_fixture.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;

namespace {

diff::DiffResult diff_texts(const std::string& base, const std::string& revision) {
  test::ScratchFolder folder("operation-families");
  auto base_file = folder.write("base.yaml", base);
  auto revision_file = folder.write("revision.yaml", revision);
  auto base_contract = diff::open_contract(base_file.string());
  REQUIRE(base_contract.has_value());
  auto revision_contract = diff::open_contract(revision_file.string());
  REQUIRE(revision_contract.has_value());
  auto result = diff::diff_contracts(**base_contract, **revision_contract);
  REQUIRE(result.has_value());
  return std::move(*result);
}

const diff::Change* find(const diff::DiffResult& result, const std::string& id) {
  for (const auto& change : result.changes) {
    if (change.id == id) return &change;
  }
  return nullptr;
}

std::string with_response_media_type(const std::string& media_type) {
  return R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200':
          description: the pets
          content:
            )" +
         media_type +
         R"(:
              schema: {type: array, items: {type: string}}
)";
}

}  // namespace

TEST_CASE("a parameter added on the Path Item is a default parameter of each operation", "[diff]") {
  const std::string base = R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
    post:
      parameters:
        - {name: tenant, in: query, schema: {type: string}}
      responses: {'201': {description: created}}
)";
  const std::string revision = R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    parameters:
      - {name: tenant, in: query, schema: {type: string}}
      - {name: X-Region, in: header, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
    post:
      parameters:
        - {name: tenant, in: query, schema: {type: string}}
      responses: {'201': {description: created}}
)";
  auto result = diff_texts(base, revision);
  // GET gains both path-level parameters and one of its own; POST only the header (it already had tenant).
  CHECK(test::change_ids(result) ==
        std::multiset<std::string>{"new-optional-request-default-parameter-to-existing-path",
                                   "new-required-request-default-parameter-to-existing-path",
                                   "new-required-request-default-parameter-to-existing-path",
                                   "new-required-request-parameter"});
  const diff::Change* own = find(result, "new-required-request-parameter");
  REQUIRE(own != nullptr);
  CHECK(own->message.find("'limit'") != std::string::npos);
}

TEST_CASE("a response media type renamed to a related one is reported as a rename", "[diff]") {
  SECTION("to a more general type breaks clients") {
    auto result =
        diff_texts(with_response_media_type("application/problem+json"), with_response_media_type("application/json"));
    CHECK(test::change_ids(result) == std::multiset<std::string>{"response-media-type-name-generalized"});
    CHECK(result.changes.front().level == diff::Level::err);
  }
  SECTION("to a more specific type does not") {
    auto result =
        diff_texts(with_response_media_type("application/xml"), with_response_media_type("application/atom+xml"));
    CHECK(test::change_ids(result) == std::multiset<std::string>{"response-media-type-name-specialized"});
  }
  SECTION("only its parameters changed") {
    auto result = diff_texts(with_response_media_type("application/json"),
                             with_response_media_type("'application/json; charset=utf-8'"));
    CHECK(test::change_ids(result) == std::multiset<std::string>{"response-media-type-name-changed"});
  }
  SECTION("an unrelated type is a removal and an addition") {
    auto result = diff_texts(with_response_media_type("application/json"), with_response_media_type("application/xml"));
    CHECK(test::change_ids(result) ==
          std::multiset<std::string>{"response-media-type-added", "response-media-type-removed"});
  }
}

TEST_CASE("webhook and callback contents are compared with their directions inverted", "[diff]") {
  // The API sends the webhook's and the callback's request bodies and reads their responses.
  auto contract = [](const std::string& sent, const std::string& answer) {
    return R"(openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
paths:
  /subscriptions:
    post:
      responses: {'201': {description: subscribed}}
      callbacks:
        onPet:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {)" +
           sent + R"(}}
              responses:
                '200':
                  description: received
                  content:
                    application/json:
                      schema: {type: object, properties: {)" +
           answer + R"(}}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {)" +
           sent + R"(}}
      responses:
        '200':
          description: received
          content:
            application/json:
              schema: {type: object, properties: {)" +
           answer + R"(}}
)";
  };
  SECTION("a property the API no longer sends breaks receivers") {
    auto result = diff_texts(contract("id: {type: string}, name: {type: string}", "ok: {type: boolean}"),
                             contract("id: {type: string}", "ok: {type: boolean}"));
    CHECK(test::change_ids(result) ==
          std::multiset<std::string>{"response-optional-property-removed", "response-optional-property-removed"});
    for (const auto& change : result.changes) CHECK(change.level == diff::Level::warn);
    std::set<std::string> subjects;
    for (const auto& change : result.changes) subjects.insert(change.subject.substr(0, change.subject.find(' ')));
    CHECK(subjects == std::set<std::string>{"callback", "webhook"});
  }
  SECTION("a property the API sends in addition is compatible") {
    auto result = diff_texts(contract("id: {type: string}", "ok: {type: boolean}"),
                             contract("id: {type: string}, name: {type: string}", "ok: {type: boolean}"));
    for (const auto& change : result.changes) CHECK(change.level == diff::Level::info);
  }
  SECTION("an answer the API now requires from receivers breaks them") {
    auto result = diff_texts(contract("id: {type: string}", "ok: {type: boolean}"),
                             contract("id: {type: string}", "ok: {type: string}"));
    CHECK(test::change_ids(result) ==
          std::multiset<std::string>{"request-property-type-changed", "request-property-type-changed"});
  }
}

TEST_CASE("an OAuth scope whose description changed is reported", "[diff]") {
  auto contract = [](const std::string& description) {
    return R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths: {}
components:
  securitySchemes:
    petstore_auth:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://auth.example.com/authorize
          scopes:
            'read:pets': )" +
           description + R"(
            'write:pets': modify your pets
)";
  };
  auto result = diff_texts(contract("read your pets"), contract("grants access to pets (deprecated)"));
  REQUIRE(test::change_ids(result) == std::multiset<std::string>{"api-security-component-oauth-scope-changed"});
  CHECK(result.changes.front().level == diff::Level::info);
  CHECK(result.changes.front().message.find("'read:pets'") != std::string::npos);
  CHECK(diff_texts(contract("read your pets"), contract("read your pets")).changes.empty());
}
