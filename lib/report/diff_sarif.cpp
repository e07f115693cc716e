// Diff as SARIF 2.1.0 for code scanning: a rule per check id used, a result per change located in the
// revision (the base when the thing was removed), with the change's stable fingerprint as partialFingerprint.
#include <cctype>
#include <cstdint>
#include <map>
#include <ostream>

#include "diff/check_ids.hpp"
#include "report/diff_formats.hpp"
#include "report/sarif.hpp"

namespace apictl::report::diff_formats {

namespace {

std::string sarif_level(diff::Level level) {
  switch (level) {
    case diff::Level::err:
      return "error";
    case diff::Level::warn:
      return "warning";
    case diff::Level::info:
      return "note";
  }
  return "error";
}

// "request-parameter-max-decreased" -> "Request parameter max decreased"
std::string describe(std::string_view id) {
  std::string text(id);
  for (char& c : text) {
    if (c == '-') c = ' ';
  }
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

SarifJson rule_json(const diff::Change& change) {
  const diff::CheckInfo* check = diff::find_check(change.id);
  SarifJson rule;
  rule["id"] = change.id;
  rule["shortDescription"] = {{"text", describe(change.id)}};
  rule["defaultConfiguration"] = {{"level", sarif_level(check ? check->level : change.level)}};
  if (check) rule["properties"] = {{"category", check->category}};
  return rule;
}

SarifJson result_json(const diff::DiffResult& result, const diff::Change& change, std::size_t rule_index) {
  SarifJson item;
  item["ruleId"] = change.id;
  item["ruleIndex"] = rule_index;
  item["level"] = sarif_level(change.level);
  item["message"] = {{"text", operations_summary(change) + ": " + change.message}};
  const SourcePosition& where = primary_position(change);
  SarifJson locations = SarifJson::array();
  if (!where.file.empty()) {
    locations.push_back(
        {{"physicalLocation", sarif_physical_location(where)},
         {"logicalLocations",
          SarifJson::array({{{"fullyQualifiedName", where.pointer.empty() ? std::string("/") : where.pointer}}})}});
  }
  item["locations"] = std::move(locations);
  if (&where == &change.revision && !change.base.file.empty()) {
    item["relatedLocations"] = SarifJson::array({{{"id", 1},
                                                  {"physicalLocation", sarif_physical_location(change.base)},
                                                  {"message", {{"text", "in the base contract"}}}}});
  }
  item["partialFingerprints"] = {{"apictlChange/v1", change.fingerprint}};
  SarifJson properties = {{"level", diff::level_name(change.level)}};
  if (!change.operation.path.empty()) {
    properties["operation"] = {{"method", change.operation.method},
                               {"path", change.operation.path},
                               {"operationId", change.operation.operation_id},
                               {"webhook", change.operation.webhook}};
  }
  if (!change.also.empty()) {
    SarifJson also = SarifJson::array();
    for (std::uint32_t index : change.also) also.push_back(operation_text(result.operations[index]));
    properties["also"] = std::move(also);
  }
  item["properties"] = std::move(properties);
  return item;
}

}  // namespace

void write_sarif(std::ostream& out, const diff::DiffResult& result) {
  SarifJson rules = SarifJson::array();
  std::map<std::string, std::size_t> rule_index;
  for (const diff::Change& change : result.changes) {
    if (rule_index.contains(change.id)) continue;
    rule_index[change.id] = rules.size();
    rules.push_back(rule_json(change));
  }
  SarifJson results = SarifJson::array();
  for (const diff::Change& change : result.changes)
    results.push_back(result_json(result, change, rule_index[change.id]));
  out << sarif_log(std::move(rules), std::move(results)).dump(2) << '\n';
}

}  // namespace apictl::report::diff_formats
