// contract diff: meaning over form (JSON/YAML, key order, $ref layout), cycles, ids per family, determinism, CLI.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diff/check_ids.hpp"
#include "diff/diff.hpp"
#include "report/diff_report.hpp"
#include "run.hpp"
#include "support/diff_fixture.hpp"
#include "support/golden_file.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

const fs::path shared_dir = fs::path(APICTL_SOURCE_DIR) / ".." / "shared";

const test::ScratchFolder& folder() {
  static const test::ScratchFolder scratch("diff");
  return scratch;
}

diff::DiffResult diff_files(const fs::path& base_file, const fs::path& revision_file, diff::DiffOptions options = {}) {
  auto base = diff::open_contract(base_file.string());
  REQUIRE(base.has_value());
  auto revision = diff::open_contract(revision_file.string());
  REQUIRE(revision.has_value());
  auto result = diff::diff_contracts(**base, **revision, options);
  REQUIRE(result.has_value());
  return std::move(*result);
}

// Writes the two texts as files and diffs them.
diff::DiffResult diff_texts(const std::string& name, const std::string& base, const std::string& revision,
                            diff::DiffOptions options = {}) {
  auto base_file = folder().write(name + "/base.yaml", base);
  auto revision_file = folder().write(name + "/revision.yaml", revision);
  return diff_files(base_file, revision_file, options);
}

std::string render(const diff::DiffResult& result, report::DiffFormat format) {
  std::ostringstream out;
  report::write_diff_report(out, result, format, TerminalStyle{});
  return out.str();
}

// A small contract with an operation, parameters, a body through $refs, and responses with headers.
constexpr const char* petstore = R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getPet
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses:
        '200':
          description: A pet
          headers:
            X-Rate: {required: true, schema: {type: integer}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        '404': {description: Not found}
    put:
      operationId: putPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: Stored}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 50}
        kind: {type: string, enum: [cat, dog]}
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      properties:
        name: {type: string}
        pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a contract diffed with itself has no changes", "[diff]") {
  CHECK(diff_texts("self", petstore, petstore).changes.empty());
  fs::path github = shared_dir / "corpus/github/api.github.com.2021-10-10.json";
  if (fs::exists(github)) CHECK(diff_files(github, github).changes.empty());
}

TEST_CASE("JSON vs YAML, key order and moving a schema behind a $ref are no change", "[diff]") {
  constexpr const char* inline_json = R"({"components": {}, "paths": {"/pets/{id}": {"put": {"responses": {"204":
    {"description": "Stored"}}, "requestBody": {"content": {"application/json": {"schema": {"properties": {
    "kind": {"enum": ["dog", "cat"], "type": "string"}, "name": {"maxLength": 50.0, "type": "string"}},
    "required": ["name"], "type": "object"}}}}}}}, "info": {"version": "1.0.0", "title": "Pets"},
    "openapi": "3.0.3"})";
  constexpr const char* referenced_yaml = R"(openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets/{petId}:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: Stored}
components:
  schemas:
    Pet:
      type: object
      description: Reworded descriptions are not a contract change.
      required: [name]
      properties:
        name: {$ref: '#/components/schemas/Name'}
        kind: {type: string, enum: [cat, dog]}
    Name: {type: string, maxLength: 50}
)";
  auto base = folder().write("form/base.json", inline_json);
  auto revision = folder().write("form/revision.yaml", referenced_yaml);
  CHECK(diff_files(base, revision).changes.empty());
  // Inlining back removes the components entries, which generated SDKs name types after: INFO, nothing else.
  CHECK(test::change_ids(diff_files(revision, base)) ==
        std::multiset<std::string>{"api-schema-removed", "api-schema-removed"});
}

