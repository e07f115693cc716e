// Lint output formats. JSON shapes are documented in docs/json-output.md; SARIF follows 2.1.0.
#include "report/lint_report.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/escaping.hpp"
#include "report/sarif.hpp"

namespace apictl::report {

namespace {

using Json = nlohmann::ordered_json;

int rank(Severity severity) {
  switch (severity) {
    case Severity::error:
      return 3;
    case Severity::warn:
      return 2;
    case Severity::info:
      return 1;
    case Severity::hint:
      return 0;
  }
  return 3;
}

void write_text(std::ostream& out, const lint::LintResult& result, const TerminalStyle& style) {
  std::string current_file;
  for (const Diagnostic& finding : result.findings) {
    if (finding.where.file != current_file) {
      if (!current_file.empty()) out << '\n';
      current_file = finding.where.file;
      out << paint(style, Color::bold, current_file) << '\n';
    }
    Color color = finding.severity == Severity::error  ? Color::red
                  : finding.severity == Severity::warn ? Color::yellow
                                                       : Color::blue;
    out << finding.where.file << ':' << finding.where.line << ':' << finding.where.column << ' '
        << paint(style, color, severity_name(finding.severity)) << ' ' << paint(style, Color::gray, finding.code) << ' '
        << finding.message << '\n';
    if (!finding.hint.empty()) out << "    " << paint(style, Color::gray, "hint: " + finding.hint) << '\n';
    if (style.code_frames) {
      auto line = result.source_lines.find(std::pair(finding.where.file, finding.where.line));
      if (line != result.source_lines.end()) {
        std::string number = std::to_string(finding.where.line);
        out << "  " << paint(style, Color::gray, number + " | ") << line->second << '\n';
        out << "  " << std::string(number.size(), ' ') << paint(style, Color::gray, " | ")
            << std::string(finding.where.column > 0 ? finding.where.column - 1 : 0, ' ') << paint(style, color, "^")
            << '\n';
      }
    }
  }
  LintSummary summary = summarize(result);
  if (!result.findings.empty()) out << '\n';
  std::size_t total = result.findings.size();
  std::string line = total == 0 ? "no problems" : plural(total, "problem");
  line += " (" + plural(summary.errors, "error") + ", " + plural(summary.warnings, "warning") + ", " +
          plural(summary.infos, "info") + (summary.hints ? ", " + plural(summary.hints, "hint") : "") + ")";
  std::size_t file_count = 0;
  for (const auto& contract : result.contracts) file_count += contract.files.size();
  line += " in " + plural(file_count, "file");
  out << paint(style, total == 0 ? Color::green : (summary.errors ? Color::red : Color::yellow), line) << '\n';
}

Json finding_json(const Diagnostic& finding) {
  Json item;
  item["rule"] = finding.code;
  item["severity"] = std::string(finding.severity == Severity::warn ? "warn" : severity_name(finding.severity));
  item["message"] = finding.message;
  item["hint"] = finding.hint;
  item["file"] = finding.where.file;
  item["line"] = finding.where.line;
  item["column"] = finding.where.column;
  item["pointer"] = finding.where.pointer;
  return item;
}

void write_json(std::ostream& out, const lint::LintResult& result) {
  Json document;
  document["schema"] = "apictl.lint/v1";
  document["tool"] = {{"name", "apictl"}, {"version", APICTL_VERSION}};
  Json contracts = Json::array();
  for (const auto& contract : result.contracts) {
    contracts.push_back({{"file", contract.file}, {"openapi", contract.openapi}, {"files", contract.files}});
  }
  document["contracts"] = std::move(contracts);
  Json findings = Json::array();
  for (const auto& finding : result.findings) findings.push_back(finding_json(finding));
  document["findings"] = std::move(findings);
  LintSummary summary = summarize(result);
  document["summary"] = {{"errors", summary.errors},
                         {"warnings", summary.warnings},
                         {"infos", summary.infos},
                         {"hints", summary.hints},
                         {"total", result.findings.size()}};
  out << document.dump(2) << '\n';
}

std::string sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warn:
      return "warning";
    default:
      return "note";
  }
}

void write_sarif(std::ostream& out, const lint::LintResult& result) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const auto& finding : result.findings) {
    if (rule_index.contains(finding.code)) continue;
    rule_index[finding.code] = rules.size();
    Json rule;
    rule["id"] = finding.code;
    const lint::Rule* known = lint::find_rule(finding.code);
    rule["shortDescription"] = {{"text", known ? std::string(known->summary) : finding.code}};
    rule["defaultConfiguration"] = {{"level", sarif_level(known ? known->severity : finding.severity)}};
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const auto& finding : result.findings) {
    Json item;
    item["ruleId"] = finding.code;
    item["ruleIndex"] = rule_index[finding.code];
    item["level"] = sarif_level(finding.severity);
    std::string text = finding.message;
    if (!finding.hint.empty()) text += "; " + finding.hint;
    item["message"] = {{"text", text}};
    item["locations"] =
        Json::array({{{"physicalLocation", sarif_physical_location(finding.where)},
                      {"logicalLocations",
                       Json::array({{{"fullyQualifiedName",
                                      finding.where.pointer.empty() ? std::string("/") : finding.where.pointer}}})}}});
    results.push_back(std::move(item));
  }
  out << sarif_log(std::move(rules), std::move(results)).dump(2) << '\n';
}

