// --header flags of contract test: names, ${NAME} from the environment, and what reports show.
#include "contract_test/header_flag.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using apictl::contract_test::expand_environment;
using apictl::contract_test::parse_header_flag;

TEST_CASE("--header: the value sent has ${NAME} from the environment, the value shown keeps it") {
  ::setenv("APICTL_TEST_TOKEN", "s3cret", 1);
  auto header = parse_header_flag("Authorization:   Bearer ${APICTL_TEST_TOKEN}");
  REQUIRE(header);
  CHECK(header->name == "Authorization");
  CHECK(header->value == "Bearer s3cret");
  CHECK(header->shown == "Bearer ${APICTL_TEST_TOKEN}");

  auto plain = parse_header_flag("X-Trace: abc");
  REQUIRE(plain);
  CHECK(plain->value == "abc");
  CHECK(plain->shown == "abc");
  auto empty = parse_header_flag("X-Empty:");
  REQUIRE(empty);
  CHECK(empty->value.empty());
  ::unsetenv("APICTL_TEST_TOKEN");
}

TEST_CASE("--header: a bad name or an unset variable is a usage error that says what to do") {
  ::unsetenv("APICTL_TEST_UNSET");
  auto unset = parse_header_flag("Authorization: Bearer ${APICTL_TEST_UNSET}");
  REQUIRE_FALSE(unset);
  CHECK(unset.error().code == "usage");
  CHECK(unset.error().message.find("names ${APICTL_TEST_UNSET}, which is not set") != std::string::npos);
  CHECK(unset.error().hint.find("export APICTL_TEST_UNSET=") != std::string::npos);

  for (const char* bad : {"no colon here", ": value", "Bad Name: v", "X(y): v"}) {
    INFO(bad);
    auto parsed = parse_header_flag(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find("is not 'Name: value'") != std::string::npos);
  }
}

TEST_CASE("${NAME} expansion: text without a closing brace is kept as written") {
  ::setenv("APICTL_TEST_A", "1", 1);
  CHECK(expand_environment("${APICTL_TEST_A}-${APICTL_TEST_A}") == "1-1");
  CHECK(expand_environment("cost: $5, ${unclosed") == "cost: $5, ${unclosed");
  CHECK(expand_environment("${APICTL_TEST_MISSING}").error() == "APICTL_TEST_MISSING");
  ::unsetenv("APICTL_TEST_A");
}
