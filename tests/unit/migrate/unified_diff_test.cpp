// Unified diffs: the exact `diff -u` form, final newlines included.
#include <catch2/catch.hpp>

#include "migrate/unified_diff.hpp"

using namespace apictl::migrate;

namespace {

std::string numbered(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

}  // namespace

TEST_CASE("equal texts have no diff", "[migrate]") { CHECK(unified_diff("a\nb\n", "a\nb\n", "a/x", "b/x").empty()); }

TEST_CASE("one changed line shows with three lines of context", "[migrate]") {
  std::string before = numbered(1, 10);
  std::string after = before;
  after.replace(after.find("line 5\n"), 7, "line five\n");
  CHECK(unified_diff(before, after, "a/f.txt", "b/f.txt") ==
        "--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n"
        " line 7\n line 8\n");
}

TEST_CASE("changes far apart make two hunks, close ones one", "[migrate]") {
  std::string before = numbered(1, 20);
  std::string far = before;
  far.replace(far.find("line 2\n"), 7, "LINE 2\n");
  far.replace(far.find("line 18\n"), 8, "LINE 18\n");
  std::string diff = unified_diff(before, far, "a/f", "b/f");
  CHECK(diff.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(diff.find("@@ -15,6 +15,6 @@") != std::string::npos);
  std::string near = before;
  near.replace(near.find("line 5\n"), 7, "LINE 5\n");
  near.replace(near.find("line 10\n"), 8, "LINE 10\n");
  std::string joined = unified_diff(before, near, "a/f", "b/f");
  CHECK(joined.find("@@ -2,12 +2,12 @@") != std::string::npos);
  CHECK(joined.find("@@ -", joined.find("@@ -2") + 1) == std::string::npos);  // one hunk only
}

TEST_CASE("a missing final newline is marked, and a new file starts at 0,0", "[migrate]") {
  CHECK(unified_diff("a\nb", "a\nb\n", "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(unified_diff("", "x\ny\n", "/dev/null", "b/f") == "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  CHECK(unified_diff("x\n", "", "a/f", "/dev/null") == "--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
}

TEST_CASE("insertions and deletions in a long file", "[migrate]") {
  std::string before = numbered(1, 6);
  std::string after = "line 1\nline 2\nnew a\nnew b\nline 3\nline 4\nline 6\n";
  CHECK(unified_diff(before, after, "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n@@ -1,6 +1,7 @@\n line 1\n line 2\n+new a\n+new b\n line 3\n line 4\n-line 5\n line 6\n");
}

TEST_CASE("binary contents are not diffed line by line", "[migrate]") {
  CHECK(unified_diff(std::string("a\0b", 3), "ab", "a/f", "b/f") == "Binary files a/f and b/f differ\n");
}
