// Version ranges: specifier sets as intervals, their overlap and containment.
#include <catch2/catch.hpp>

#include "migrate/version_range.hpp"

using namespace apictl::migrate;

namespace {

VersionRange range(const std::string& text) {
  auto parsed = parse_version_range(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

bool allows(const std::string& text, const std::string& version) {
  auto parsed = parse_version(version);
  REQUIRE(parsed.has_value());
  return range_contains(range(text), *parsed);
}

}  // namespace

TEST_CASE("versions compare by their numbers; pre-releases come first", "[migrate]") {
  CHECK(compare_versions(*parse_version("1.10"), *parse_version("1.9")) > 0);
  CHECK(compare_versions(*parse_version("1.10.0"), *parse_version("v1.10")) == 0);
  CHECK(compare_versions(*parse_version("2.0.0rc1"), *parse_version("2.0.0")) < 0);
  CHECK(compare_versions(*parse_version("1.2.3-beta.1"), *parse_version("1.2.3")) < 0);
  CHECK_FALSE(parse_version("one").has_value());
  CHECK_FALSE(parse_version("1.x").has_value());
}

TEST_CASE("specifier sets allow what PEP 440 and Poetry say", "[migrate]") {
  CHECK(allows(">=1.10,<3", "1.10"));
  CHECK(allows(">=1.10,<3", "2.9.1"));
  CHECK_FALSE(allows(">=1.10,<3", "3.0"));
  CHECK_FALSE(allows(">=1.10,<3", "1.9.9"));
  CHECK(allows("2", "2.7.1"));
  CHECK_FALSE(allows("2", "3.0.0"));
  CHECK(allows("==1.*", "1.10.13"));
  CHECK(allows("~=1.4.2", "1.4.9"));
  CHECK_FALSE(allows("~=1.4.2", "1.5.0"));
  CHECK(allows("~=1.4", "1.9"));
  CHECK_FALSE(allows("~=1.4", "2.0"));
  CHECK(allows("^1.2", "1.9"));
  CHECK_FALSE(allows("^1.2", "2.0"));
  CHECK_FALSE(allows("^0.3", "0.4.0"));
  CHECK(allows("~1.2.3", "1.2.9"));
  CHECK_FALSE(allows("~1.2.3", "1.3"));
  CHECK_FALSE(allows(">=1,!=1.5", "1.5.0"));
  CHECK(allows("", "99"));
  CHECK(allows("*", "0.1"));
  CHECK(allows(" >= 1.0 , < 2 ", "1.5"));
}

TEST_CASE("ranges overlap when some version is in both", "[migrate]") {
  CHECK(ranges_overlap(range(">=1.10,<3"), range(">=1,<2")));
  CHECK_FALSE(ranges_overlap(range(">=2,<3"), range(">=1,<2")));
  CHECK(ranges_overlap(range(""), range("<2")));
  CHECK(ranges_overlap(range("==1.10.13"), range(">=1,<2")));
  CHECK_FALSE(ranges_overlap(range("==1.5"), range("!=1.5")));
  CHECK_FALSE(ranges_overlap(range("<2"), range(">=2")));
  CHECK(ranges_overlap(range("<=2"), range(">=2")));
}

TEST_CASE("a range is within another when its bounds are as tight", "[migrate]") {
  CHECK(range_within(range("==1.10.13"), range(">=1,<2")));
  CHECK(range_within(range(">=1.10,<2"), range(">=1,<2")));
  CHECK_FALSE(range_within(range(">=1.10,<3"), range(">=1,<2")));
  CHECK_FALSE(range_within(range(""), range(">=1")));
  CHECK_FALSE(range_within(range("<=2"), range("<2")));
}

TEST_CASE("malformed ranges are errors naming the clause", "[migrate]") {
  auto word = parse_version_range(">=one");
  REQUIRE_FALSE(word.has_value());
  CHECK(word.error().code == "bad-version-range");
  CHECK(word.error().message.find("'one' is not a version") != std::string::npos);
  CHECK_FALSE(parse_version_range("1,,2").has_value());
  CHECK_FALSE(parse_version_range(">=1.*").has_value());
  CHECK_FALSE(parse_version_range("~=1").has_value());
}
