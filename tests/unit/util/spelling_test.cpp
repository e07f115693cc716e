// "Did you mean" suggestions.
#include <catch2/catch.hpp>

#include <array>

#include "util/spelling.hpp"

TEST_CASE("edit distance counts single-character edits") {
  CHECK(apictl::edit_distance("kitten", "sitting") == 3);
  CHECK(apictl::edit_distance("", "abc") == 3);
  CHECK(apictl::edit_distance("same", "same") == 0);
}

TEST_CASE("the closest name is suggested only when it is a likely misspelling") {
  const std::array<std::string_view, 3> names{"operationId", "parameters", "responses"};
  CHECK(apictl::closest_name(names, "operationid") == "operationId");
  CHECK(apictl::closest_name(names, "paramters") == "parameters");
  CHECK(apictl::closest_name(names, "foo").empty());
}