TEST_CASE("Stripe's JSON and YAML renderings of one version have no changes", "[diff][corpus]") {
  fs::path json = shared_dir / "corpus/stripe/spec3.2022-04-12.json";
  fs::path yaml = shared_dir / "corpus/stripe/spec3.2022-04-12.yaml";
  if (!fs::exists(json) || !fs::exists(yaml)) {
    WARN("skipped: the Stripe corpus under ../shared/corpus is absent");
    return;
  }
  auto start = std::chrono::steady_clock::now();
  auto result = diff_files(json, yaml);
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("Stripe JSON vs YAML: load and diff in " << elapsed << " s");
  CHECK(result.changes.empty());
}

TEST_CASE("recursive schemas terminate and still report their changes", "[diff]") {
  constexpr const char* base = R"(openapi: 3.1.0
info: {title: Tree, version: 1.0.0}
paths:
  /tree:
    get:
      responses:
        '200':
          description: A tree
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
components:
  schemas:
    Node:
      type: object
      properties:
        value: {type: integer}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        parent: {$ref: '#/components/schemas/Parent'}
    Parent:
      type: object
      properties:
        node: {$ref: '#/components/schemas/Node'}
)";
  auto revision = replaced(base, "value: {type: integer}", "value: {type: [integer, 'null']}");
  auto result = diff_texts("cycle", base, revision);
  REQUIRE(test::change_ids(result) == std::multiset<std::string>{"response-property-became-nullable"});
  CHECK(result.changes[0].message == "response property 'value': became nullable");
}

TEST_CASE("parameters: removed, added as required, renamed path parameter, bounds and style", "[diff]") {
  SECTION("a removed query parameter is WARN, a renamed path parameter is nothing") {
    auto revision =
        replaced(petstore, "        - {name: limit, in: query, schema: {type: integer, maximum: 100}}\n", "");
    revision = replaced(revision, "/pets/{petId}:", "/pets/{id}:");
    revision = replaced(revision, "{name: petId, in: path", "{name: id, in: path");
    auto result = diff_texts("param-removed", petstore, revision);
    REQUIRE(test::change_ids(result) == std::multiset<std::string>{"request-parameter-removed"});
    const auto& change = result.changes[0];
    CHECK(change.level == diff::Level::warn);
    CHECK(change.operation.method == "GET");
    CHECK(change.operation.path == "/pets/{id}");
    CHECK(change.operation.operation_id == "getPet");
    CHECK(change.base.line == 10);
    CHECK(change.revision.file.empty());
  }
  SECTION("a new required header and a lower maximum are errors") {
    auto revision =
        replaced(petstore, "{name: X-Trace, in: header, schema", "{name: x-trace, in: header, required: true, schema");
    revision = replaced(revision, "maximum: 100", "maximum: 50");
    CHECK(test::change_ids(diff_texts("param-tightened", petstore, revision)) ==
          std::multiset<std::string>{"request-parameter-became-required", "request-parameter-max-decreased"});
  }
  SECTION("a changed serialization style") {
    auto revision = replaced(petstore, "in: query, schema", "in: query, style: spaceDelimited, schema");
    CHECK(test::change_ids(diff_texts("param-style", petstore, revision)) ==
          std::multiset<std::string>{"request-parameter-style-changed"});
  }
}

TEST_CASE("request and response schemas: direction decides what breaks", "[diff]") {
  SECTION("an enum value removed is ERR in the request body, INFO in the response") {
    auto revision = replaced(petstore, "enum: [cat, dog]", "enum: [cat]");
    auto result = diff_texts("enum-removed", petstore, revision);
    CHECK(test::change_ids(result) ==
          std::multiset<std::string>{"request-property-enum-value-removed", "response-property-enum-value-removed"});
    for (const auto& change : result.changes) {
      CHECK(change.level == (change.id.starts_with("request") ? diff::Level::err : diff::Level::info));
    }
  }
  SECTION("a new required property breaks requests and is compatible in responses") {
    auto revision = replaced(petstore, "required: [name]", "required: [name, kind]");
    CHECK(test::change_ids(diff_texts("became-required", petstore, revision)) ==
          std::multiset<std::string>{"request-property-became-required", "response-property-became-required"});
  }
  SECTION("a longer maxLength widens requests and breaks responses") {
    auto revision = replaced(petstore, "maxLength: 50", "maxLength: 80");
    CHECK(
        test::change_ids(diff_texts("max-length", petstore, revision)) ==
        std::multiset<std::string>{"request-property-max-length-increased", "response-property-max-length-increased"});
  }
}

