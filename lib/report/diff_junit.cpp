// Diff as JUnit XML for CI test views: a suite per operation, a test case per change. Changes that fail the
// --fail-on gate are failures; the others pass (the check ran and the change is acceptable at this gate, or the
// version policy admitted it) and carry their text in <system-out>. No changes at all is one passing case, so
// the report is never empty.
#include <algorithm>
#include <ostream>
#include <vector>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report::diff_formats {

namespace {

struct Suite {
  std::string name;
  std::vector<const diff::Change*> changes;
  std::size_t failures = 0;
};

std::string details(const diff::DiffResult& result, const diff::Change& change) {
  std::string text = std::string(diff::level_name(change.level)) + " " + change.id + "\n" +
                     operation_text(change.operation) + ": " + change.message + "\nbase " + place(change.base) +
                     "\nrevision " + place(change.revision) + "\nfingerprint " + change.fingerprint;
  if (!change.also.empty()) text += "\n" + also_text(result, change, change.also.size());
  return text;
}

}  // namespace

void write_junit(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options) {
  Gate gate = gate_of(result, options);
  auto fails = [&](const diff::Change& change) { return gate.fails() && change.level >= options.fail_on; };
  std::vector<Suite> suites;
  for (const diff::Change& change : result.changes) {
    std::string name = operation_text(change.operation);
    if (!change.operation.operation_id.empty()) name += " (" + change.operation.operation_id + ")";
    // Changes come grouped by operation (report_order), so a new name starts a new suite.
    if (suites.empty() || suites.back().name != name) suites.push_back({name, {}, 0});
    suites.back().changes.push_back(&change);
    if (fails(change)) ++suites.back().failures;
  }
  std::size_t failures = gate.fails() ? gate.at_or_above : 0;
  std::string flag = "--fail-on " + std::string(diff::level_name(options.fail_on));
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"apictl contract diff\" tests=\"" << std::max<std::size_t>(result.changes.size(), 1)
      << "\" failures=\"" << failures << "\" errors=\"0\">\n";
  if (suites.empty()) {
    out << "  <testsuite name=\"" << xml_escape(result.revision.file)
        << "\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n";
    out << "    <testcase classname=\"contract diff\" name=\"no changes between " << xml_escape(result.base.file)
        << " and " << xml_escape(result.revision.file) << "\"/>\n";
    out << "  </testsuite>\n";
  }
  for (const Suite& suite : suites) {
    out << "  <testsuite name=\"" << xml_escape(suite.name) << "\" tests=\"" << suite.changes.size() << "\" failures=\""
        << suite.failures << "\" errors=\"0\" skipped=\"0\">\n";
    for (const diff::Change* change : suite.changes) {
      std::string name = change->id + ": " + change->message;
      out << "    <testcase classname=\"" << xml_escape(suite.name) << "\" name=\"" << xml_escape(name) << "\">\n";
      if (fails(*change)) {
        out << "      <failure type=\"" << diff::level_name(change->level) << "\" message=\""
            << xml_escape(change->message) << "\">" << xml_escape(details(result, *change)) << "</failure>\n";
      } else {
        std::string verdict = change->level >= options.fail_on
                                  ? "admitted by the version policy (a major bump of info.version)"
                                  : "below " + flag;
        out << "      <system-out>" << xml_escape(details(result, *change) + "\n" + verdict) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace apictl::report::diff_formats
