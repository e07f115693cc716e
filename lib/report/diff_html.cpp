// Diff as one self-contained HTML page: inline CSS, no script, no fonts or images, no URL of any kind, so it
// opens offline and can be attached to a CI run. Level filters are checkboxes styled with CSS alone.
// Everything taken from the contracts is escaped; the page is also well-formed XML.
#include <ostream>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report::diff_formats {

namespace {

constexpr std::string_view style_sheet = R"(
:root { color-scheme: light dark; --err: #c62828; --warn: #a15c00; --info: #1565c0; --muted: #6b7280;
  --line: #d1d5db; --band: #f3f4f6; }
@media (prefers-color-scheme: dark) { :root { --err: #ef9a9a; --warn: #ffcc80; --info: #90caf9;
  --muted: #9ca3af; --line: #374151; --band: #1f2937; } }
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
code { font: 13px/1.4 ui-monospace, monospace; }
h1 { margin-bottom: 0.25rem; }
h2 { font-size: 1.05rem; margin: 1.75rem 0 0.5rem; }
.files, .operation-id, .where, .also { color: var(--muted); }
.summary span { font-weight: 600; margin-right: 1rem; }
.gate { padding: 0.5rem 0.75rem; border-left: 4px solid var(--info); background: var(--band); }
.gate.fails { border-color: var(--err); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: var(--band); }
.level { font-weight: 700; }
.level-ERR .level, .count-ERR { color: var(--err); }
.level-WARN .level, .count-WARN { color: var(--warn); }
.level-INFO .level, .count-INFO { color: var(--info); }
.filter { position: absolute; opacity: 0; }
.filters label { display: inline-block; cursor: pointer; user-select: none; margin-right: 0.5rem;
  padding: 0.1rem 0.6rem; border: 1px solid var(--line); border-radius: 1rem; }
#show-ERR:not(:checked) ~ header label[for="show-ERR"],
#show-WARN:not(:checked) ~ header label[for="show-WARN"],
#show-INFO:not(:checked) ~ header label[for="show-INFO"] { opacity: 0.45; text-decoration: line-through; }
#show-ERR:focus-visible ~ header label[for="show-ERR"],
#show-WARN:focus-visible ~ header label[for="show-WARN"],
#show-INFO:focus-visible ~ header label[for="show-INFO"] { outline: 2px solid var(--info); }
#show-ERR:not(:checked) ~ main .level-ERR,
#show-WARN:not(:checked) ~ main .level-WARN,
#show-INFO:not(:checked) ~ main .level-INFO { display: none; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
)";

void write_header(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options) {
  DiffSummary summary = summarize(result);
  out << "<header>\n<h1>API changes</h1>\n";
  out << "<p class=\"files\"><code>" << xml_escape(result.base.file) << "</code> → <code>"
      << xml_escape(result.revision.file) << "</code></p>\n";
  if (result.changes.empty()) {
    out << "<p class=\"summary\">No changes.</p>\n</header>\n";
    return;
  }
  out << "<p class=\"summary\">" << plural(result.changes.size(), "change") << ": <span class=\"count-ERR\">"
      << summary.errors << " breaking (ERR)</span><span class=\"count-WARN\">" << summary.warnings
      << " possibly breaking (WARN)</span><span class=\"count-INFO\">" << summary.infos << " compatible (INFO)</span>";
  if (result.ignored > 0) out << plural(result.ignored, "change") << " ignored by policy";
  out << "</p>\n";
  Gate gate = gate_of(result, options);
  std::string_view level = diff::level_name(options.fail_on);
  out << "<p class=\"gate" << (gate.fails() ? " fails" : "") << "\">The gate <code>--fail-on " << level << "</code>";
  if (gate.fails()) {
    out << " fails: " << plural(gate.at_or_above, "change") << " at or above " << level << ".</p>\n";
  } else if (gate.at_or_above > 0) {
    out << " passes: the version policy admits " << plural(gate.at_or_above, "change") << " at or above " << level
        << " with a major bump of info.version.</p>\n";
  } else {
    out << " passes.</p>\n";
  }
  out << "<p class=\"filters\">Show: <label for=\"show-ERR\">ERR " << summary.errors
      << "</label><label for=\"show-WARN\">WARN " << summary.warnings << "</label><label for=\"show-INFO\">INFO "
      << summary.infos << "</label></p>\n";
  out << "</header>\n";
}

void write_change(std::ostream& out, const diff::DiffResult& result, const diff::Change& change) {
  std::string_view level = diff::level_name(change.level);
  out << "<tr class=\"level-" << level << "\" id=\"change-" << xml_escape(change.fingerprint) << "\">"
      << "<td class=\"level\">" << level << "</td><td><code>" << xml_escape(change.id) << "</code></td><td>"
      << xml_escape(change.message);
  if (!change.also.empty())
    out << "<br/><span class=\"also\">" << xml_escape(also_text(result, change, 5)) << "</span>";
  out << "</td><td class=\"where\"><code>" << xml_escape(place(change.base)) << "</code><br/><code>"
      << xml_escape(place(change.revision)) << "</code></td></tr>\n";
}

void write_changes(std::ostream& out, const diff::DiffResult& result) {
  out << "<main>\n";
  const diff::OperationKey* current = nullptr;
  for (const diff::Change& change : result.changes) {
    if (!current || *current != change.operation) {
      if (current) out << "</tbody>\n</table>\n</section>\n";
      current = &change.operation;
      out << "<section>\n<h2><code>" << xml_escape(operation_text(change.operation)) << "</code>";
      if (!change.operation.operation_id.empty())
        out << " <span class=\"operation-id\">" << xml_escape(change.operation.operation_id) << "</span>";
      out << "</h2>\n<table>\n<thead><tr><th>Level</th><th>Check</th><th>Change</th><th>Base / revision</th></tr>"
             "</thead>\n<tbody>\n";
    }
    write_change(out, result, change);
  }
  if (current) out << "</tbody>\n</table>\n</section>\n";
  out << "</main>\n";
}

}  // namespace

void write_html(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<title>API changes: "
      << xml_escape(result.base.file) << " → " << xml_escape(result.revision.file) << "</title>\n<style>" << style_sheet
      << "</style>\n</head>\n<body>\n";
  // The filters must precede header and main as siblings: the CSS hides rows with `#show-X:not(:checked) ~ main`.
  if (!result.changes.empty()) {
    for (std::string_view level : {"ERR", "WARN", "INFO"}) {
      out << "<input type=\"checkbox\" class=\"filter\" id=\"show-" << level << "\" checked=\"checked\"/>\n";
    }
  }
  write_header(out, result, options);
  if (!result.changes.empty()) write_changes(out, result);
  out << "<footer>apictl " << APICTL_VERSION << " · contract diff</footer>\n</body>\n</html>\n";
}

}  // namespace apictl::report::diff_formats