TEST_CASE("paths, operations, bodies, statuses, media types and headers", "[diff]") {
  SECTION("a removed operation and path") {
    auto revision = replaced(petstore, "    put:\n", "    patch:\n");
    CHECK(test::change_ids(diff_texts("endpoint", petstore, revision)) ==
          std::multiset<std::string>{"api-removed-without-deprecation", "endpoint-added"});
  }
  SECTION("a removed success status, media type and required header") {
    auto revision =
        replaced(petstore, "          headers:\n            X-Rate: {required: true, schema: {type: integer}}\n", "");
    revision = replaced(revision, "'204': {description: Stored}", "'202': {description: Accepted}");
    revision = replaced(
        revision,
        "            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n        '404'",
        "            application/xml:\n              schema: {$ref: '#/components/schemas/Pet'}\n        '404'");
    CHECK(test::change_ids(diff_texts("responses", petstore, revision)) ==
          std::multiset<std::string>{"required-response-header-removed", "response-media-type-added",
                                     "response-media-type-removed", "response-success-status-added",
                                     "response-success-status-removed"});
  }
  SECTION("a request body that became optional") {
    auto revision = replaced(petstore, "        required: true\n        content:", "        content:");
    CHECK(test::change_ids(diff_texts("body-optional", petstore, revision)) ==
          std::multiset<std::string>{"request-body-became-optional"});
  }
}

TEST_CASE("output is byte-identical across runs and fingerprints are stable", "[diff]") {
  auto revision = replaced(petstore, "enum: [cat, dog]", "enum: [cat, bird]");
  revision = replaced(revision, "maximum: 100", "maximum: 10");
  auto first = diff_texts("stable", petstore, revision);
  auto second = diff_texts("stable", petstore, revision);
  CHECK(render(first, report::DiffFormat::json) == render(second, report::DiffFormat::json));
  CHECK(render(first, report::DiffFormat::text) == render(second, report::DiffFormat::text));
  std::set<std::string> fingerprints;
  for (const auto& change : first.changes) fingerprints.insert(change.fingerprint);
  CHECK(fingerprints.size() == first.changes.size());

  auto json = nlohmann::json::parse(render(first, report::DiffFormat::json));
  CHECK(json["schema"] == "apictl.diff/v1");
  CHECK(json["summary"]["total"] == first.changes.size());
  CHECK(json["changes"][0].contains("fingerprint"));
}

TEST_CASE("the id registry matches oasdiff's ids and levels", "[diff]") {
  auto table = diff::check_ids();
  for (std::size_t i = 1; i < table.size(); ++i) CHECK(table[i - 1].id < table[i].id);
  std::ifstream tsv(shared_dir / "oasdiff/check-ids.tsv");
  if (!tsv) return;
  std::string line;
  std::getline(tsv, line);
  std::size_t rows = 0;
  while (std::getline(tsv, line)) {
    std::istringstream fields(line);
    std::string id;
    std::string level;
    std::getline(fields, id, '\t');
    std::getline(fields, level, '\t');
    const diff::CheckInfo* check = diff::find_check(id);
    INFO(id);
    REQUIRE(check != nullptr);
    CHECK(check->level == *diff::parse_level(level));
    ++rows;
  }
  CHECK(rows == 509);
}

