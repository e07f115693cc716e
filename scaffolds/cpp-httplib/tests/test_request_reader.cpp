// Reading request input under the contract's constraints, without a server.
#include <catch2/catch.hpp>

#include <string>

#include "request_reader.hpp"

namespace {{ namespace }}::tests {

namespace {

httplib::Request request_with_body(std::string body) {
  httplib::Request request;
  request.body = std::move(body);
  return request;
}

}  // namespace

TEST_CASE("body fields are read with their constraints, and every problem is reported", "[request]") {
  auto request =
      request_with_body(R"({"name": "Tée", "count": 3, "ratio": 0.5, "on": true, "big": 18446744073709551615})");
  RequestReader input(request);
  CHECK(input.body_text("name", {.min_length = 3, .max_length = 3}) == "Tée");  // 3 characters, 4 bytes
  CHECK(input.body_integer("count", {.minimum = 1, .maximum = 3}) == 3);
  CHECK(input.body_number("ratio", {.minimum = 0, .maximum = 1}) == 0.5);
  CHECK(input.body_boolean("on"));
  CHECK(input.valid());

  input.body_text("name", {.max_length = 2});
  input.body_integer("ratio");
  input.body_integer("big");
  input.body_number("count", {.maximum = 2});
  input.body_boolean("count");
  input.body_text("absent");
  CHECK_FALSE(input.valid());
  CHECK(input.problems() ==
        "body.name: must be at most 2 characters long; body.ratio: must be an integer; body.big: is too large; "
        "body.count: must be at most 2; body.count: must be true or false; body.absent: is required");
}

TEST_CASE("a body that is not a JSON object is reported once", "[request]") {
  auto array = request_with_body("[1, 2]");
  RequestReader input(array);
  input.body_text("name");
  input.body_number("price");
  CHECK(input.problems() == "body: must be a JSON object");

  auto malformed = request_with_body("{\"name\": ");
  RequestReader broken(malformed);
  broken.body_text("name");
  CHECK(broken.problems() == "body: is not valid JSON");
}

TEST_CASE("query parameters are optional integers with a range", "[request]") {
  httplib::Request request;
  request.params.emplace("limit", "7");
  request.params.emplace("page", "two");
  RequestReader input(request);
  CHECK(input.query_integer("limit", 50, {.minimum = 1, .maximum = 100}) == 7);
  CHECK(input.query_integer("offset", 0) == 0);
  CHECK(input.valid());
  input.query_integer("limit", 50, {.maximum = 5});
  input.query_integer("page", 1);
  CHECK(input.problems() == "query.limit: must be at most 5; query.page: must be an integer, not 'two'");
}

}  // namespace {{ namespace }}::tests
