// openapi.yaml is the source of truth; these tests fail when the server drifts from it:
// - the route table (src/server.cpp) must list exactly the contract's operations, with its operationIds;
// - a request built from the contract's examples must get a status its operation documents (a success, or a
//   documented 404), with a body the documented schema accepts and no property it does not declare; a
//   malformed path parameter or body must get a documented client error.
// The last test makes sure these checks notice drift.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "contract.hpp"
#include "running_server.hpp"
#include "server.hpp"

namespace {{ namespace }}::tests {

namespace {

using nlohmann::json;

const std::filesystem::path contract_file = {{ namespace | constant }}_CONTRACT;

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + '\n';
  return text;
}

std::vector<std::string> route_problems(const json& contract, std::span<const Route> served) {
  std::vector<std::string> problems;
  auto documented = operations(contract);
  for (const auto& operation : documented) {
    auto route = std::find_if(served.begin(), served.end(), [&](const Route& candidate) {
      return candidate.method == operation.method && candidate.path == operation.path;
    });
    if (route == served.end()) {
      problems.push_back(operation.method + " " + operation.path + ": in openapi.yaml, not served by the server");
    } else if (route->operation_id != operation.operation_id) {
      problems.push_back(operation.method + " " + operation.path + ": operationId '" + operation.operation_id +
                         "' in openapi.yaml, '" + std::string(route->operation_id) + "' in the route table");
    }
  }
  for (const Route& route : served) {
    bool listed = std::any_of(documented.begin(), documented.end(), [&](const Operation& operation) {
      return route.method == operation.method && route.path == operation.path;
    });
    if (!listed) {
      problems.push_back(std::string(route.method) + " " + std::string(route.path) +
                         ": served by the server, missing from openapi.yaml");
    }
  }
  return problems;
}

std::string url_encoded(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return encoded;
}

std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

json parameter_example(const json& contract, const json& parameter) {
  if (parameter.contains("example")) return parameter["example"];
  return example_of(contract, parameter.value("schema", json::object()));
}

enum class PathValues { examples, numbers_as_text };

// The operation's path with each {parameter} replaced by its example, and every required query parameter.
std::string request_target(const json& contract, const Operation& operation, PathValues values) {
  std::string target;
  const std::string& path = operation.path;
  for (std::size_t i = 0; i < path.size(); ++i) {
    auto close = path.find('}', i);
    if (path[i] != '{' || close == std::string::npos) {
      target += path[i];
      continue;
    }
    std::string name = path.substr(i + 1, close - i - 1);
    auto parameter = std::find_if(operation.parameters.begin(), operation.parameters.end(), [&](const json& candidate) {
      return candidate.value("in", "") == "path" && candidate.value("name", "") == name;
    });
    json value = parameter == operation.parameters.end() ? json("x") : parameter_example(contract, *parameter);
    if (values == PathValues::numbers_as_text && value.is_number()) value = "not-a-number";
    target += url_encoded(text_of(value));
    i = close;
  }
  char separator = '?';
  for (const auto& parameter : operation.parameters) {
    if (parameter.value("in", "") == "query" && parameter.value("required", false)) {
      target += separator + url_encoded(parameter.value("name", "")) + '=' +
                url_encoded(text_of(parameter_example(contract, parameter)));
      separator = '&';
    }
  }
  return target;
}

// The JSON body of the operation's example request; nullopt when it takes no JSON body.
std::optional<std::string> request_body(const json& contract, const Operation& operation) {
  if (!operation.definition.contains("requestBody")) return std::nullopt;
  const json& body = resolve(contract, operation.definition["requestBody"]);
  const json content = body.value("content", json::object());
  if (!content.contains("application/json")) return std::nullopt;
  const json& media = content["application/json"];
  if (media.contains("example")) return media["example"].dump();
  return example_of(contract, media.value("schema", json::object())).dump();
}

httplib::Result send(httplib::Client& client, const std::string& method, const std::string& target,
                     const std::optional<std::string>& body) {
  const std::string type = "application/json";
  if (method == "GET") return client.Get(target);
  if (method == "HEAD") return client.Head(target);
  if (method == "OPTIONS") return client.Options(target);
  if (method == "POST") return client.Post(target, body.value_or(""), type);
  if (method == "PUT") return client.Put(target, body.value_or(""), type);
  if (method == "PATCH") return client.Patch(target, body.value_or(""), type);
  if (method == "DELETE") return client.Delete(target, body.value_or(""), type);
  throw std::invalid_argument("the drift test cannot send " + method + " requests");
}

enum class Expect { success, client_error };

std::vector<std::string> answer_problems(const json& contract, const Operation& operation, const std::string& request,
                                         const httplib::Result& result, Expect expect) {
  std::string what = operation.method + " " + request;
  if (!result) return {what + ": no answer (" + httplib::to_string(result.error()) + ")"};
  std::string code = std::to_string(result->status);
  const json responses = operation.definition.value("responses", json::object());
  std::string range = code.substr(0, 1) + "XX";
  std::string key = responses.contains(code) ? code : responses.contains(range) ? range : "default";
  if (!responses.contains(key)) {
    return {what + ": answered " + code + ", which openapi.yaml does not document for " + operation.operation_id +
            ": " + result->body};
  }
  std::vector<std::string> problems;
  bool success = result->status / 100 == 2 || (result->status == 404 && key == "404");
  if (expect == Expect::success && !success) {
    problems.push_back(what + ": answered " + code +
                       " to a request built from openapi.yaml's examples: " + result->body);
  } else if (expect == Expect::client_error && result->status / 100 != 4) {
    problems.push_back(what + ": answered " + code + " to a malformed request, not a client error (4xx)");
  }
  const json& response = resolve(contract, responses[key]);
  const json content = response.value("content", json::object());
  if (!content.contains("application/json")) return problems;
  if (!result->get_header_value("Content-Type").starts_with("application/json")) {
    problems.push_back(what + " " + code + ": Content-Type is '" + result->get_header_value("Content-Type") +
                       "', openapi.yaml says application/json");
  }
  json body = json::parse(result->body, nullptr, false);
  if (body.is_discarded()) {
    problems.push_back(what + " " + code + ": the body is not JSON: " + result->body);
  } else if (content["application/json"].contains("schema")) {
    auto found = schema_problems(contract, content["application/json"]["schema"], body, what + " " + code + " body");
    problems.insert(problems.end(), found.begin(), found.end());
  }
  return problems;
}

// Calls every operation of `contract` on the server behind `client`.
std::vector<std::string> probe_problems(const json& contract, httplib::Client& client) {
  std::vector<std::string> problems;
  auto add = [&problems](const std::vector<std::string>& more) {
    problems.insert(problems.end(), more.begin(), more.end());
  };
  for (const auto& operation : operations(contract)) {
    std::string target = request_target(contract, operation, PathValues::examples);
    auto body = request_body(contract, operation);
    add(answer_problems(contract, operation, target, send(client, operation.method, target, body), Expect::success));

    std::string malformed_target = request_target(contract, operation, PathValues::numbers_as_text);
    if (malformed_target != target) {
      auto result = send(client, operation.method, malformed_target, body);
      add(answer_problems(contract, operation, malformed_target, result, Expect::client_error));
    }
    if (body) {
      auto result = send(client, operation.method, target, std::string("{not json"));
      add(answer_problems(contract, operation, target + " with a malformed body", result, Expect::client_error));
    }
  }
  return problems;
}

}  // namespace

