// Writing diff results: text for people, json (docs/contract-diff.md) for machines.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "diff/diff.hpp"
#include "report/terminal.hpp"

namespace apictl::report {

enum class DiffFormat { text, json };
std::optional<DiffFormat> parse_diff_format(std::string_view name);

struct DiffSummary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
DiffSummary summarize(const diff::DiffResult& result);

void write_diff_report(std::ostream& out, const diff::DiffResult& result, DiffFormat format,
                       const TerminalStyle& style);

}  // namespace apictl::report
