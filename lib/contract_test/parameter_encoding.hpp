// Writing parameter values into a request as OpenAPI's `style` and `explode` say (path, query, header, cookie),
// and JSON values as request bodies (JSON or form-urlencoded).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/workspace.hpp"

namespace apictl::contract_test {

struct ParameterSpec {
  std::string name;
  std::string in;     // "path", "query", "header", "cookie"
  std::string style;  // as written, else the location's default ("simple" for path and header, "form" otherwise)
  bool explode = false;
  bool json_content = false;  // described by `content` (a JSON media type): the value is sent as JSON text
  bool required = false;
  contract::NodeRef schema;      // the parameter's schema (or its content's)
  contract::NodeRef definition;  // the Parameter Object
};

// The parameters of an operation: the Path Item's, overridden by the operation's with the same name and
// location; $refs followed. Header parameters named Accept, Content-Type or Authorization are left out
// (OpenAPI ignores them) and so are parameters in unknown locations.
std::vector<ParameterSpec> operation_parameters(contract::Workspace& workspace, contract::NodeRef path_item,
                                                contract::NodeRef operation);

// Percent-encodes every byte but the unreserved ones (RFC 3986: letters, digits, '-', '.', '_', '~').
std::string percent_encode(std::string_view text);

// A scalar as parameter text: strings as they are, numbers as JSON writes them, true/false, null as "".
std::string scalar_text(const nlohmann::ordered_json& value);

// The request pieces a parameter's value becomes.
// path: the text that replaces {name} in the path, percent-encoded (simple, label or matrix style).
std::string encode_path_parameter(const ParameterSpec& parameter, const nlohmann::ordered_json& value);
// query: "name=value" pairs, percent-encoded (form, spaceDelimited, pipeDelimited, deepObject).
std::vector<std::string> encode_query_parameter(const ParameterSpec& parameter, const nlohmann::ordered_json& value);
// header and cookie: the value as written (simple style; a cookie's value percent-encoded).
std::string encode_header_parameter(const ParameterSpec& parameter, const nlohmann::ordered_json& value);

// A request body for `media_type`: compact JSON for JSON media types, name=value&... for
// application/x-www-form-urlencoded (arrays repeat the name), nullopt for other media types unless the value
// is a string (sent as it is).
std::optional<std::string> encode_body(std::string_view media_type, const nlohmann::ordered_json& value);

}  // namespace apictl::contract_test
