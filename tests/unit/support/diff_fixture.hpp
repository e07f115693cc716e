// fixture_pair_result: the diff of the fixture pair in tests/fixtures/diff, with the files named relative to
// the project as a user would name them (golden files depend on those names).
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "contract/workspace.hpp"
#include "diff/diff.hpp"

namespace apictl::test {

inline diff::DiffResult fixture_pair_result() {
  std::filesystem::path fixtures = std::filesystem::path(APICTL_SOURCE_DIR) / "tests/fixtures/diff";
  contract::Workspace base;
  contract::Workspace revision;
  REQUIRE(base.open(fixtures / "petstore-base.yaml", "tests/fixtures/diff/petstore-base.yaml").has_value());
  REQUIRE(revision.open(fixtures / "petstore-revision.json", "tests/fixtures/diff/petstore-revision.json").has_value());
  auto result = diff::diff_contracts(base, revision);
  REQUIRE(result.has_value());
  return std::move(*result);
}

// Every change's id, once for each operation it affects (as oasdiff counts).
inline std::multiset<std::string> change_ids(const diff::DiffResult& result) {
  std::multiset<std::string> out;
  for (const auto& change : result.changes) {
    for (std::size_t i = 0; i <= change.also.size(); ++i) out.insert(change.id);
  }
  return out;
}

}  // namespace apictl::test
