// Diff output formats. The JSON shape ("apictl.diff/v1") is documented in docs/contract-diff.md.
#include "report/diff_report.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace apictl::report {

namespace {

using Json = nlohmann::ordered_json;
using diff::Change;
using diff::Level;

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

std::string place(const SourcePosition& where) {
  if (where.file.empty()) return "-";
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string operation_text(const diff::OperationKey& operation) {
  if (operation.path.empty()) return "(document)";
  std::string text = operation.webhook ? "webhook " + operation.path + " " + operation.method
                                       : operation.method + " " + operation.path;
  return text;
}

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
  std::string line = result.changes.empty() ? "no changes" : plural(result.changes.size(), "change");
  if (!result.changes.empty()) {
    line += " (" + plural(summary.errors, "error") + ", " + plural(summary.warnings, "warning") + ", " +
            plural(summary.infos, "info") + ")";
  }
  line += " between " + result.base.file + " and " + result.revision.file;
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
                         {"total", result.changes.size()}};
  out << document.dump(2) << '\n';
}

}  // namespace

std::optional<DiffFormat> parse_diff_format(std::string_view name) {
  if (name == "text") return DiffFormat::text;
  if (name == "json") return DiffFormat::json;
  return std::nullopt;
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

void write_diff_report(std::ostream& out, const diff::DiffResult& result, DiffFormat format,
                       const TerminalStyle& style) {
  switch (format) {
    case DiffFormat::text:
      write_text(out, result, style);
      break;
    case DiffFormat::json:
      write_json(out, result);
      break;
  }
}

}  // namespace apictl::report
