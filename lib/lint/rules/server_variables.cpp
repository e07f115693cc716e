// server-variables: server URL variables are defined, used and valid; otherwise URLs keep a literal '{name}'.
#include <algorithm>
#include <string>
#include <vector>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

void check_enum(LintContext& context, std::string_view name, contract::NodeRef variable) {
  contract::NodeRef values = variable["enum"];
  if (!values.is_sequence()) return;
  if (values.size() == 0) {
    context.report(values, "server variable '" + std::string(name) + "' has an empty enum",
                   "list the values it may take, or remove 'enum' to allow any");
    return;
  }
  contract::NodeRef fallback = variable["default"];
  if (!fallback.is_scalar()) return;
  for (auto value : values.members()) {
    if (value.value.is_scalar() && value.value.text() == fallback.text()) return;
  }
  context.report(fallback,
                 "the default '" + std::string(fallback.text()) + "' of server variable '" + std::string(name) +
                     "' is not in its enum",
                 "add it to the enum or pick a default from it");
}

}  // namespace

void check_server_variables(LintContext& context) {
  for_each_server(context, [&](contract::NodeRef server) {
    contract::NodeRef url = server["url"];
    if (!url.is_string()) return;
    contract::NodeRef variables = server["variables"];
    std::vector<std::string_view> used = template_names(url.text());
    std::vector<std::string_view> reported;
    for (std::string_view name : used) {
      if (variables[name] || std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
      reported.push_back(name);
      context.report(url,
                     "server url '" + std::string(url.text()) + "' uses '{" + std::string(name) +
                         "}', which is not defined under 'variables'",
                     "add variables: {" + std::string(name) + ": {default: ...}} to the server");
    }
    for (auto [name, variable] : variables.members()) {
      if (std::find(used.begin(), used.end(), name) == used.end()) {
        context.report_key(
            variable,
            "server variable '" + std::string(name) + "' is not used in the url '" + std::string(url.text()) + "'",
            "use it as '{" + std::string(name) + "}' in the url, or remove it");
      }
      check_enum(context, name, variable);
    }
  });
}

}  // namespace apictl::lint::rules
