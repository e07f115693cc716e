// Writing diff results: text for people; json, markdown, html, junit, github and sarif for machines and CI
// (docs/contract-diff.md describes each).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.hpp"
#include "report/terminal.hpp"

namespace apictl::report {

enum class DiffFormat { text, json, markdown, html, junit, github, sarif };
std::optional<DiffFormat> parse_diff_format(std::string_view name);
// Every format's name, for --format's choices and help.
std::vector<std::string> diff_format_names();

struct DiffSummary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
DiffSummary summarize(const diff::DiffResult& result);

struct DiffReportOptions {
  // The CI gate (--fail-on): junit fails the test cases at or above it; markdown and html say whether the gate
  // passes.
  diff::Level fail_on = diff::Level::err;
};

void write_diff_report(std::ostream& out, const diff::DiffResult& result, DiffFormat format, const TerminalStyle& style,
                       const DiffReportOptions& options = {});

}  // namespace apictl::report
