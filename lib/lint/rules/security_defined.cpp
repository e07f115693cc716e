// security-defined: requirements name declared schemes and OAuth2 scopes, so clients know how to authenticate.
#include <string>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

bool declares_scope(contract::NodeRef scheme, std::string_view scope) {
  for (auto flow : scheme["flows"].members()) {
    if (flow.value["scopes"][scope]) return true;
  }
  return false;
}

void check_requirements(LintContext& context, contract::NodeRef security, contract::NodeRef schemes,
                        const std::string& owner) {
  for (auto requirement : security.members()) {
    for (auto [name, scopes] : requirement.value.members()) {
      contract::NodeRef declared = schemes[name];
      if (!declared) {
        context.report_key(scopes,
                           owner + " requires the security scheme '" + std::string(name) +
                               "', which components.securitySchemes does not declare",
                           "declare it under components.securitySchemes, or fix the name");
        continue;
      }
      auto scheme = context.workspace().deref(declared);
      // Only OAuth2 declares its scopes; other schemes may list roles here (OpenAPI 3.1), which are free-form.
      if (!scheme || (*scheme)["type"].text() != "oauth2") continue;
      for (auto scope : scopes.members()) {
        if (!scope.value.is_string() || declares_scope(*scheme, scope.value.text())) continue;
        context.report(scope.value,
                       "scope '" + std::string(scope.value.text()) +
                           "' is not declared by any flow of the OAuth2 scheme '" + std::string(name) + "'",
                       "add it to the scopes of the scheme's flows, or fix its spelling");
      }
    }
  }
}

}  // namespace

void check_security_defined(LintContext& context) {
  contract::NodeRef schemes = context.root()["components"]["securitySchemes"];
  check_requirements(context, context.root()["security"], schemes, "the top-level security");
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    check_requirements(context, operation.node["security"], schemes, operation_label(operation));
  });
}

}  // namespace apictl::lint::rules
