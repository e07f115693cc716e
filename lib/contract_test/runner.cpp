// The run: cases in, exchanges out, each checked by contract::ContractChecker; defects merged by key.
#include "contract_test/runner.hpp"

#include <unordered_map>

#include "contract_test/checks.hpp"
#include "contract_test/curl_command.hpp"
#include "contract_test/http_sender.hpp"

namespace apictl::contract_test {

namespace {

// The request with the --header values added (replacing generated headers of the same names).
http::Request with_headers(http::Request request, const http::Headers& extra) {
  for (const http::Header& header : extra) {
    std::erase_if(request.headers, [&](const http::Header& h) { return http::iequals(h.name, header.name); });
    request.headers.push_back(header);
  }
  return request;
}

contract::Violation own_violation(std::string rule, const contract::OperationEntry& operation,
                                  const http::Request& request, int status, std::string where, std::string message) {
  contract::Violation violation;
  violation.rule = std::move(rule);
  violation.operation = operation.name();
  violation.operation_id = operation.operation_id;
  violation.where = std::move(where);
  violation.message = std::move(message);
  violation.method = request.method;
  violation.target = request.target;
  violation.status = status;
  return violation;
}

}  // namespace

Result<ContractTestResult> run_contract_test(std::shared_ptr<contract::Workspace> workspace,
                                             const ContractTestOptions& options, const ProgressCallback& progress) {
  auto checker = contract::ContractChecker::create(workspace);
  if (!checker) return std::unexpected(checker.error());

  ContractTestResult result;
  result.contract = options.contract_display;
  result.base_url = options.base_url_text;
  result.seed = options.cases.seed;
  result.max_requests = options.cases.max_requests;

  HttpSender sender(options.base_url, options.timeout);
  std::unordered_map<std::string, std::size_t> defect_by_key;
  bool answered_once = false;
  const auto& operations = (*checker)->operations().operations();
  for (std::size_t index = 0; index < operations.size(); ++index) {
    const contract::OperationEntry& operation = operations[index];
    if (progress) progress(index, operations.size(), operation.name());
    OperationOutcome outcome{operation.name(), operation.operation_id, 0, 0};

    auto record = [&](contract::Violation violation, const TestCase& test_case) {
      auto [found, inserted] = defect_by_key.try_emplace(violation.key(), result.defects.size());
      if (!inserted) {
        ++result.defects[found->second].occurrences;
        return;
      }
      Defect defect;
      defect.violation = std::move(violation);
      defect.case_label = test_case.label;
      defect.request = with_headers(test_case.request, options.shown_headers);
      defect.curl = curl_command(options.base_url, defect.request);
      result.defects.push_back(std::move(defect));
      ++outcome.defects;
    };

    for (const TestCase& test_case : generate_cases(*workspace, (*checker)->spec(), operation, options.cases)) {
      http::Exchange exchange;
      exchange.request = with_headers(test_case.request, options.headers);
      auto response = sender.send(exchange.request);
      ++outcome.requests;
      ++result.requests;
      if (!response) {
        if (!answered_once && response.error().connect) {
          return fail("connection-failed", "cannot reach " + options.base_url_text + ": " + response.error().message,
                      {},
                      "start the app first (or check --base-url's host and port); apictl dev prints where it serves");
        }
        record(own_violation("no-response", operation, test_case.request, 0, "response",
                             "no response: " + response.error().message),
               test_case);
        continue;
      }
      answered_once = true;
      exchange.response = std::move(*response);
      int status = exchange.response.status;
      if (status >= 500 && status <= 599) {
        record(own_violation("server-error", operation, test_case.request, status, "response " + std::to_string(status),
                             "the server answered " + std::to_string(status)),
               test_case);
        continue;
      }
      bool off_contract = false;
      for (contract::Violation& violation : (*checker)->check(exchange)) {
        if (is_test_check(violation.rule)) {
          record(std::move(violation), test_case);
        } else {
          off_contract = true;
        }
      }
      if (off_contract) ++result.requests_off_contract;
    }
    result.operations.push_back(std::move(outcome));
  }
  return result;
}

}  // namespace apictl::contract_test
