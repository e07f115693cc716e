// The checks `contract test` applies to each response, by id: two of its own (server-error, no-response) and
// the response-side rules of contract::ContractChecker, whose ids they keep, so `apictl dev` and `contract test`
// name the same defect the same way.
#pragma once

#include <span>
#include <string_view>

namespace apictl::contract_test {

struct TestCheck {
  std::string_view id;
  std::string_view summary;
};

// In the order they are applied to a response.
std::span<const TestCheck> test_checks();

// Whether `id` is one of test_checks(): the checker's request-side rules are not (a request the generator
// built that breaks the contract is the generator's fault, not the API's).
bool is_test_check(std::string_view id);

}  // namespace apictl::contract_test
