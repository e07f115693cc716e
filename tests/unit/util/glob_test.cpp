// Glob matching as used by lint ignores on JSON pointers.
#include <catch2/catch.hpp>

#include "util/glob.hpp"

using apictl::glob_match;

TEST_CASE("star stays within a segment, double star spans segments") {
  CHECK(glob_match("/paths/*", "/paths/~1pets"));
  CHECK_FALSE(glob_match("/paths/*", "/paths/~1pets/get"));
  CHECK(glob_match("/paths/**", "/paths/~1pets/get/responses"));
  CHECK(glob_match("/paths/~1pets/**", "/paths/~1pets"));
  CHECK(glob_match("**/responses/*", "/paths/~1pets/get/responses/200"));
  CHECK(glob_match("/a?c", "/abc"));
  CHECK_FALSE(glob_match("/a?c", "/a/c"));
  CHECK_FALSE(glob_match("/paths", "/paths/x"));
  CHECK(glob_match("", ""));
}

TEST_CASE("a whole **/ segment also matches no folder, as in .gitignore") {
  CHECK(glob_match("app/**/*.py", "app/main.py"));
  CHECK(glob_match("app/**/*.py", "app/routers/health.py"));
  CHECK(glob_match("**/*.log", "out.log"));
  CHECK(glob_match("**/*.log", "logs/today/out.log"));
  CHECK_FALSE(glob_match("app/**/*.py", "apps/main.py"));
  CHECK_FALSE(glob_match("app/**/*.py", "app.py"));
  CHECK_FALSE(glob_match("a**/b", "ab"));  // not a whole segment: ** is just "any characters"
}

TEST_CASE("long inputs match in bounded time") {
  std::string text(2000, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", text));
}
