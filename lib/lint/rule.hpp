// Rule: one lint check — its id, what it checks, where it comes from, and the function that runs it.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contract/openapi.hpp"
#include "contract/references.hpp"
#include "contract/schemas.hpp"
#include "contract/structure/structure_validator.hpp"
#include "contract/workspace.hpp"
#include "diagnostic.hpp"

namespace apictl::lint {

// Presets nest: structural ⊂ recommended ⊂ strict ⊂ all. A rule belongs to the smallest that includes it.
enum class Preset { structural, recommended, strict, all };
std::string_view preset_name(Preset preset);

struct Finding {
  Diagnostic diagnostic;   // code = rule id
  contract::NodeRef node;  // the node it is about (for inline x-apictl-ignore); may be empty
};

// What the rules of one lint share: the loaded contract and analyses of it, each computed once, on first use.
// Rules run on several threads, so every analysis is built under its own once_flag.
class ContractAnalyses {
 public:
  ContractAnalyses(contract::Workspace& workspace, const contract::SpecInfo& spec)
      : workspace_(workspace), spec_(spec) {}

  contract::Workspace& workspace() { return workspace_; }
  const contract::SpecInfo& spec() const { return spec_; }
  // Every $ref of the contract, resolved; once called, every file the contract spans is loaded.
  const std::vector<contract::Reference>& references();
  // The schemas, operations, parameters, headers, media types and examples (see contract/schemas.hpp).
  const contract::ContractObjects& objects();
  // Every `description` and `title` string in structure position (not in examples or x- data), in every file.
  const std::vector<contract::NodeRef>& description_texts();
  // The structural walk's issues, shared by oas-structure and no-misplaced-refs.
  const std::vector<contract::structure::StructureIssue>& structure_issues();

 private:
  template <typename T>
  struct Lazy {
    std::once_flag once;
    T value;
  };
  contract::Workspace& workspace_;
  const contract::SpecInfo& spec_;
  Lazy<std::vector<contract::Reference>> references_;
  Lazy<contract::ContractObjects> objects_;
  Lazy<std::vector<contract::NodeRef>> description_texts_;
  Lazy<std::vector<contract::structure::StructureIssue>> structure_issues_;
};

// What one rule sees: the shared analyses of the contract, and a way to report findings under its id and severity.
class LintContext {
 public:
  LintContext(ContractAnalyses& analyses, std::string_view rule_id, Severity severity)
      : analyses_(analyses), rule_id_(rule_id), severity_(severity) {}

  contract::Workspace& workspace() { return analyses_.workspace(); }
  const contract::SpecInfo& spec() const { return analyses_.spec(); }
  contract::NodeRef root() { return workspace().root().root(); }
  const std::vector<contract::Reference>& references() { return analyses_.references(); }
  const contract::ContractObjects& objects() { return analyses_.objects(); }
  const std::vector<contract::NodeRef>& description_texts() { return analyses_.description_texts(); }
  const std::vector<contract::structure::StructureIssue>& structure_issues() { return analyses_.structure_issues(); }
  void walk(const contract::ContractVisitor& visitor) { contract::replay(objects(), visitor); }
  void for_each_schema(const std::function<void(const contract::SchemaVisit&)>& visit) {
    for (const auto& schema : objects().schemas) visit(schema);
  }

  // A finding about `node`, placed at the node's value.
  void report(contract::NodeRef node, std::string message, std::string hint = {});
  // A finding about `node`, placed at the key that names it (better for "unexpected field" style findings).
  void report_key(contract::NodeRef node, std::string message, std::string hint = {});
  // A finding at an explicit place (for findings that come with a Diagnostic already).
  void report_at(SourcePosition where, contract::NodeRef node, std::string message, std::string hint = {});

  std::vector<Finding>& findings() { return findings_; }

 private:
  ContractAnalyses& analyses_;
  std::string rule_id_;
  Severity severity_;
  std::vector<Finding> findings_;
};

struct Rule {
  std::string_view id;        // kebab-case, stable
  std::string_view summary;   // one line: what a passing contract does
  Severity severity;          // default severity
  Preset preset;              // smallest preset that enables it
  std::string_view spectral;  // equivalent rule in Spectral's spectral:oas ruleset, "" when none
  std::string_view redocly;   // equivalent rule in Redocly's recommended ruleset, "" when none
  void (*check)(LintContext&);
  // Slow rules start first when rules run in parallel, so that no long rule is left to finish alone.
  bool slow = false;
};

// Every rule, in registry order (lib/lint/rules/registry.cpp).
std::span<const Rule> all_rules();
const Rule* find_rule(std::string_view id);

}  // namespace apictl::lint
