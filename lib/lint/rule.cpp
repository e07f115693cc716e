// The analyses rules share, LintContext reporting, and rule lookup.
#include "lint/rule.hpp"

namespace apictl::lint {

std::string_view preset_name(Preset preset) {
  switch (preset) {
    case Preset::structural:
      return "structural";
    case Preset::recommended:
      return "recommended";
    case Preset::strict:
      return "strict";
    case Preset::all:
      return "all";
  }
  return "recommended";
}

void LintContext::report_at(SourcePosition where, contract::NodeRef node, std::string message, std::string hint) {
  findings_.push_back(
      Finding{Diagnostic{severity_, rule_id_, std::move(message), std::move(where), std::move(hint)}, node});
}

void LintContext::report(contract::NodeRef node, std::string message, std::string hint) {
  report_at(node.position(), node, std::move(message), std::move(hint));
}

void LintContext::report_key(contract::NodeRef node, std::string message, std::string hint) {
  report_at(node.key_position(), node, std::move(message), std::move(hint));
}

const std::vector<contract::Reference>& ContractAnalyses::references() {
  std::call_once(references_.once, [&] { references_.value = contract::collect_references(workspace_); });
  return references_.value;
}

const contract::ContractObjects& ContractAnalyses::objects() {
  std::call_once(objects_.once, [&] { objects_.value = contract::collect_contract_objects(workspace_, spec_); });
  return objects_.value;
}

const std::vector<contract::structure::StructureIssue>& ContractAnalyses::structure_issues() {
  std::call_once(structure_issues_.once,
                 [&] { structure_issues_.value = contract::structure::validate_structure(workspace_, spec_); });
  return structure_issues_.value;
}

const std::vector<contract::NodeRef>& ContractAnalyses::description_texts() {
  std::call_once(description_texts_.once, [&] {
    references();  // loads every file the contract spans
    for (const contract::Document* document : workspace_.documents()) {
      contract::for_each_keyword(*document, [&](std::string_view key, contract::NodeRef value) {
        if ((key == "description" || key == "title") && value.is_string()) description_texts_.value.push_back(value);
      });
    }
  });
  return description_texts_.value;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule& rule : all_rules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace apictl::lint