TEST_CASE("contract diff exit codes: 0 below the threshold, 1 at or above, 2 on bad input", "[diff]") {
  auto base = folder().write("cli/base.yaml", petstore);
  auto revision = folder().write("cli/revision.yaml", replaced(petstore, "maximum: 100", "maximum: 200"));
  auto run = [](std::vector<std::string> args, std::string* stdout_text = nullptr) {
    std::ostringstream out;
    std::ostringstream err;
    int code = cli::run(args, out, err);
    if (stdout_text) *stdout_text = out.str();
    return code;
  };
  std::string text;
  CHECK(run({"contract", "diff", base.string(), revision.string()}, &text) == 0);  // INFO only, fails on ERR
  CHECK(text.find("request-parameter-max-increased") != std::string::npos);
  CHECK(run({"contract", "diff", base.string(), revision.string(), "--fail-on", "INFO"}) == 1);
  CHECK(run({"contract", "diff", revision.string(), base.string()}) == 1);  // the maximum decreased: ERR
  CHECK(run({"contract", "diff", base.string(), (folder().path() / "missing.yaml").string()}) == 2);
  CHECK(run({"contract", "diff", base.string()}) == 2);
  CHECK(run({"contract", "diff", "--help"}) == 0);
}

TEST_CASE("allOf on one side only is merged: a wrapper and the schema it wraps are equal", "[diff]") {
  auto revision = replaced(petstore, "        owner: {$ref: '#/components/schemas/Owner'}",
                           "        owner:\n          allOf:\n            - $ref: '#/components/schemas/Owner'\n"
                           "          description: The owner, if any");
  CHECK(diff_texts("all-of-wrapper", petstore, revision).changes.empty());
  auto nullable = replaced(revision, "description: The owner, if any", "nullable: true");
  CHECK(test::change_ids(diff_texts("all-of-nullable", petstore, nullable)) ==
        std::multiset<std::string>{"request-property-became-nullable", "response-property-became-nullable"});
}

TEST_CASE("security requirements, schemes and scopes", "[diff]") {
  constexpr const char* base = R"(openapi: 3.0.3
info: {title: S, version: '1'}
security: [{api_key: []}]
paths:
  /pets:
    get:
      security: [{oauth: ['read:pets', 'write:pets']}]
      responses: {'200': {description: OK}}
components:
  securitySchemes:
    api_key: {type: apiKey, in: header, name: X-Key}
    oauth:
      type: oauth2
      flows: {implicit: {authorizationUrl: 'https://a.example/auth', scopes: {'read:pets': r, 'write:pets': w}}}
)";
  auto revision = replaced(base, "security: [{api_key: []}]", "security: []");
  revision = replaced(revision, "['read:pets', 'write:pets']", "['read:pets']");
  revision = replaced(revision, ", 'write:pets': w}", "}");
  auto result = diff_texts("security", base, revision);
  CHECK(test::change_ids(result) == std::multiset<std::string>{"api-global-security-removed",
                                                               "api-security-component-oauth-scope-removed",
                                                               "api-security-scope-removed"});
  for (const auto& change : result.changes) {
    if (change.id.starts_with("api-global") || change.id.starts_with("api-security-component")) {
      CHECK(change.operation.path.empty());
    }
  }
}

TEST_CASE("lifecycle: stability, deprecation with a sunset policy, removal before the sunset", "[diff]") {
  constexpr const char* base = R"(openapi: 3.0.3
info: {title: L, version: '1'}
paths:
  /old:
    get:
      x-stability-level: stable
      responses: {'200': {description: OK}}
  /gone:
    get:
      deprecated: true
      x-sunset: '2999-01-01'
      responses: {'200': {description: OK}}
)";
  diff::DiffOptions options;
  options.today = "2026-01-01";
  options.deprecation_days_stable = 180;
  auto revision = replaced(base, "      x-stability-level: stable\n",
                           "      x-stability-level: stable\n      deprecated: true\n      x-sunset: '2026-02-01'\n");
  revision = replaced(revision, "  /gone:", "  /went:");
  CHECK(test::change_ids(diff_texts("lifecycle", base, revision, options)) ==
        std::multiset<std::string>{"api-path-removed-before-sunset", "api-sunset-date-too-small", "endpoint-added"});
  auto beta = replaced(base, "x-stability-level: stable", "x-stability-level: beta");
  CHECK(test::change_ids(diff_texts("stability", base, beta, options)) ==
        std::multiset<std::string>{"api-stability-decreased"});
}

