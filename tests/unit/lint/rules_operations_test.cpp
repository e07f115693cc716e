// The trickier governance rules, pinned by exact message, file and line: path-params, operation-parameters-unique,
// operation-operation-id-unique, server-variables, security-defined, no-ambiguous-paths and the markdown walk.
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
  Contract() : ScratchFolder("rules-operations") {}

  Contract& file(const std::string& name, std::string_view text) {
    write(name, text);
    return *this;
  }

  // The findings of one rule, in the engine's order, with the root displayed as "openapi.yaml".
  std::vector<Diagnostic> lint(std::string_view rule) const {
    return test::rule_findings(path() / "openapi.yaml", "openapi.yaml", rule);
  }
};

std::string place(const Diagnostic& finding) {
  return finding.where.file + ":" + std::to_string(finding.where.line) + ":" + std::to_string(finding.where.column);
}

}  // namespace

TEST_CASE("path-params matches templates and path parameters through $refs and both levels") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /owners/{ownerId}/pets/{petId}:
    parameters:
      - $ref: '#/components/parameters/OwnerId'
    get:
      parameters:
        - name: petId
          in: query
          schema: {type: string}
    put:
      parameters:
        - $ref: '#/components/parameters/PetId'
  /pets/{petId}/siblings/{petId}:
    get:
      parameters:
        - $ref: '#/components/parameters/PetId'
        - $ref: '#/components/parameters/OwnerId'
  /stores/{storeId}:
    $ref: paths/store.yaml
components:
  parameters:
    PetId: {name: petId, in: path, required: true, schema: {type: string}}
    OwnerId: {name: ownerId, in: path, required: true, schema: {type: string}}
)");
  contract.file("paths/store.yaml", R"(parameters:
  - {name: storeId, in: path, required: true, schema: {type: string}}
  - {name: shelf, in: path, required: true, schema: {type: string}}
get:
  responses: {'200': {description: ok}}
)");
  auto findings = contract.lint("path-params");
  REQUIRE(findings.size() == 4);

  CHECK(place(findings[0]) == "openapi.yaml:7:5");
  CHECK(findings[0].message == "GET /owners/{ownerId}/pets/{petId} does not declare the path parameter 'petId'");
  CHECK(findings[0].hint == "the parameter 'petId' at line 9 is 'in: query'; a path template needs 'in: path'");

  CHECK(place(findings[1]) == "openapi.yaml:15:3");
  CHECK(findings[1].message == "path '/pets/{petId}/siblings/{petId}' uses '{petId}' twice");

  CHECK(place(findings[2]) == "openapi.yaml:19:11");
  CHECK(findings[2].message == "path parameter 'ownerId' is not used in path '/pets/{petId}/siblings/{petId}'");

  // The Path Item lives in another file: the finding names that file.
  CHECK(place(findings[3]) == "paths/store.yaml:3:5");
  CHECK(findings[3].message == "path parameter 'shelf' is not used in path '/stores/{storeId}'");
}

TEST_CASE("operation-parameters-unique follows $refs and lets operations override path-level parameters") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    parameters:
      - $ref: '#/components/parameters/Limit'
      - {name: limit, in: query, schema: {type: integer}}
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: limit, in: header, schema: {type: integer}}
        - $ref: 'common.yaml#/Verbose'
        - {name: verbose, in: query, schema: {type: boolean}}
      responses: {'200': {description: ok}}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
)");
  contract.file("common.yaml", R"(Verbose:
  name: verbose
  in: query
  schema: {type: boolean}
)");
  auto findings = contract.lint("operation-parameters-unique");
  REQUIRE(findings.size() == 2);
  CHECK(place(findings[0]) == "openapi.yaml:7:9");
  CHECK(findings[0].message == "parameter 'limit' in query is declared twice for path '/pets' (first at line 6)");
  CHECK(place(findings[1]) == "openapi.yaml:13:11");
  CHECK(findings[1].message == "parameter 'verbose' in query is declared twice for GET /pets (first at line 12)");
}

TEST_CASE("operation-operation-id-unique names the operation that used the id first") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok}}
    post:
      operationId: listPets
      responses: {'201': {description: ok}}
  /owners:
    $ref: owners.yaml
webhooks:
  newPet:
    post:
      operationId: listPets
)");
  contract.file("owners.yaml", R"(get:
  operationId: listPets
  responses: {'200': {description: ok}}
)");
  auto findings = contract.lint("operation-operation-id-unique");
  REQUIRE(findings.size() == 3);
  CHECK(place(findings[0]) == "openapi.yaml:9:20");
  CHECK(findings[0].message == "operationId 'listPets' of POST /pets is already used by GET /pets (line 6)");
  CHECK(place(findings[1]) == "openapi.yaml:16:20");
  CHECK(findings[1].message == "operationId 'listPets' of POST webhook 'newPet' is already used by GET /pets (line 6)");
  CHECK(place(findings[2]) == "owners.yaml:2:16");
  CHECK(findings[2].message == "operationId 'listPets' of GET /owners is already used by GET /pets (openapi.yaml:6)");
}

TEST_CASE("server-variables checks servers at the top, path and operation level") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
servers:
  - url: https://{region}.api.acme.dev/{version}
    variables:
      region: {default: asia, enum: [eu, us]}
      port: {default: '443'}
