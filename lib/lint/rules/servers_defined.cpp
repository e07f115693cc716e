// servers-defined: the document (or every operation) says where the API is served; tools otherwise guess.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

bool has_servers(contract::NodeRef node) { return node["servers"].is_sequence() && node["servers"].size() > 0; }

// True when there are operations and each one gets servers from its Path Item or itself.
bool every_operation_has_servers(LintContext& context) {
  bool any = false;
  bool all = true;
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    any = true;
    all = all && (has_servers(operation.node) || has_servers(operation.path_item));
  });
  return any && all;
}

}  // namespace

void check_servers_defined(LintContext& context) {
  contract::NodeRef servers = context.root()["servers"];
  if (has_servers(context.root()) || every_operation_has_servers(context)) return;
  const char* hint = "add 'servers' with the base URL of each environment the API runs in";
  if (!servers) {
    context.report(context.root(), "the document has no top-level 'servers'", hint);
  } else if (servers.is_sequence()) {
    context.report(servers, "the top-level 'servers' list is empty", hint);
  }
}

}  // namespace apictl::lint::rules
