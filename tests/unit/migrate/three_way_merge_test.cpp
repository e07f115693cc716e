// The three-way merge under template steps: separate edits combine, identical edits are taken once, and
// overlapping ones keep both sides between diff3 markers whose lines are reported.
#include <catch2/catch.hpp>

#include "migrate/three_way_merge.hpp"

using namespace apictl::migrate;

namespace {

const MergeLabels labels{"template demo 1.0.0", "yours", "template demo 1.1.0"};
const std::string base = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";

}  // namespace

TEST_CASE("edits to different lines merge cleanly", "[migrate]") {
  auto merged = merge_three_way(base, "ONE\ntwo\nthree\nfour\nfive\nsix\nseven\n",
                                "one\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n", labels);
  REQUIRE(merged.has_value());
  CHECK(merged->text == "ONE\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n");
  CHECK(merged->conflict_lines.empty());
}

TEST_CASE("the same edit on both sides is taken once", "[migrate]") {
  std::string both = "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n";
  auto merged = merge_three_way(base, both, both, labels);
  REQUIRE(merged.has_value());
  CHECK(merged->text == both);
  CHECK(merged->conflict_lines.empty());
}

TEST_CASE("overlapping edits keep both sides and the base between diff3 markers", "[migrate]") {
  auto merged = merge_three_way(base, "one\ntwo\nthree\nfour (mine)\nfive\nsix\nseven\n",
                                "one\ntwo\nthree\nfour (template)\nfive\nsix\nseven\n", labels);
  REQUIRE(merged.has_value());
  CHECK(merged->text ==
        "one\ntwo\nthree\n"
        "<<<<<<< yours\nfour (mine)\n"
        "||||||| template demo 1.0.0\nfour\n"
        "=======\nfour (template)\n"
        ">>>>>>> template demo 1.1.0\n"
        "five\nsix\nseven\n");
  CHECK(merged->conflict_lines == std::vector<int>{4});
}

TEST_CASE("a file both sides created differently is one conflict over an empty base", "[migrate]") {
  auto merged = merge_three_way("", "mine\n", "theirs\n", labels);
  REQUIRE(merged.has_value());
  CHECK(merged->conflict_lines == std::vector<int>{1});
  CHECK(merged->text.find("mine\n") != std::string::npos);
  CHECK(merged->text.find("theirs\n") != std::string::npos);
}