TEST_CASE("a schema removed from components is reported without an operation", "[diff]") {
  auto revision = replaced(petstore,
                           "    Owner:\n      type: object\n      properties:\n        name: {type: string}\n"
                           "        pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}\n",
                           "");
  revision = replaced(revision, "        owner: {$ref: '#/components/schemas/Owner'}\n", "");
  auto result = diff_texts("schema-removed", petstore, revision);
  CHECK(test::change_ids(result) == std::multiset<std::string>{"api-schema-removed", "request-property-removed",
                                                               "response-optional-property-removed"});
  for (const auto& change : result.changes) {
    if (change.id == "api-schema-removed") CHECK(change.operation.path.empty());
  }
}

// Three operations returning one schema: a change to it is one change of the first, with the others in `also`.
constexpr const char* shared_schema = R"(openapi: 3.0.3
info: {title: Shared, version: 1.0.0}
paths:
  /a:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
  /b:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
    post:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
        note: {type: string}
)";

TEST_CASE("a change in a schema that several operations share is one change naming each", "[diff]") {
  auto revision = replaced(shared_schema, "        note: {type: string}\n", "");
  auto result = diff_texts("shared-schema", shared_schema, revision);
  REQUIRE(result.changes.size() == 1);
  const diff::Change& removed = result.changes[0];
  CHECK(removed.id == "response-optional-property-removed");
  CHECK(removed.operation.method == "GET");
  CHECK(removed.operation.path == "/a");
  REQUIRE(removed.also.size() == 2);
  CHECK(result.operations[removed.also[0]].path == "/b");
  CHECK(result.operations[removed.also[0]].method == "GET");
  CHECK(result.operations[removed.also[1]].method == "POST");
  CHECK(removed.base.pointer == "/components/schemas/Item/properties/note");
  // oasdiff's count: once per operation.
  CHECK(test::change_ids(result).count("response-optional-property-removed") == 3);

  std::ostringstream text;
  report::write_diff_report(text, result, report::DiffFormat::text, {});
  CHECK(text.str().find("also in GET /b and POST /b\n") != std::string::npos);
  std::ostringstream json;
  report::write_diff_report(json, result, report::DiffFormat::json, {});
  auto document = nlohmann::json::parse(json.str());
  CHECK(document["changes"][0]["also"] == nlohmann::json::array({"GET /b", "POST /b"}));
  std::ostringstream github;
  report::write_diff_report(github, result, report::DiffFormat::github, {});
  CHECK(github.str().find("GET /a and 2 more operations: response property 'note': removed") != std::string::npos);
}

TEST_CASE("discriminators: property name and mapping", "[diff]") {
  auto base =
      replaced(petstore, "      type: object\n      required: [name]",
               "      type: object\n      discriminator: {propertyName: kind, mapping: {cat: '#/c', dog: '#/d'}}\n"
               "      required: [name]");
  auto revision = replaced(base, "mapping: {cat: '#/c', dog: '#/d'}", "mapping: {cat: '#/c'}");
  CHECK(test::change_ids(diff_texts("discriminator", base, revision)) ==
        std::multiset<std::string>{"request-body-discriminator-mapping-deleted",
                                   "response-body-discriminator-mapping-deleted"});
}

TEST_CASE("diff reports match their golden files", "[diff]") {
  auto result = test::fixture_pair_result();
  test::check_golden("diff/report.txt", render(result, report::DiffFormat::text));
  test::check_golden("diff/report.json", render(result, report::DiffFormat::json));
}
