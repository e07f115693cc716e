// Writing a `contract test` result: text for people, json for machines (docs/contract-test.md), junit for CI.
// Nothing in the output depends on time or the machine, so the same seed against the same app gives the same
// bytes.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "contract_test/runner.hpp"
#include "report/terminal.hpp"

namespace apictl::contract_test {

enum class TestReportFormat { text, json, junit };
std::optional<TestReportFormat> parse_test_report_format(std::string_view name);

void write_test_report(std::ostream& out, const ContractTestResult& result, TestReportFormat format,
                       const TerminalStyle& style);

}  // namespace apictl::contract_test
