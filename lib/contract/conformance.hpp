// Live contract checking: a recorded request and response matched to an operation of the contract and checked
// against it (path, method, parameters, request body, status code, headers, content type, response body).
// The rules and the fields of a Violation are described in docs/contract-checking.md.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/example_validator.hpp"
#include "contract/operation_match.hpp"
#include "http/message.hpp"

namespace apictl::contract {

// One way an exchange departs from the contract.
struct Violation {
  std::string rule;           // a stable id listed by conformance_rules(): "response-body-schema"
  std::string operation;      // "GET /pets/{petId}"; for path-undocumented the request's method and path
  std::string operation_id;   // "" when the operation has none (or none matched)
  std::string where;          // "response 200 body", "query parameter 'limit'", "request body"
  std::string pointer;        // JSON pointer into the body or parameter value: "/items/0/id"; "" for the whole
  std::string pointer_shape;  // the pointer with array indexes as '*': "/items/*/id" (used by key())
  std::string message;        // one line: "must be integer, found string"

  // The schema rule that failed, for the *-schema rules (and schema-uncheckable).
  struct SchemaRule {
    std::string keyword;    // "type", "required", "additionalProperties", "oneOf", ...
    SourcePosition schema;  // the Schema Object holding it: file:line:col and JSON pointer in the contract
  };
  std::optional<SchemaRule> schema;

  // Tells apart violations at the same place that differ in what they are about, without concrete values:
  // the name of a missing required property. Part of key(), not shown on its own.
  std::string detail;

  // The exchange it was found in (not part of key()).
  std::string method;  // "GET"
  std::string target;  // "/pets/7?verbose=1"
  int status = 0;      // the response's status code

  // Identifies the violation regardless of concrete values (array indexes, the offending value, the request's
  // query), so a dev server can print each once: rule, operation, where, pointer with array indexes as '*',
  // keyword and schema location.
  std::string key() const;
  // One line for a terminal: "GET /pets/{petId}: response 200 body /items/0/id: must be integer, found string
  // [response-body-schema; type at openapi.yaml:42:13]".
  std::string text() const;
  // The JSON-lines log record (fields in docs/contract-checking.md).
  nlohmann::ordered_json to_json() const;
};

struct ConformanceRule {
  std::string_view id;
  std::string_view summary;  // what it reports, one line
};

// Every rule the checker reports, in the order the checks run.
std::span<const ConformanceRule> conformance_rules();

class ContractChecker {
 public:
  // Builds the operation table for the workspace's root contract; the checker shares ownership of the workspace.
  // Errors: the root is not an OpenAPI 3.x document (Swagger 2.0 is not checked: convert it to 3.x).
  static Result<std::unique_ptr<ContractChecker>> create(std::shared_ptr<Workspace> workspace);

  ~ContractChecker();
  ContractChecker(const ContractChecker&) = delete;
  ContractChecker& operator=(const ContractChecker&) = delete;

  // Every violation the exchange shows; empty when it conforms. Safe to call from several threads at once: the
  // contract is only read, and each schema is compiled once, on first use, and kept. A CORS preflight (OPTIONS
  // with Access-Control-Request-Method) to an operation that documents no OPTIONS is not checked. Body checks are
  // skipped when the response's body_complete is false, for HEAD requests, and for 204 and 304.
  std::vector<Violation> check(const http::Exchange& exchange) const;

  const OperationTable& operations() const { return table_; }
  const SpecInfo& spec() const { return spec_; }

 private:
  ContractChecker(std::shared_ptr<Workspace> workspace, SpecInfo spec);
  class Run;

  std::shared_ptr<Workspace> workspace_;
  SpecInfo spec_;
  OperationTable table_;
  std::unique_ptr<SchemaValidator> validator_;
};

// Whether a media type carries JSON: application/json, any "+json" suffix (application/problem+json), text/json.
bool is_json_media_type(std::string_view media_type);

// The entry of a `content` map that documents `media_type` (lower case, no parameters): the exact key (keys are
// compared without parameters and case), else "type/*", else "*/*". Empty when none does.
NodeRef documented_media_type(NodeRef content, std::string_view media_type);

// The Response Object documented for `status`: the exact code, else its range ("4XX", any case), else
// `default`. Empty when none is.
NodeRef documented_response(NodeRef responses, int status);

}  // namespace apictl::contract
