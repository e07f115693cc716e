// Diff output formats: the text and json writers, the format table, and the wording every format shares.
// The JSON shape ("apictl.diff/v1") is documented in docs/contract-diff.md.
#include "report/diff_report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cstdint>
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

std::string also_text(const diff::DiffResult& result, const diff::Change& change, std::size_t shown) {
  if (change.also.empty()) return "";
  std::size_t named = std::min(shown, change.also.size());
  std::string text = "also in ";
  for (std::size_t i = 0; i < named; ++i) {
    if (i > 0) text += i + 1 == named && named == change.also.size() ? " and " : ", ";
    text += operation_text(result.operations[change.also[i]]);
  }
  if (named < change.also.size()) text += " and " + plural(change.also.size() - named, "more operation");
  return text;
}

std::string operations_summary(const diff::Change& change) {
  std::string text = operation_text(change.operation);
  if (!change.also.empty()) text += " and " + plural(change.also.size(), "more operation");
  return text;
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
    if (!change.also.empty()) {
      out << "       " << paint(style, Color::gray, diff_formats::also_text(result, change, 3)) << '\n';
    }
  }
  DiffSummary summary = summarize(result);
  if (!result.changes.empty()) out << '\n';
  std::string line = diff_formats::change_counts(result);
  line += " between " + result.base.file + " and " + result.revision.file;
  if (result.ignored > 0) line += "; " + plural(result.ignored, "change") + " ignored by policy";
  out << paint(style, result.changes.empty() ? Color::green : (summary.errors ? Color::red : Color::yellow), line)
      << '\n';
}

// Streamed with RapidJSON's writer rather than built as a DOM: a Stripe release diff has 100,000 changes,
// and building then dumping a document of them took longer than the diff itself.
using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_position(JsonWriter& writer, const SourcePosition& where) {
  if (where.file.empty()) {
    writer.Null();
    return;
  }
  writer.StartObject();
  writer.Key("file");
  write_string(writer, where.file);
  writer.Key("line");
  writer.Uint(where.line);
  writer.Key("column");
  writer.Uint(where.column);
  writer.Key("pointer");
  write_string(writer, where.pointer);
  writer.EndObject();
}

void write_contract(JsonWriter& writer, const char* key, const diff::ContractInfo& contract) {
  writer.Key(key);
  writer.StartObject();
  writer.Key("file");
  write_string(writer, contract.file);
  writer.Key("openapi");
  write_string(writer, contract.openapi);
  writer.EndObject();
}

void write_json(std::ostream& out, const diff::DiffResult& result) {
  rapidjson::StringBuffer buffer;  // handed to `out` in large pieces, not a character at a time
  auto drain = [&] {
    out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
    buffer.Clear();
  };
  JsonWriter writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("schema");
  writer.String("apictl.diff/v1");
  writer.Key("tool");
  writer.StartObject();
  writer.Key("name");
  writer.String("apictl");
  writer.Key("version");
  writer.String(APICTL_VERSION);
  writer.EndObject();
  write_contract(writer, "base", result.base);
  write_contract(writer, "revision", result.revision);
  // Named once: a change in a widely shared schema lists hundreds of them.
  std::vector<std::string> operation_names;
  operation_names.reserve(result.operations.size());
  for (const diff::OperationKey& operation : result.operations) operation_names.push_back(operation_text(operation));
  writer.Key("changes");
  writer.StartArray();
  for (const Change& change : result.changes) {
    writer.StartObject();
    writer.Key("id");
    write_string(writer, change.id);
    writer.Key("level");
    write_string(writer, diff::level_name(change.level));
    writer.Key("operation");
    if (change.operation.path.empty()) {
      writer.Null();
    } else {
      writer.StartObject();
      writer.Key("method");
      write_string(writer, change.operation.method);
      writer.Key("path");
      write_string(writer, change.operation.path);
      writer.Key("operationId");
      write_string(writer, change.operation.operation_id);
      writer.Key("webhook");
      writer.Bool(change.operation.webhook);
      writer.EndObject();
    }
    writer.Key("also");
    writer.StartArray();
    for (std::uint32_t index : change.also) write_string(writer, operation_names[index]);
    writer.EndArray();
    writer.Key("message");
    write_string(writer, change.message);
    writer.Key("base");
    write_position(writer, change.base);
    writer.Key("revision");
    write_position(writer, change.revision);
    writer.Key("fingerprint");
    write_string(writer, change.fingerprint);
    writer.EndObject();
    if (buffer.GetSize() > (1u << 16)) drain();
  }
  writer.EndArray();
  DiffSummary summary = summarize(result);
  writer.Key("summary");
  writer.StartObject();
  writer.Key("errors");
  writer.Uint64(summary.errors);
  writer.Key("warnings");
  writer.Uint64(summary.warnings);
  writer.Key("infos");
  writer.Uint64(summary.infos);
  writer.Key("total");
  writer.Uint64(result.changes.size());
  writer.Key("ignored");
  writer.Uint64(result.ignored);
  writer.EndObject();
  writer.Key("suggested_version");
  if (result.suggested_version) {
    write_string(writer, *result.suggested_version);
  } else {
    writer.Null();
  }
  writer.EndObject();
  drain();
  out << '\n';
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
