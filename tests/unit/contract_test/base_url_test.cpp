// --base-url parsing: what is accepted, and the input errors that exit 2.
#include <catch2/catch.hpp>

#include "contract_test/base_url.hpp"

using apictl::contract_test::parse_base_url;

TEST_CASE("base URLs: scheme, host, port and path prefix", "[contract-test]") {
  auto local = parse_base_url("http://127.0.0.1:8000");
  REQUIRE(local);
  CHECK(local->origin() == "http://127.0.0.1:8000");
  CHECK(local->url("/items?limit=1") == "http://127.0.0.1:8000/items?limit=1");
  auto prefixed = parse_base_url("HTTPS://api.example.com/v1/");
  REQUIRE(prefixed);
  CHECK(prefixed->port == 443);
  CHECK(prefixed->path == "/v1");
  CHECK(prefixed->url("/pets") == "https://api.example.com/v1/pets");
  auto v6 = parse_base_url("http://[::1]:9000");
  REQUIRE(v6);
  CHECK(v6->host == "[::1]");
  CHECK(v6->port == 9000);
  for (auto bad : {"127.0.0.1:8000", "ftp://host", "http://", "http://host:0", "http://host:99999", "http://host:x",
                   "http://host/?q=1", "http://user:pw@host"}) {
    INFO(bad);
    auto parsed = parse_base_url(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == "bad-url");
    CHECK_FALSE(parsed.error().hint.empty());
  }
}
