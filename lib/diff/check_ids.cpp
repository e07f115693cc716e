// The id table: generated rows from oasdiff (check_ids_table.inc) merged with apictl's own ids, kept sorted.
#include "diff/check_ids.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
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
  // Schema comparisons ask for every <context>-<atom> they might emit, most of which do not exist: hashed.
  static const std::unordered_map<std::string_view, const CheckInfo*> by_id = [] {
    std::unordered_map<std::string_view, const CheckInfo*> index;
    for (const CheckInfo& check : check_ids()) index.emplace(check.id, &check);
    return index;
  }();
  auto found = by_id.find(id);
  return found != by_id.end() ? found->second : nullptr;
}

const CheckInfo* find_check(std::string_view prefix, std::string_view atom) {
  // Joined in a buffer on the stack: no string is built for the many pairs that are no check.
  std::array<char, 128> joined;
  if (prefix.size() + 1 + atom.size() > joined.size()) return nullptr;  // longer than any id
  auto end = std::ranges::copy(prefix, joined.begin()).out;
  *end++ = '-';
  end = std::ranges::copy(atom, end).out;
  return find_check(std::string_view(joined.data(), static_cast<std::size_t>(end - joined.begin())));
}

}  // namespace apictl::diff
