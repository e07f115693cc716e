// Diff as Markdown for a pull-request comment: a summary line and the gate's verdict first, then the changes
// grouped by level (breaking first) and, within a level, by operation. Compatible changes fold into <details>.
#include <ostream>
#include <sstream>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report::diff_formats {

namespace {

struct LevelSection {
  diff::Level level;
  std::string_view title;
  bool folded;  // inside <details>, so a long list of compatible changes does not bury the breaking ones
};
constexpr LevelSection sections[] = {
    {diff::Level::err, "Breaking", false},
    {diff::Level::warn, "Possibly breaking", false},
    {diff::Level::info, "Compatible", true},
};

void write_operation_heading(std::ostream& out, const diff::OperationKey& operation) {
  out << "**" << markdown_code(operation_text(operation)) << "**";
  if (!operation.operation_id.empty()) out << " (" << markdown_code(operation.operation_id) << ")";
  out << "\n\n";
}

void write_level(std::ostream& out, const diff::DiffResult& result, const LevelSection& section, std::size_t count) {
  std::string title =
      std::string(section.title) + " (" + std::string(diff::level_name(section.level)) + "): " + std::to_string(count);
  if (section.folded) {
    out << "<details>\n<summary>" << title << "</summary>\n\n";
  } else {
    out << "### " << title << "\n\n";
  }
  const diff::OperationKey* current = nullptr;
  for (const diff::Change& change : result.changes) {
    if (change.level != section.level) continue;
    if (!current || *current != change.operation) {
      if (current) out << '\n';
      current = &change.operation;
      write_operation_heading(out, change.operation);
    }
    out << "- " << markdown_code(change.id) << ' ' << markdown_escape(change.message);
    const SourcePosition& where = primary_position(change);
    if (!where.file.empty()) out << " (" << markdown_code(place(where)) << ")";
    if (!change.also.empty()) out << "; " << markdown_escape(also_text(result, change, 5));
    out << '\n';
  }
  out << '\n';
  if (section.folded) out << "</details>\n\n";
}

void write_sections(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options) {
  out << "## API changes\n\n";
  std::string files = markdown_code(result.base.file) + " → " + markdown_code(result.revision.file);
  if (result.changes.empty()) {
    out << "No changes: " << files << ".\n";
    return;
  }
  DiffSummary summary = summarize(result);
  out << "**" << plural(result.changes.size(), "change") << "** in " << files << ": " << summary.errors << " breaking, "
      << summary.warnings << " possibly breaking, " << summary.infos << " compatible";
  if (result.ignored > 0) out << "; " << plural(result.ignored, "change") << " ignored by policy";
  out << ".\n\n";
  Gate gate = gate_of(result, options);
  std::string_view level = diff::level_name(options.fail_on);
  out << "The gate " << markdown_code("--fail-on " + std::string(level));
  if (gate.fails()) {
    out << " **fails**: " << plural(gate.at_or_above, "change") << " at or above " << level << ".\n\n";
  } else if (gate.at_or_above > 0) {
    out << " passes: the version policy admits " << plural(gate.at_or_above, "change") << " at or above " << level
        << " with a major bump of info.version.\n\n";
  } else {
    out << " passes.\n\n";
  }
  std::size_t counts[] = {summary.errors, summary.warnings, summary.infos};
  for (std::size_t i = 0; i < std::size(sections); ++i) {
    if (counts[i] > 0) write_level(out, result, sections[i], counts[i]);
  }
}

}  // namespace

void write_markdown(std::ostream& out, const diff::DiffResult& result, const DiffReportOptions& options) {
  std::ostringstream text;
  write_sections(text, result, options);
  // Sections end with a blank line to separate them; the document ends with exactly one newline.
  std::string markdown = std::move(text).str();
  while (markdown.ends_with("\n\n")) markdown.pop_back();
  out << markdown;
}

}  // namespace apictl::report::diff_formats
