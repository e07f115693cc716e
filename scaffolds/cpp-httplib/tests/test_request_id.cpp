// X-Request-ID: kept from the client when valid, else fresh; on every response, errors included.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "request_id.hpp"
#include "running_server.hpp"

namespace {{ namespace }}::tests {

namespace {

bool is_generated_id(const std::string& id) { return std::regex_match(id, std::regex("[0-9a-f]{32}")); }

// The X-Request-ID the server answers GET `path` with, sending `client_id` unless it is empty.
std::string answered_id(RunningServer& server, const std::string& path, const std::string& client_id = "") {
  httplib::Headers headers;
  if (!client_id.empty()) headers.emplace(request_id_header, client_id);
  auto response = server.client().Get(path, headers);
  REQUIRE(response);
  return response->get_header_value(request_id_header);
}

}  // namespace

TEST_CASE("a client's id is valid when it is 1 to 128 visible ASCII characters", "[request_id]") {
  CHECK(is_valid_request_id("client-trace-42"));
  CHECK(is_valid_request_id("!~{}"));
  CHECK(is_valid_request_id(std::string(128, 'x')));
  CHECK_FALSE(is_valid_request_id(""));
  CHECK_FALSE(is_valid_request_id(std::string(129, 'x')));
  CHECK_FALSE(is_valid_request_id("two words"));
  CHECK_FALSE(is_valid_request_id("tab\there"));
  CHECK_FALSE(is_valid_request_id("caf\xc3\xa9"));
}

TEST_CASE("a new id is 32 hex digits, a different one each time", "[request_id]") {
  std::string first = new_request_id();
  std::string second = new_request_id();
  CHECK(is_generated_id(first));
  CHECK(is_generated_id(second));
  CHECK(first != second);
}

TEST_CASE("the server echoes a valid client id", "[request_id]") {
  RunningServer server;
  CHECK(answered_id(server, "/healthz", "client-trace-42") == "client-trace-42");
  CHECK(answered_id(server, "/healthz", std::string(128, 'x')) == std::string(128, 'x'));
}

TEST_CASE("a request without an id, or with an invalid one, gets a fresh one", "[request_id]") {
  RunningServer server;
  std::string first = answered_id(server, "/healthz");
  std::string second = answered_id(server, "/healthz");
  CHECK(is_generated_id(first));
  CHECK(is_generated_id(second));
  CHECK(first != second);
  CHECK(is_generated_id(answered_id(server, "/healthz", "two words")));
  CHECK(is_generated_id(answered_id(server, "/healthz", std::string(129, 'x'))));
}

TEST_CASE("error responses carry the id too", "[request_id]") {
  RunningServer server;
  CHECK(answered_id(server, "/items/42", "abc") == "abc");      // 404 from a handler
  CHECK(answered_id(server, "/items/teapot", "abc") == "abc");  // 422
  CHECK(answered_id(server, "/no-such-path", "abc") == "abc");  // 404 from routing
  httplib::Headers headers;
  headers.emplace(request_id_header, "abc");
  auto method = server.client().Delete("/items", headers);
  REQUIRE(method);
  CHECK(method->status == 405);
  CHECK(method->get_header_value(request_id_header) == "abc");
}

TEST_CASE("the log line names the id", "[request_id]") {
  httplib::Request request;
  request.method = "GET";
  request.path = "/items/7";
  httplib::Response response;
  response.status = 404;
  response.set_header(request_id_header, "report-7");
  CHECK(access_line(request, response) == "GET /items/7 404 request_id=report-7");
}

}  // namespace {{ namespace }}::tests