void write_junit(std::ostream& out, const lint::LintResult& result, Severity fail_on) {
  // One suite per file, a test case per finding (or one passing case for a clean file). Like the exit code,
  // only findings at or above --fail-on fail; the others pass with the finding in their output.
  auto fails = [&](const Diagnostic& finding) { return rank(finding.severity) >= rank(fail_on); };
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  for (const auto& contract : result.contracts) {
    for (const auto& file : contract.files) by_file[file];
  }
  for (const auto& finding : result.findings) by_file[finding.where.file].push_back(&finding);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"apictl contract lint\" tests=\"" << std::max<std::size_t>(result.findings.size(), 1)
      << "\" failures=\"" << std::ranges::count_if(result.findings, fails) << "\">\n";
  for (const auto& [file, findings] : by_file) {
    std::size_t failing = std::ranges::count_if(findings, [&](const Diagnostic* finding) { return fails(*finding); });
    out << "  <testsuite name=\"" << xml_escape(file) << "\" tests=\"" << std::max<std::size_t>(findings.size(), 1)
        << "\" failures=\"" << failing << "\" errors=\"0\">\n";
    if (findings.empty()) out << "    <testcase classname=\"" << xml_escape(file) << "\" name=\"lint\"/>\n";
    for (const Diagnostic* finding : findings) {
      std::string name =
          finding->code + " at " + std::to_string(finding->where.line) + ":" + std::to_string(finding->where.column);
      out << "    <testcase classname=\"" << xml_escape(file) << "\" name=\"" << xml_escape(name) << "\">\n";
      if (fails(*finding)) {
        out << "      <failure type=\"" << severity_name(finding->severity) << "\" message=\""
            << xml_escape(finding->message) << "\">" << xml_escape(format_diagnostic(*finding)) << "</failure>\n";
      } else {
        out << "      <system-out>" << xml_escape(format_diagnostic(*finding)) << "\nbelow --fail-on "
            << severity_name(fail_on) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_github(std::ostream& out, const lint::LintResult& result) {
  for (const auto& finding : result.findings) {
    std::string_view command = finding.severity == Severity::error  ? "error"
                               : finding.severity == Severity::warn ? "warning"
                                                                    : "notice";
    std::string message = finding.message;
    if (!finding.hint.empty()) message += "; " + finding.hint;
    out << "::" << command << " file=" << github_escape(finding.where.file, GithubText::property)
        << ",line=" << finding.where.line << ",col=" << finding.where.column
        << ",title=" << github_escape(finding.code, GithubText::property)
        << "::" << github_escape(message, GithubText::message) << '\n';
  }
}

}  // namespace

std::optional<LintFormat> parse_lint_format(std::string_view name) {
  if (name == "text") return LintFormat::text;
  if (name == "json") return LintFormat::json;
  if (name == "sarif") return LintFormat::sarif;
  if (name == "junit") return LintFormat::junit;
  if (name == "github") return LintFormat::github;
  return std::nullopt;
}

LintSummary summarize(const lint::LintResult& result) {
  LintSummary summary;
  for (const auto& finding : result.findings) {
    switch (finding.severity) {
      case Severity::error:
        ++summary.errors;
        break;
      case Severity::warn:
        ++summary.warnings;
        break;
      case Severity::info:
        ++summary.infos;
        break;
      case Severity::hint:
        ++summary.hints;
        break;
    }
  }
  return summary;
}

bool has_findings_at(const lint::LintResult& result, Severity threshold) {
  for (const auto& finding : result.findings) {
    if (rank(finding.severity) >= rank(threshold)) return true;
  }
  return false;
}

void write_lint_report(std::ostream& out, const lint::LintResult& result, LintFormat format, const TerminalStyle& style,
                       Severity fail_on) {
  switch (format) {
    case LintFormat::text:
      write_text(out, result, style);
      break;
    case LintFormat::json:
      write_json(out, result);
      break;
    case LintFormat::sarif:
      write_sarif(out, result);
      break;
    case LintFormat::junit:
      write_junit(out, result, fail_on);
      break;
    case LintFormat::github:
      write_github(out, result);
      break;
  }
}

}  // namespace apictl::report
