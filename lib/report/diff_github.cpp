// Diff as GitHub workflow-command annotations: one line per change, at the revision's file and line (the
// base's when the thing was removed), so the change shows on the pull request's diff.
#include <ostream>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report::diff_formats {

void write_github(std::ostream& out, const diff::DiffResult& result) {
  for (const diff::Change& change : result.changes) {
    std::string_view command = change.level == diff::Level::err    ? "error"
                               : change.level == diff::Level::warn ? "warning"
                                                                   : "notice";
    const SourcePosition& where = primary_position(change);
    out << "::" << command << ' ';
    if (!where.file.empty()) {
      out << "file=" << github_escape(where.file, GithubText::property);
      if (where.line > 0) out << ",line=" << where.line;
      if (where.column > 0) out << ",col=" << where.column;
      out << ',';
    }
    out << "title=" << github_escape(change.id, GithubText::property)
        << "::" << github_escape(operations_summary(change) + ": " + change.message, GithubText::message) << '\n';
  }
}

}  // namespace apictl::report::diff_formats