TEST_CASE("the route table lists exactly the operations of openapi.yaml", "[contract]") {
  auto problems = route_problems(load_contract(contract_file), routes());
  INFO("the server and openapi.yaml disagree (change one of them):\n" << joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("routes are registered literal segments first, else in the table's order", "[contract]") {
  auto ignore = [](Service&, const httplib::Request&, httplib::Response&) {};
  const Route table[] = {
      {"GET", "/items/{item_id}", "getItem", ignore},  {"GET", "/items/{item_id}/tags/{tag}", "getTag", ignore},
      {"GET", "/items/search", "searchItems", ignore}, {"GET", "/items/{item_id}/tags/new", "newTag", ignore},
      {"POST", "/items", "createItem", ignore},        {"GET", "/items", "listItems", ignore},
      // in the table's order: most specific last
  };
  std::vector<std::string_view> order;
  for (const Route& route : in_matching_order(table)) order.push_back(route.operation_id);
  CHECK(order ==
        std::vector<std::string_view>{"createItem", "listItems", "searchItems", "getItem", "newTag", "getTag"});
}

TEST_CASE("every operation answers with a status and a body that openapi.yaml documents", "[contract]") {
  RunningServer server;
  auto client = server.client();
  auto problems = probe_problems(load_contract(contract_file), client);
  INFO("the server and openapi.yaml disagree (change one of them):\n" << joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("the drift checks notice drift", "[contract]") {
  const json contract = load_contract(contract_file);

  SECTION("an operation the contract lacks or names otherwise") {
    json drifted = contract;
    drifted["paths"].erase("/healthz");
    drifted["paths"]["/items/{item_id}"]["get"]["operationId"] = "fetchItem";
    auto problems = joined(route_problems(drifted, routes()));
    CHECK_THAT(problems, Catch::Contains("GET /healthz: served by the server, missing from openapi.yaml"));
    CHECK_THAT(problems, Catch::Contains("operationId 'fetchItem' in openapi.yaml, 'getItem' in the route table"));
  }

  SECTION("a status code or a property the contract does not document") {
    json drifted = contract;
    drifted["paths"]["/items"]["post"]["responses"].erase("201");
    json& item = drifted["components"]["schemas"]["Item"];
    item["properties"]["cost"] = item["properties"]["price"];
    item["properties"].erase("price");
    item["required"] = json::array({"id", "name", "cost"});
    RunningServer server;
    auto client = server.client();
    auto problems = joined(probe_problems(drifted, client));
    CHECK_THAT(problems, Catch::Contains("POST /items: answered 201, which openapi.yaml does not document"));
    CHECK_THAT(problems, Catch::Contains("GET /items/1 200 body: lacks the required property 'cost'"));
    CHECK_THAT(problems, Catch::Contains("GET /items/1 200 body.price: is not declared in openapi.yaml"));
  }
}

}  // namespace {{ namespace }}::tests
