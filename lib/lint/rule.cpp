// LintContext reporting and rule lookup.
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

void LintContext::begin_rule(std::string_view id, Severity severity) {
  rule_id_ = std::string(id);
  severity_ = severity;
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

const std::vector<contract::Reference>& LintContext::references() {
  if (!references_) references_ = contract::collect_references(workspace_);
  return *references_;
}

const contract::ContractObjects& LintContext::objects() {
  if (!objects_) objects_ = contract::collect_contract_objects(workspace_, spec_);
  return *objects_;
}

const std::vector<contract::structure::StructureIssue>& LintContext::structure_issues() {
  if (!structure_issues_) structure_issues_ = contract::structure::validate_structure(workspace_, spec_);
  return *structure_issues_;
}

const std::vector<contract::NodeRef>& LintContext::description_texts() {
  if (!description_texts_) {
    references();  // loads every file the contract spans
    description_texts_.emplace();
    for (const contract::Document* document : workspace_.documents()) {
      contract::for_each_keyword(*document, [&](std::string_view key, contract::NodeRef value) {
        if ((key == "description" || key == "title") && value.is_string()) description_texts_->push_back(value);
      });
    }
  }
  return *description_texts_;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule& rule : all_rules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace apictl::lint
