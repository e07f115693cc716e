#include "doctor/checkup_report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace apictl::doctor {

namespace {

std::string_view status_name(Check::Status status) {
  switch (status) {
    case Check::Status::ok:
      return "ok";
    case Check::Status::warning:
      return "warning";
    case Check::Status::failed:
      return "failed";
  }
  return "failed";
}

}  // namespace

bool any_failed(const std::vector<Check>& checks) {
  return std::any_of(checks.begin(), checks.end(),
                     [](const Check& check) { return check.status == Check::Status::failed; });
}

std::string checkup_text(const std::vector<Check>& checks, const TerminalStyle& style) {
  std::size_t width = 0;
  for (const Check& check : checks) width = std::max(width, check.name.size());
  std::string text;
  std::size_t failed = 0;
  std::size_t warnings = 0;
  for (const Check& check : checks) {
    std::string mark = check.status == Check::Status::ok        ? paint(style, Color::green, "ok  ")
                       : check.status == Check::Status::warning ? paint(style, Color::yellow, "warn")
                                                                : paint(style, Color::red, "FAIL");
    failed += check.status == Check::Status::failed;
    warnings += check.status == Check::Status::warning;
    text += "  " + mark + "  " + check.name + std::string(width - check.name.size(), ' ') + "  " + check.detail + "\n";
    if (!check.fix.empty()) text += "        " + std::string(width, ' ') + "  fix: " + check.fix + "\n";
  }
  if (failed == 0) {
    text += "\nready: " + std::to_string(checks.size()) + " checks, " + std::to_string(warnings) + " warning(s)\n";
  } else {
    text +=
        "\n" + std::to_string(failed) + " of " + std::to_string(checks.size()) + " checks failed; fix them as shown\n";
  }
  return text;
}

std::string checkup_json(const std::vector<Check>& checks) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Check& check : checks) {
    nlohmann::ordered_json entry{{"name", check.name}, {"status", status_name(check.status)}, {"detail", check.detail}};
    if (!check.fix.empty()) entry["fix"] = check.fix;
    list.push_back(std::move(entry));
  }
  nlohmann::ordered_json document{{"schema", "apictl.doctor/v1"}, {"ok", !any_failed(checks)}, {"checks", list}};
  return document.dump(2) + "\n";
}

}  // namespace apictl::doctor