paths:
  /pets:
    servers:
      - url: https://{tenant}.acme.dev
        variables:
          tenant: {default: acme, enum: []}
    get:
      servers:
        - url: https://{host}/{host}
      responses: {'200': {description: ok}}
)");
  auto findings = contract.lint("server-variables");
  REQUIRE(findings.size() == 5);
  CHECK(place(findings[0]) == "openapi.yaml:4:10");
  CHECK(findings[0].message ==
        "server url 'https://{region}.api.acme.dev/{version}' uses '{version}', "
        "which is not defined under 'variables'");
  CHECK(place(findings[1]) == "openapi.yaml:6:25");
  CHECK(findings[1].message == "the default 'asia' of server variable 'region' is not in its enum");
  CHECK(place(findings[2]) == "openapi.yaml:7:7");
  CHECK(findings[2].message ==
        "server variable 'port' is not used in the url 'https://{region}.api.acme.dev/{version}'");
  CHECK(place(findings[3]) == "openapi.yaml:13:41");
  CHECK(findings[3].message == "server variable 'tenant' has an empty enum");
  // One finding per undefined name, however often the url repeats it.
  CHECK(place(findings[4]) == "openapi.yaml:16:16");
  CHECK(findings[4].message ==
        "server url 'https://{host}/{host}' uses '{host}', which is not defined under 'variables'");
}

TEST_CASE("security-defined checks scheme names everywhere and OAuth2 scopes only") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
security:
  - apiKey: []
  - {}
paths:
  /pets:
    get:
      security:
        - oauth: ['read:pets', 'delete:pets']
        - key: [admin]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth:
      $ref: '#/components/x-schemes/oauth'
  x-schemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.acme.dev/token
          scopes: {'read:pets': Read pets.}
)");
  auto findings = contract.lint("security-defined");
  REQUIRE(findings.size() == 2);
  CHECK(place(findings[0]) == "openapi.yaml:4:5");
  CHECK(findings[0].message ==
        "the top-level security requires the security scheme 'apiKey', "
        "which components.securitySchemes does not declare");
  // Scopes are checked through the scheme's $ref; the apiKey scheme's list holds free-form roles (3.1).
  CHECK(place(findings[1]) == "openapi.yaml:10:32");
  CHECK(findings[1].message == "scope 'delete:pets' is not declared by any flow of the OAuth2 scheme 'oauth'");
}

TEST_CASE("no-ambiguous-paths reports paths where neither is more concrete, and leaves identical ones alone") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets/{petId}: {}
  /pets/mine: {}
  /{kind}/mine: {}
  /pets/{id}: {}
  /pets/{petId}.json: {}
  /files/{name}.json: {}
  /files/{stem}.{ext}: {}
  /files/{name}.xml: {}
  /a/{x}/c: {}
  /{y}/b/{z}: {}
)");
  auto findings = contract.lint("no-ambiguous-paths");
  REQUIRE(findings.size() == 5);
  // '/pets/mine' is more concrete than '/pets/{petId}' and '/{kind}/mine' at every segment: it wins, no finding.
  CHECK(place(findings[0]) == "openapi.yaml:6:3");
  CHECK(findings[0].message == "path '/{kind}/mine' is ambiguous with '/pets/{petId}' (line 4): a URL can match both");
  CHECK(place(findings[1]) == "openapi.yaml:7:3");
  CHECK(findings[1].message == "path '/pets/{id}' is ambiguous with '/{kind}/mine' (line 6): a URL can match both");
  CHECK(place(findings[2]) == "openapi.yaml:10:3");
  CHECK(findings[2].message ==
        "path '/files/{stem}.{ext}' is ambiguous with '/files/{name}.json' (line 9): a URL can match both");
  CHECK(place(findings[3]) == "openapi.yaml:11:3");
  CHECK(findings[3].message ==
        "path '/files/{name}.xml' is ambiguous with '/files/{stem}.{ext}' (line 10): a URL can match both");
  CHECK(place(findings[4]) == "openapi.yaml:13:3");
  CHECK(findings[4].message == "path '/{y}/b/{z}' is ambiguous with '/a/{x}/c' (line 12): a URL can match both");

  auto identical = contract.lint("no-identical-paths");
  REQUIRE(identical.size() == 1);
  CHECK(place(identical[0]) == "openapi.yaml:7:3");
  CHECK(identical[0].message == "path '/pets/{id}' is the same as '/pets/{petId}' (line 4) apart from parameter names");
}

TEST_CASE("markdown rules read descriptions in referenced files and skip example data") {
  Contract contract;
  contract.file("openapi.yaml", R"(openapi: 3.1.0
info:
  title: t
  version: '1'
  description: Data retrieval(s) and <scripts> are prose.
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: schemas/pet.yaml
              example:
                description: <script>eval(1)</script>
components:
  schemas:
    Props:
      properties:
        title: {type: string, description: 'A title; eval (x) here is flagged'}
      x-notes:
        description: <script> in an extension is data
)");
  contract.file("schemas/pet.yaml", R"(type: object
description: |
  A pet.
  <SCRIPT src="https://evil.acme.dev/x.js"></SCRIPT>
examples:
  - description: <script> in schema examples is data
)");
  auto scripts = contract.lint("markdown-no-script-tags");
  REQUIRE(scripts.size() == 1);
  CHECK(place(scripts[0]) == "schemas/pet.yaml:2:14");
  CHECK(scripts[0].message == "'description' contains a <script> tag");

  auto evals = contract.lint("markdown-no-eval");
  REQUIRE(evals.size() == 1);
  CHECK(place(evals[0]) == "openapi.yaml:22:44");
  CHECK(evals[0].message == "'description' contains a call of eval()");
}
