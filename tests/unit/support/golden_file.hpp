// check_golden: compares output with a golden file under tests/golden/. Regenerate on purpose with
// APICTL_UPDATE_GOLDEN=1 and review the diff: the diff is the review.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace apictl::test {

// `name` is relative to tests/golden, e.g. "diff/report.md".
inline void check_golden(const std::string& name, const std::string& actual) {
  std::filesystem::path golden = std::filesystem::path(APICTL_SOURCE_DIR) / "tests/golden" / name;
  if (std::getenv("APICTL_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    WARN("updated " << golden);
    return;
  }
  std::ifstream input(golden, std::ios::binary);
  INFO(golden);
  REQUIRE(input.good());
  std::stringstream expected;
  expected << input.rdbuf();
  CHECK(actual == expected.str());
}

}  // namespace apictl::test
