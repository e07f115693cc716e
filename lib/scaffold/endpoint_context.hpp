// What an endpoint snippet sees: the project's answers and the new endpoint's variables, and the load-time
// check that renders every snippet of a template with a sample endpoint.
#pragma once

#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/snippet.hpp"
#include "scaffold/template.hpp"

namespace apictl::scaffold {

// The endpoint half of a snippet's variables (docs/templates.md lists them as snippets see them).
struct EndpointVariables {
  std::string method;  // lower case
  std::string path;    // "/pets/{petId}"
  std::vector<std::string> path_parameters;
  std::string path_regex;   // "/pets/([^/]+)"
  std::string sample_path;  // "/pets/1"
  std::string operation_id;
  std::string summary;
  std::string description;
  std::string tag;
  int status = 200;
  std::string status_description;
  std::string request_schema;    // "" without a request body
  std::string response_schema;   // "" without a response body
  std::string request_example;   // compact JSON, "" without a request body
  std::string response_example;  // compact JSON, "" without a response body
  std::vector<std::string> created_schemas;
};

// The value a path parameter takes in sample_path.
inline constexpr std::string_view sample_parameter_value = "1";

SnippetContext endpoint_context(const Answers& answers, const EndpointVariables& endpoint);

// Checks the template's [endpoints] against its files: every snippet exists, and renders (with sample
// answers and a sample endpoint with and without parameters and bodies), so a mistake is found when the
// template is loaded, at the snippet's line and column.
Result<void> check_endpoint_snippets(const Template& source);

}  // namespace apictl::scaffold
