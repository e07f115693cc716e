// Security: requirements of each operation and of the whole API, and the security schemes in components.
#include <map>
#include <set>
#include <string>

#include "diff/families.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// A requirement is one alternative of a `security` list, named by its schemes: "api_key" or "oauth+api_key".
using Requirements = std::map<std::string, NodeRef>;

Requirements requirements_of(NodeRef security) {
  Requirements out;
  for (auto item : security.members()) {
    std::set<std::string> schemes;
    for (auto [scheme, scopes] : item.value.members()) schemes.emplace(scheme);
    std::string name;
    for (const auto& scheme : schemes) name += (name.empty() ? "" : "+") + scheme;
    out.emplace(name.empty() ? "(none)" : name, item.value);
  }
  return out;
}

std::set<std::string> scopes_of(NodeRef scopes) {
  std::set<std::string> out;
  for (auto item : scopes.members()) out.emplace(item.value.text());
  return out;
}

// `prefix` is "api-security" for an operation, "api-global-security" for the document.
void diff_requirements(Comparison& comparison, const OperationKey& key, std::string_view prefix, NodeRef before,
                       NodeRef after) {
  std::string stem(prefix);
  Requirements old_requirements = requirements_of(before);
  Requirements new_requirements = requirements_of(after);
  for (const auto& [name, requirement] : old_requirements) {
    auto match = new_requirements.find(name);
    if (match == new_requirements.end()) {
      comparison.emit(stem + "-removed", key, "security requirement " + in_quotes(name) + " removed",
                      "security " + name, requirement, after);
      continue;
    }
    for (auto [scheme, scopes] : requirement.members()) {
      std::set<std::string> was = scopes_of(scopes);
      std::set<std::string> now = scopes_of(match->second[scheme]);
      for (const auto& scope : was) {
        if (!now.contains(scope)) {
          comparison.emit(stem + "-scope-removed", key,
                          "scope " + in_quotes(scope) + " removed from security scheme " + in_quotes(scheme),
                          "security " + name + " " + std::string(scheme) + " " + scope, scopes, match->second[scheme]);
        }
      }
      for (const auto& scope : now) {
        if (!was.contains(scope)) {
          comparison.emit(stem + "-scope-added", key,
                          "scope " + in_quotes(scope) + " added to security scheme " + in_quotes(scheme),
                          "security " + name + " " + std::string(scheme) + " " + scope, scopes, match->second[scheme]);
        }
      }
    }
  }
  for (const auto& [name, requirement] : new_requirements) {
    if (old_requirements.contains(name)) continue;
    comparison.emit(stem + "-added", key, "security requirement " + in_quotes(name) + " added", "security " + name,
                    before, requirement);
  }
}

void diff_security_schemes(Comparison& comparison) {
  NodeRef before = comparison.base().workspace.root().root()["components"]["securitySchemes"];
  NodeRef after = comparison.revision().workspace.root().root()["components"]["securitySchemes"];
  OperationKey document;
  for (auto [name, written] : before.members()) {
    std::string subject = "security scheme " + std::string(name);
    NodeRef scheme = comparison.base().deref(written);
    NodeRef now = comparison.revision().deref(after[name]);
    if (!now) {
      comparison.emit("api-security-component-removed", document, "security scheme " + in_quotes(name) + " removed",
                      subject, scheme, {});
      continue;
    }
    if (scheme["type"].text() != now["type"].text()) {
      comparison.emit("api-security-component-type-changed", document,
                      "security scheme " + in_quotes(name) + " type changed from " + in_quotes(scheme["type"].text()) +
                          " to " + in_quotes(now["type"].text()),
                      subject, scheme["type"], now["type"]);
    }
    for (auto [flow_name, flow] : scheme["flows"].members()) {
      NodeRef new_flow = now["flows"][flow_name];
      for (auto [field, id] : {std::pair<std::string_view, std::string_view>{
                                   "authorizationUrl", "api-security-component-oauth-url-changed"},
                               {"tokenUrl", "api-security-component-oauth-token-url-changed"}}) {
        if (flow[field] && new_flow && flow[field].text() != new_flow[field].text()) {
          comparison.emit(id, document, "security scheme " + in_quotes(name) + " " + std::string(field) + " changed",
                          subject + " " + std::string(flow_name), flow[field], new_flow[field]);
        }
      }
      for (auto [scope, description] : flow["scopes"].members()) {
        if (!new_flow) continue;
        NodeRef new_description = new_flow["scopes"][scope];
        if (!new_description) {
          comparison.emit("api-security-component-oauth-scope-removed", document,
                          "scope " + in_quotes(scope) + " removed from security scheme " + in_quotes(name),
                          subject + " " + std::string(flow_name) + " " + std::string(scope), description,
                          new_flow["scopes"]);
        } else if (description.text() != new_description.text()) {
          comparison.emit("api-security-component-oauth-scope-changed", document,
                          "scope " + in_quotes(scope) + " of security scheme " + in_quotes(name) + " changed from " +
                              in_quotes(description.text()) + " to " + in_quotes(new_description.text()),
                          subject + " " + std::string(flow_name) + " " + std::string(scope), description,
                          new_description);
        }
      }
      for (auto [scope, description] : new_flow["scopes"].members()) {
        if (!flow["scopes"][scope]) {
          comparison.emit("api-security-component-oauth-scope-added", document,
                          "scope " + in_quotes(scope) + " added to security scheme " + in_quotes(name),
                          subject + " " + std::string(flow_name) + " " + std::string(scope), flow["scopes"],
                          description);
        }
      }
    }
  }
  for (auto [name, written] : after.members()) {
    if (before[name]) continue;
    comparison.emit("api-security-component-added", document, "security scheme " + in_quotes(name) + " added",
                    "security scheme " + std::string(name), {}, written);
  }
}

}  // namespace

void diff_global_security(Comparison& comparison) {
  diff_requirements(comparison, OperationKey{}, "api-global-security",
                    comparison.base().workspace.root().root()["security"],
                    comparison.revision().workspace.root().root()["security"]);
  diff_security_schemes(comparison);
}

void diff_operation_security(Comparison& comparison, const OperationPair& op) {
  diff_requirements(comparison, op.key, "api-security", op.base.node["security"], op.revision.node["security"]);
}

}  // namespace apictl::diff
