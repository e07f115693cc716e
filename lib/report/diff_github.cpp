// Diff as GitHub workflow-command annotations: one line per change, at the revision's file and line (the
// base's when the thing was removed and the base is a file of the checkout), so it shows on the pull request.
#include <ostream>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report::diff_formats {

void write_github(std::ostream& out, const diff::DiffResult& result) {
  for (const diff::Change& change : result.changes) {
    std::string_view command = change.level == diff::Level::err    ? "error"
                               : change.level == diff::Level::warn ? "warning"
                                                                   : "notice";
    SourcePosition where = primary_position(change);
    std::string message = operations_summary(change) + ": " + change.message;
    // Something removed is only in the base. Read from a git revision, the base is no file of the checkout, so
    // GitHub could not show it: the annotation goes on the revision's contract, saying where the thing was.
    bool only_in_base = change.revision.file.empty() && !change.base.file.empty();
    if (only_in_base && !result.base.on_disk) {
      message += " (it was at " + place(where) + ")";
      where = SourcePosition{};
      if (result.revision.on_disk) where.file = result.revision.file;
    }
    out << "::" << command << ' ';
    if (!where.file.empty()) {
      out << "file=" << github_escape(where.file, GithubText::property);
      if (where.line > 0) out << ",line=" << where.line;
      if (where.column > 0) out << ",col=" << where.column;
      out << ',';
    }
    out << "title=" << github_escape(change.id, GithubText::property)
        << "::" << github_escape(message, GithubText::message) << '\n';
  }
}

}  // namespace apictl::report::diff_formats
