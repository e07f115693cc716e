// The id table: generated rows from oasdiff (check_ids_table.inc) merged with apictl's own ids, kept sorted.
#include "diff/check_ids.hpp"

#include <algorithm>
#include <vector>

namespace apictl::diff {

namespace {

constexpr CheckInfo oasdiff_checks[] = {
#include "diff/check_ids_table.inc"
};

// Changes oasdiff has no id for. Named like oasdiff's, so they read as one family.
constexpr CheckInfo apictl_checks[] = {
    // How a parameter is serialized on the wire: clients built for the old style send what the server rejects.
    {"request-parameter-style-changed", Level::err, "request-parameters"},
    {"request-parameter-explode-changed", Level::err, "request-parameters"},
    // The version policy ([contract.diff] version-policy) cannot judge an info.version that is not semver.
    {"api-version-not-semver", Level::err, "versioning-policy"},
};

std::vector<CheckInfo> build_table() {
  std::vector<CheckInfo> table(std::begin(oasdiff_checks), std::end(oasdiff_checks));
  table.insert(table.end(), std::begin(apictl_checks), std::end(apictl_checks));
  std::ranges::sort(table, {}, &CheckInfo::id);
  return table;
}

}  // namespace

std::span<const CheckInfo> check_ids() {
  static const std::vector<CheckInfo> table = build_table();
  return table;
}

const CheckInfo* find_check(std::string_view id) {
  auto table = check_ids();
  auto found = std::ranges::lower_bound(table, id, {}, &CheckInfo::id);
  return found != table.end() && found->id == id ? &*found : nullptr;
}

}  // namespace apictl::diff
