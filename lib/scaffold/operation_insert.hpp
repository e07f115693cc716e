// The contract half of `apictl add endpoint`: the new operation (operationId, tag, path parameters, request
// body, responses), any schema and top-level tag it needs, as insertions into the contract's text.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "contract/path_template.hpp"
#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "util/text_insertion.hpp"

namespace apictl::scaffold {

struct NewOperation {
  std::string method;  // lower case, one of contract::http_methods
  contract::PathTemplate path;
  std::string operation_id;     // "" for one made from the method and path
  std::string summary;          // "" for one made from the method and path
  std::string tag;              // "" for the path's first literal segment
  std::string request_schema;   // a components/schemas name, or "" for no request body
  std::string response_schema;  // a components/schemas name, or "" for a success response without a body
  // Responses every operation of the template declares beside its success response: status and $ref.
  std::vector<std::pair<std::string, std::string>> extra_responses;
};

struct PlannedOperation {
  std::string operation_id;
  std::string summary;
  std::string description;
  std::string tag;
  int status = 200;  // the success response: 201 for POST, 204 for DELETE without a body, else 200
  std::string status_description;
  std::vector<std::string> created_schemas;  // added to components/schemas, in order
  bool tag_added = false;                    // declared in the top-level tags by this edit
  nlohmann::ordered_json request_example;    // a valid request body; null without one
  nlohmann::ordered_json response_example;   // a valid response body; null without one
  std::vector<TextInsertion> insertions;     // into the root document's text
};

// What a schema created by `apictl add endpoint` holds: an object with one required string property
// `name`, so the generated model, route and test agree on it until the user fills it in.
nlohmann::ordered_json created_schema(const std::string& name);
std::string created_schema_description(std::string_view name);
std::string path_parameter_description(std::string_view name);

// Plans the operation in the workspace's root document. Errors (exit 2): a Swagger 2.0 document; the
// operation or its operationId already there, or a path differing only in parameter names (each at the
// existing node's line:column); a body where the method has none; an extra response whose $ref is missing;
// a part of the document the new text must go into that is not block YAML or JSON.
Result<PlannedOperation> plan_operation(contract::Workspace& workspace, const NewOperation& operation);

// "getPetsByPetId" for GET /pets/{petId}; "getRoot" for GET /.
std::string default_operation_id(std::string_view method, const contract::PathTemplate& path);

}  // namespace apictl::scaffold
