// The check registry: the summaries of the checker's rules come from contract::conformance_rules().
#include "contract_test/checks.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "contract/conformance.hpp"

namespace apictl::contract_test {

namespace {

constexpr std::array<std::string_view, 9> response_rules = {
    "response-status-undocumented", "response-content-type-undocumented",
    "response-body-schema",         "response-body-invalid-json",
    "response-body-missing",        "response-body-undocumented",
    "response-header-missing",      "response-header-schema",
    "schema-uncheckable",
};

std::vector<TestCheck> build_checks() {
  std::vector<TestCheck> out = {
      {"no-response", "no response came: the connection failed or closed, or the timeout passed"},
      {"server-error", "the response is a 5xx (its other checks are skipped: the body is a crash's, not the API's)"},
  };
  for (std::string_view id : response_rules) {
    auto rule = std::ranges::find_if(contract::conformance_rules(), [&](const auto& r) { return r.id == id; });
    if (rule != contract::conformance_rules().end()) out.push_back({rule->id, rule->summary});
  }
  return out;
}

}  // namespace

std::span<const TestCheck> test_checks() {
  static const std::vector<TestCheck> checks = build_checks();
  return checks;
}

bool is_test_check(std::string_view id) {
  return std::ranges::any_of(test_checks(), [&](const TestCheck& check) { return check.id == id; });
}

}  // namespace apictl::contract_test
