// Diff output formats: the text and json writers, the format table, and the wording every format shares.
// The JSON shape ("apictl.diff/v1") is documented in docs/contract-diff.md.
#include "report/diff_report.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report {

namespace diff_formats {

std::string operation_text(const diff::OperationKey& operation) {
  if (operation.path.empty()) return "(document)";
  return operation.webhook ? "webhook " + operation.path + " " + operation.method
                           : operation.method + " " + operation.path;
}

std::string place(const SourcePosition& where) {
  if (where.file.empty()) return "-";
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

const SourcePosition& primary_position(const diff::Change& change) {
  return change.revision.file.empty() ? change.base : change.revision;
}

std::string level_counts(const DiffSummary& summary) {
  return plural(summary.errors, "error") + ", " + plural(summary.warnings, "warning") + ", " +
         plural(summary.infos, "info");
}

std::string change_counts(const diff::DiffResult& result) {
  if (result.changes.empty()) return "no changes";
  return plural(result.changes.size(), "change") + " (" + level_counts(summarize(result)) + ")";
}

std::size_t count_at_or_above(const diff::DiffResult& result, diff::Level threshold) {
  std::size_t count = 0;
  for (const diff::Change& change : result.changes) count += change.level >= threshold ? 1 : 0;
  return count;
}

Gate gate_of(const diff::DiffResult& result, const DiffReportOptions& options) {
  return {count_at_or_above(result, options.fail_on), result.breaking_admitted};
}

}  // namespace diff_formats

namespace {

using Json = nlohmann::ordered_json;
using diff::Change;
using diff::Level;
using diff_formats::operation_text;
using diff_formats::place;

void write_text(std::ostream& out, const diff::DiffResult& result, const TerminalStyle& style) {
  std::string current;
  for (const Change& change : result.changes) {
    std::string operation = operation_text(change.operation);
    if (operation != current) {
      if (!current.empty()) out << '\n';
      current = operation;
      out << paint(style, Color::bold, operation);
      if (!change.operation.operation_id.empty())
        out << paint(style, Color::gray, " (" + change.operation.operation_id + ")");
      out << '\n';
    }
    Color color = change.level == Level::err ? Color::red : change.level == Level::warn ? Color::yellow : Color::blue;
    std::string level(diff::level_name(change.level));
    level.resize(4, ' ');
    out << "  " << paint(style, color, level) << ' ' << paint(style, Color::gray, change.id) << ' ' << change.message
        << '\n';
    out << "       " << paint(style, Color::gray, "base " + place(change.base) + "  revision " + place(change.revision))
        << '\n';
  }
  DiffSummary summary = summarize(result);
  if (!result.changes.empty()) out << '\n';
  std::string line = diff_formats::change_counts(result);
  line += " between " + result.base.file + " and " + result.revision.file;
  if (result.ignored > 0) line += "; " + plural(result.ignored, "change") + " ignored by policy";
  out << paint(style, result.changes.empty() ? Color::green : (summary.errors ? Color::red : Color::yellow), line)
      << '\n';
}

Json position_json(const SourcePosition& where) {
  if (where.file.empty()) return nullptr;
  return {{"file", where.file}, {"line", where.line}, {"column", where.column}, {"pointer", where.pointer}};
}

void write_json(std::ostream& out, const diff::DiffResult& result) {
  Json document;
  document["schema"] = "apictl.diff/v1";
  document["tool"] = {{"name", "apictl"}, {"version", APICTL_VERSION}};
  document["base"] = {{"file", result.base.file}, {"openapi", result.base.openapi}};
  document["revision"] = {{"file", result.revision.file}, {"openapi", result.revision.openapi}};
  Json changes = Json::array();
  for (const Change& change : result.changes) {
    Json item;
    item["id"] = change.id;
    item["level"] = diff::level_name(change.level);
    item["operation"] = change.operation.path.empty() ? Json(nullptr)
                                                      : Json{{"method", change.operation.method},
                                                             {"path", change.operation.path},
                                                             {"operationId", change.operation.operation_id},
                                                             {"webhook", change.operation.webhook}};
    item["message"] = change.message;
    item["base"] = position_json(change.base);
    item["revision"] = position_json(change.revision);
    item["fingerprint"] = change.fingerprint;
    changes.push_back(std::move(item));
  }
  document["changes"] = std::move(changes);
  DiffSummary summary = summarize(result);
  document["summary"] = {{"errors", summary.errors},
                         {"warnings", summary.warnings},
                         {"infos", summary.infos},
                         {"total", result.changes.size()},
                         {"ignored", result.ignored}};
  document["suggested_version"] = result.suggested_version ? Json(*result.suggested_version) : Json(nullptr);
  out << document.dump(2) << '\n';
}

struct FormatName {
  std::string_view name;
  DiffFormat format;
};
constexpr FormatName format_names[] = {
    {"text", DiffFormat::text},   {"json", DiffFormat::json},   {"markdown", DiffFormat::markdown},
    {"html", DiffFormat::html},   {"junit", DiffFormat::junit}, {"github", DiffFormat::github},
    {"sarif", DiffFormat::sarif},
};

}  // namespace

std::optional<DiffFormat> parse_diff_format(std::string_view name) {
  for (const auto& entry : format_names) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

std::vector<std::string> diff_format_names() {
  std::vector<std::string> names;
  for (const auto& entry : format_names) names.emplace_back(entry.name);
  return names;
}

DiffSummary summarize(const diff::DiffResult& result) {
  DiffSummary summary;
  for (const Change& change : result.changes) {
    switch (change.level) {
      case Level::err:
        ++summary.errors;
        break;
      case Level::warn:
        ++summary.warnings;
        break;
      case Level::info:
        ++summary.infos;
        break;
    }
  }
  return summary;
}

void write_diff_report(std::ostream& out, const diff::DiffResult& result, DiffFormat format, const TerminalStyle& style,
                       const DiffReportOptions& options) {
  switch (format) {
    case DiffFormat::text:
      write_text(out, result, style);
      break;
    case DiffFormat::json:
      write_json(out, result);
      break;
    case DiffFormat::markdown:
      diff_formats::write_markdown(out, result, options);
      break;
    case DiffFormat::html:
      diff_formats::write_html(out, result, options);
      break;
    case DiffFormat::junit:
      diff_formats::write_junit(out, result, options);
      break;
    case DiffFormat::github:
      diff_formats::write_github(out, result);
      break;
    case DiffFormat::sarif:
      diff_formats::write_sarif(out, result);
      break;
  }
}

}  // namespace apictl::report
