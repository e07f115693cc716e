// Writing lint results in each output format: text for people, json/sarif/junit/github for machines.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "lint/lint.hpp"
#include "report/terminal.hpp"

namespace apictl::report {

enum class LintFormat { text, json, sarif, junit, github };
std::optional<LintFormat> parse_lint_format(std::string_view name);

struct LintSummary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
  std::size_t hints = 0;
};
LintSummary summarize(const lint::LintResult& result);

// True when some finding is at or above `threshold` (error > warn > info > hint).
bool has_findings_at(const lint::LintResult& result, Severity threshold);

// `fail_on`: the exit threshold, which JUnit's failures follow (findings below it are passing cases).
void write_lint_report(std::ostream& out, const lint::LintResult& result, LintFormat format, const TerminalStyle& style,
                       Severity fail_on = Severity::error);

}  // namespace apictl::report
