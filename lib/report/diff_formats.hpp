// Inside the diff report: one writer per format (diff_<format>.cpp) and the wording they share.
#pragma once

#include <iosfwd>
#include <string>

#include "diff/diff.hpp"
#include "report/diff_report.hpp"

namespace apictl::report::diff_formats {

// "GET /pets", "webhook newPet POST", or "(document)" for changes outside any operation.
std::string operation_text(const diff::OperationKey& operation);
// The other operations a change affects: "also in GET /b, POST /c and 12 more operations" naming the first
// `shown`; empty when there are none.
std::string also_text(const diff::DiffResult& result, const diff::Change& change, std::size_t shown);
// "GET /a", or "GET /a and 13 more operations": the operations a change affects, in a few words.
std::string operations_summary(const diff::Change& change);
// "file:line:col", or "-" when the thing does not exist on that side.
std::string place(const SourcePosition& where);
// Where a change shows: in the revision, or in the base when it was removed there.
const SourcePosition& primary_position(const diff::Change& change);
// "5 errors, 2 warnings, 6 infos"
std::string level_counts(const DiffSummary& summary);
// "13 changes (5 errors, 2 warnings, 6 infos)" or "no changes".
std::string change_counts(const diff::DiffResult& result);
// How many changes are at or above the --fail-on level.
std::size_t count_at_or_above(const diff::DiffResult& result, diff::Level threshold);
// The --fail-on gate as the exit code decides it: changes at or above the level fail it, unless the version
// policy admitted them with a major bump of info.version.
struct Gate {
  std::size_t at_or_above = 0;  // changes at or above --fail-on
  bool admitted = false;        // ... all admitted by the version policy
  bool fails() const { return at_or_above > 0 && !admitted; }
};
Gate gate_of(const diff::DiffResult& result, const DiffReportOptions& options);

void write_markdown(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options);
void write_html(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options);
void write_junit(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options);
void write_github(std::ostream& out, const diff::DiffResult& result);
void write_sarif(std::ostream& out, const diff::DiffResult& result);

}  // namespace apictl::report::diff_formats
