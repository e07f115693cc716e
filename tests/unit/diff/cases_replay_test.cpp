// Replays oasdiff's own checker cases (shared/oasdiff/cases.tsv) and ratchets the agreement count.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diff/diff.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

// Raise this when more cases agree; never lower it.
constexpr int minimum_agreement = 242;  // of 246; cases 88-90 and 131 disagree by design (docs/contract-diff.md)

const fs::path oasdiff_dir = fs::path(APICTL_SOURCE_DIR) / ".." / "shared" / "oasdiff";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::set<std::string> id_set(const std::string& field) {
  std::set<std::string> ids;
  if (field == "-" || field.empty()) return ids;
  for (const auto& id : split(field, ',')) ids.insert(id);
  return ids;
}

std::string joined(const std::multiset<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out.empty() ? "-" : out;
}

// The ids each oasdiff check (Go handler) can report, from check-ids.tsv.
const std::set<std::string>& ids_of_handler(const std::string& handler) {
  static const std::map<std::string, std::set<std::string>> table = [] {
    std::map<std::string, std::set<std::string>> out;
    std::ifstream tsv(oasdiff_dir / "check-ids.tsv");
    std::string line;
    std::getline(tsv, line);
    while (std::getline(tsv, line)) {
      auto fields = split(line, '\t');
      if (fields.size() > 7) out[fields[7]].insert(fields[0]);
    }
    return out;
  }();
  static const std::set<std::string> none;
  auto found = table.find(handler);
  return found == table.end() ? none : found->second;
}

struct CaseRow {
  std::string number, base, revision, expected_ids, expected_count, assertion, min_level, scope, options, absent;
};

// Returns "" when apictl agrees with oasdiff on the row, else what differs.
std::string disagreement(const CaseRow& row) {
  contract::Workspace base;
  contract::Workspace revision;
  auto base_doc = base.open(oasdiff_dir / row.base, row.base);
  if (!base_doc) return "base: " + format_diagnostic(base_doc.error());
  auto revision_doc = revision.open(oasdiff_dir / row.revision, row.revision);
  if (!revision_doc) return "revision: " + format_diagnostic(revision_doc.error());
  diff::DiffOptions options;
  options.min_level = row.min_level == "info"    ? diff::Level::info
                      : row.min_level == "error" ? diff::Level::err
                                                 : diff::Level::warn;
  // "deprecation-days(beta,stable)=(30, 100)": the policy the oasdiff test configured.
  if (auto at = row.options.find("deprecation-days(beta,stable)=("); at != std::string::npos) {
    std::istringstream days(row.options.substr(at + 31));
    char comma = 0;
    days >> options.deprecation_days_beta >> comma >> options.deprecation_days_stable;
  }
  auto result = diff::diff_contracts(base, revision, options);
  if (!result) return "error: " + format_diagnostic(result.error());

  // A single-check row ran one oasdiff check: judge only the ids that check owns (check-ids.tsv's handler).
  std::multiset<std::string> got;
  for (const auto& change : result->changes) {
    // Some ids are reported by more than their defining handler, so the row's own expected ids count too.
    if (row.scope.starts_with("single:") && ids_of_handler(row.scope.substr(7)).count(change.id) == 0 &&
        id_set(row.expected_ids).count(change.id) == 0) {
      continue;
    }
    // oasdiff counts a change once per operation it affects.
    for (std::size_t i = 0; i <= change.also.size(); ++i) got.insert(change.id);
  }
  std::set<std::string> got_ids(got.begin(), got.end());
  std::set<std::string> expected = id_set(row.expected_ids);
  std::string got_text = "got " + joined(got);

  for (const auto& absent : id_set(row.absent)) {
    if (got_ids.contains(absent)) return "reported absent id " + absent + "; " + got_text;
  }
  if (row.assertion == "none") return got.empty() ? "" : "expected nothing; " + got_text;
  if (row.assertion == "exact") {
    if (got_ids == expected && std::to_string(got.size()) == row.expected_count) return "";
    return "expected exactly " + row.expected_ids + " (" + row.expected_count + "); " + got_text;
  }
  return std::ranges::includes(got_ids, expected) ? "" : "expected at least " + row.expected_ids + "; " + got_text;
}

}  // namespace

TEST_CASE("diff agrees with oasdiff's checker cases", "[diff][oasdiff]") {
  std::ifstream table(oasdiff_dir / "cases.tsv");
  if (!table) {
    WARN("skipped: " << (oasdiff_dir / "cases.tsv").string() << " not found (the shared/ test data is absent)");
    return;
  }
  std::string line;
  std::getline(table, line);  // header
  int total = 0;
  int agreed = 0;
  std::ostringstream report;
  while (std::getline(table, line)) {
    auto f = split(line, '\t');
    if (f.size() < 11) continue;
    CaseRow row{f[0], f[1], f[2], f[3], f[5], f[6], f[7], f[8], f[9], f[10]};
    ++total;
    std::string problem = disagreement(row);
    if (problem.empty()) {
      ++agreed;
    } else {
      report << "case " << row.number << " [" << row.assertion << "/" << row.min_level << "/" << row.scope << "] "
             << row.base << " -> " << row.revision << ": " << problem << '\n';
    }
  }
  // Printed on every run, so a change that fixes or breaks a case shows which.
  WARN("oasdiff cases: " << agreed << "/" << total << " agree; disagreeing:\n" << report.str());
  CHECK(agreed >= minimum_agreement);
}
