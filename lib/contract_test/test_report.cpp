// The three formats of a contract test report.
#include "contract_test/test_report.hpp"

#include <map>
#include <ostream>

#include <nlohmann/json.hpp>

#include "contract_test/checks.hpp"
#include "report/escaping.hpp"

namespace apictl::contract_test {

namespace {

using Json = nlohmann::ordered_json;

std::string schema_location(const contract::Violation& violation) {
  if (!violation.schema) return {};
  const SourcePosition& at = violation.schema->schema;
  std::string where = at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  return violation.schema->keyword.empty() ? where : violation.schema->keyword + " at " + where;
}

// "GET /items: response 200 body /items/1/price: must be number, found string"
std::string defect_line(const contract::Violation& violation) {
  std::string out = violation.where;
  if (!violation.pointer.empty()) out += " " + violation.pointer;
  return out + ": " + violation.message;
}

void write_text(std::ostream& out, const ContractTestResult& result, const TerminalStyle& style) {
  for (const Defect& defect : result.defects) {
    const contract::Violation& v = defect.violation;
    out << paint(style, Color::bold, v.operation) << ' ' << paint(style, Color::red, v.rule) << ' ' << defect_line(v)
        << '\n';
    std::string details = "case: " + defect.case_label + "; seen in " + std::to_string(defect.occurrences) + " " +
                          (defect.occurrences == 1 ? "response" : "responses");
    if (v.schema) details += "; schema: " + schema_location(v);
    out << "    " << paint(style, Color::gray, details) << '\n';
    out << "    " << defect.curl << '\n';
  }
  if (!result.defects.empty()) out << '\n';
  std::size_t failing = 0;
  for (const OperationOutcome& operation : result.operations) failing += operation.defects > 0;
  std::string summary = report::plural(result.defects.size(), "defect") + " in " + std::to_string(failing) + " of " +
                        report::plural(result.operations.size(), "operation") + "; " +
                        report::plural(result.requests, "request") + " sent to " + result.base_url + " (seed " +
                        std::to_string(result.seed) + ", at most " + std::to_string(result.max_requests) +
                        " per operation)";
  out << paint(style, result.defects.empty() ? Color::green : Color::red, summary) << '\n';
  if (result.requests_off_contract > 0) {
    out << paint(style, Color::gray,
                 "note: " + report::plural(result.requests_off_contract, "generated request") +
                     " did not conform to the contract itself (see docs/contract-test.md, Limits)")
        << '\n';
  }
}

Json request_json(const Defect& defect, const ContractTestResult& result) {
  Json headers = Json::array();
  for (const http::Header& header : defect.request.headers)
    headers.push_back({{"name", header.name}, {"value", header.value}});
  return Json{{"method", defect.request.method},
              {"target", defect.request.target},
              {"headers", std::move(headers)},
              {"body", defect.request.body.empty() ? Json(nullptr) : Json(defect.request.body)},
              {"baseUrl", result.base_url}};
}

void write_json(std::ostream& out, const ContractTestResult& result) {
  Json document;
  document["schema"] = "apictl.contract-test/v1";
  document["contract"] = result.contract;
  document["baseUrl"] = result.base_url;
  document["seed"] = result.seed;
  document["maxRequests"] = result.max_requests;
  document["summary"] = Json{{"operations", result.operations.size()},
                             {"requests", result.requests},
                             {"defects", result.defects.size()},
                             {"requestsOffContract", result.requests_off_contract}};
  Json operations = Json::array();
  for (const OperationOutcome& operation : result.operations) {
    operations.push_back(
        Json{{"operation", operation.operation},
             {"operationId", operation.operation_id.empty() ? Json(nullptr) : Json(operation.operation_id)},
             {"requests", operation.requests},
             {"defects", operation.defects}});
  }
  document["operations"] = std::move(operations);
  Json defects = Json::array();
  for (const Defect& defect : result.defects) {
    const contract::Violation& v = defect.violation;
    Json schema = nullptr;
    if (v.schema) {
      schema = Json{{"keyword", v.schema->keyword},
                    {"pointer", v.schema->schema.pointer},
                    {"file", v.schema->schema.file},
                    {"line", v.schema->schema.line},
                    {"column", v.schema->schema.column}};
    }
    defects.push_back(Json{{"check", v.rule},
                           {"operation", v.operation},
                           {"operationId", v.operation_id.empty() ? Json(nullptr) : Json(v.operation_id)},
                           {"where", v.where},
                           {"pointer", v.pointer},
                           {"message", v.message},
                           {"status", v.status == 0 ? Json(nullptr) : Json(v.status)},
                           {"schema", std::move(schema)},
                           {"case", defect.case_label},
                           {"occurrences", defect.occurrences},
                           {"request", request_json(defect, result)},
                           {"curl", defect.curl}});
  }
  document["defects"] = std::move(defects);
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// One suite per operation, one test case per check: a failure lists every defect that check found there.
void write_junit(std::ostream& out, const ContractTestResult& result) {
  std::map<std::pair<std::string, std::string>, std::vector<const Defect*>> by_check;
  for (const Defect& defect : result.defects) {
    by_check[{defect.violation.operation, defect.violation.rule}].push_back(&defect);
  }
  auto checks = test_checks();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::size_t failures = 0;
  for (const auto& entry : by_check) failures += !entry.second.empty();
  out << "<testsuites name=\"apictl contract test\" tests=\"" << result.operations.size() * checks.size()
      << "\" failures=\"" << failures << "\">\n";
  for (const OperationOutcome& operation : result.operations) {
    std::size_t suite_failures = 0;
    for (const TestCheck& check : checks)
      suite_failures += by_check.contains({operation.operation, std::string(check.id)});
    out << "  <testsuite name=\"" << report::xml_escape(operation.operation) << "\" tests=\"" << checks.size()
        << "\" failures=\"" << suite_failures << "\" errors=\"0\">\n";
    for (const TestCheck& check : checks) {
      out << "    <testcase classname=\"" << report::xml_escape(operation.operation) << "\" name=\""
          << report::xml_escape(check.id) << "\"";
      auto found = by_check.find({operation.operation, std::string(check.id)});
      if (found == by_check.end()) {
        out << "/>\n";
        continue;
      }
      std::string text;
      for (const Defect* defect : found->second) {
        text += defect_line(defect->violation) + "\n  case: " + defect->case_label + "\n  " + defect->curl + "\n";
      }
      out << ">\n      <failure type=\"" << report::xml_escape(check.id) << "\" message=\""
          << report::xml_escape(defect_line(found->second.front()->violation)) << "\">" << report::xml_escape(text)
          << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace

std::optional<TestReportFormat> parse_test_report_format(std::string_view name) {
  if (name == "text") return TestReportFormat::text;
  if (name == "json") return TestReportFormat::json;
  if (name == "junit") return TestReportFormat::junit;
  return std::nullopt;
}

void write_test_report(std::ostream& out, const ContractTestResult& result, TestReportFormat format,
                       const TerminalStyle& style) {
  switch (format) {
    case TestReportFormat::text:
      write_text(out, result, style);
      break;
    case TestReportFormat::json:
      write_json(out, result);
      break;
    case TestReportFormat::junit:
      write_junit(out, result);
      break;
  }
}

}  // namespace apictl::contract_test
