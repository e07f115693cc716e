// HTTP message helpers: target splitting, header lookup, media types.
#include "http/message.hpp"

#include <catch2/catch.hpp>

using namespace apictl::http;

TEST_CASE("a request's target splits into path and query", "[http]") {
  Request request{.method = "GET", .target = "/pets/7?verbose=1&x=2#top", .headers = {}, .body = {}};
  CHECK(request.path() == "/pets/7");
  CHECK(request.query() == "verbose=1&x=2");

  request.target = "/pets";
  CHECK(request.path() == "/pets");
  CHECK(request.query().empty());

  request.target = "/search?";
  CHECK(request.path() == "/search");
  CHECK(request.query().empty());
}

TEST_CASE("header names compare without case; the first one wins", "[http]") {
  const Headers headers{{"Content-Type", "application/json"}, {"X-Id", "1"}, {"x-id", "2"}};
  CHECK(find_header(headers, "content-type") == "application/json");
  CHECK(find_header(headers, "X-ID") == "1");
  CHECK_FALSE(find_header(headers, "Accept").has_value());
  CHECK(iequals("Content-Length", "content-length"));
  CHECK_FALSE(iequals("Content-Length", "Content-Lengths"));
}

TEST_CASE("a content type's media type drops parameters and case", "[http]") {
  CHECK(media_type("application/json; charset=utf-8") == "application/json");
  CHECK(media_type("  Text/HTML ") == "text/html");
  CHECK(media_type("application/problem+json;q=1") == "application/problem+json");
  CHECK(media_type("").empty());
}
