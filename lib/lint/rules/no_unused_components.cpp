// no-unused-components: every reusable component is used — reached by a $ref from anywhere in the contract
// (other files included), or, for security schemes, named in a security requirement.
#include <array>
#include <set>
#include <string>
#include <utility>

#include "contract/references.hpp"
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

struct ComponentKind {
  std::string_view map;   // key under `components`
  std::string_view noun;  // how a message names one entry
};
constexpr std::array<ComponentKind, 11> component_kinds = {{{"schemas", "schema"},
                                                            {"responses", "response"},
                                                            {"parameters", "parameter"},
                                                            {"examples", "example"},
                                                            {"requestBodies", "request body"},
                                                            {"headers", "header"},
                                                            {"securitySchemes", "security scheme"},
                                                            {"links", "link"},
                                                            {"callbacks", "callback"},
                                                            {"pathItems", "path item"},
                                                            {"mediaTypes", "media type"}}};

// The component entry (components/<kind>/<name>) of the root document that contains `node`, if any.
contract::NodeRef enclosing_component(contract::NodeRef node, contract::NodeRef components) {
  if (!components || &node.document() != &components.document()) return {};
  for (; node; node = node.parent()) {
    contract::NodeRef map = node.parent();
    if (map && map.parent() == components) return node;
  }
  return {};
}

using NodeKey = std::pair<const contract::Document*, contract::NodeId>;
NodeKey key_of(contract::NodeRef node) { return {&node.document(), node.id()}; }

// Security requirement keys are scheme names; 3.2 also allows a URI reference to the scheme.
std::string_view scheme_name(std::string_view key) {
  constexpr std::string_view prefix = "#/components/securitySchemes/";
  auto at = key.find(prefix);
  return at == std::string_view::npos ? key : key.substr(at + prefix.size());
}

}  // namespace

void check_no_unused_components(LintContext& context) {
  contract::NodeRef components = context.root()["components"];
  if (!components.is_mapping()) return;
  std::set<NodeKey> used;
  for (const auto& reference : context.references()) {
    if (!reference.target) continue;
    contract::NodeRef component = enclosing_component(*reference.target, components);
    // A component that only refers to itself (a recursive schema) is still unused.
    if (component && !(enclosing_component(reference.ref, components) == component)) used.insert(key_of(component));
  }
  // A discriminator mapping names its schemas by ref or by bare name, not with $ref.
  contract::NodeRef schemas = components["schemas"];
  auto use_requirements = [&](contract::NodeRef requirements) {
    for (auto requirement : requirements.members()) {
      for (auto scheme : requirement.value.members()) {
        if (auto found = components["securitySchemes"][scheme_name(scheme.key)]) used.insert(key_of(found));
      }
    }
  };
  use_requirements(context.root()["security"]);
  contract::ContractVisitor visitor;
  visitor.operation = [&](contract::NodeRef operation) { use_requirements(operation["security"]); };
  visitor.schema = [&](const contract::SchemaVisit& visit) {
    for (auto entry : visit.schema["discriminator"]["mapping"].members()) {
      std::string_view target = entry.value.text();
      constexpr std::string_view prefix = "#/components/schemas/";
      if (target.starts_with(prefix)) target.remove_prefix(prefix.size());
      if (auto found = schemas[target]) used.insert(key_of(found));
    }
  };
  context.walk(visitor);

  for (const auto& kind : component_kinds) {
    for (auto entry : components[kind.map].members()) {
      if (used.contains(key_of(entry.value))) continue;
      std::string name(entry.key);
      if (kind.map == "securitySchemes") {
        context.report_key(entry.value, "security scheme '" + name + "' is never used by a security requirement",
                           "remove it, or require it with security: [{" + name + ": []}]");
      } else {
        context.report_key(entry.value, std::string(kind.noun) + " '" + name + "' is never referenced",
                           "remove it, or use it with $ref: '#/components/" + std::string(kind.map) + "/" +
                               contract::escape_pointer_token(name) + "'");
      }
    }
  }
}

}  // namespace apictl::lint::rules
