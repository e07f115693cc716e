// Running `contract test`: for every operation of the contract, send its cases, check each response against the
// contract, and keep each defect once (by contract::Violation::key()) with a curl command that reproduces it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "contract/conformance.hpp"
#include "contract_test/base_url.hpp"
#include "contract_test/case_generation.hpp"

namespace apictl::contract_test {

struct ContractTestOptions {
  std::string contract_display;  // how the report names the contract: "openapi.yaml"
  BaseUrl base_url;
  std::string base_url_text;  // as given
  CaseOptions cases;
  // Sent with every request, replacing a generated header of the same name: the values as sent, and as the
  // reproductions show them (with ${NAME} references kept, so secrets stay out of reports).
  http::Headers headers;
  http::Headers shown_headers;
  std::chrono::milliseconds timeout{10000};
};

struct Defect {
  contract::Violation violation;  // violation.rule is the check's id (see checks.hpp)
  std::string case_label;         // the case that first showed it: "query 'limit': maximum"
  http::Request request;          // that case's request as sent, with the shown headers
  std::string curl;               // the request as a curl command
  std::size_t occurrences = 1;    // responses that showed it
};

struct OperationOutcome {
  std::string operation;     // "GET /items/{itemId}"
  std::string operation_id;  // "" when none
  std::size_t requests = 0;
  std::size_t defects = 0;
};

struct ContractTestResult {
  std::string contract;
  std::string base_url;
  std::uint64_t seed = 0;
  std::size_t max_requests = 0;
  std::vector<OperationOutcome> operations;  // in the contract's order
  std::vector<Defect> defects;               // in the order found
  std::size_t requests = 0;
  // Requests the generator built that the contract itself rejects (a generator limitation, not the API's
  // defect): counted so the report can say so.
  std::size_t requests_off_contract = 0;
};

// Called before each operation's requests: its index (from 0), the number of operations, and its name.
using ProgressCallback = std::function<void(std::size_t index, std::size_t total, std::string_view operation)>;

// Errors (exit 2): the contract is not OpenAPI 3.x; the first request finds nothing listening
// ("connection-failed", with a hint).
Result<ContractTestResult> run_contract_test(std::shared_ptr<contract::Workspace> workspace,
                                             const ContractTestOptions& options, const ProgressCallback& progress = {});

}  // namespace apictl::contract_test
