// path-params: path templates and 'in: path' parameters match one to one; otherwise clients cannot build the URL.
#include <algorithm>
#include <string>
#include <vector>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool declares(const std::vector<ParameterUse>& uses, std::string_view name) {
  return std::any_of(uses.begin(), uses.end(),
                     [&](const ParameterUse& use) { return use.in == "path" && use.name == name; });
}

// The place a parameter of that name is declared elsewhere than in the path, for a more useful hint.
const ParameterUse* misplaced(const std::vector<ParameterUse>& uses, std::string_view name) {
  auto found = std::find_if(uses.begin(), uses.end(),
                            [&](const ParameterUse& use) { return use.in != "path" && use.name == name; });
  return found == uses.end() ? nullptr : &*found;
}

void report_unused(LintContext& context, const ParameterUse& use, std::string_view path) {
  context.report(use.written,
                 "path parameter '" + std::string(use.name) + "' is not used in path '" + std::string(path) + "'",
                 "add '{" + std::string(use.name) + "}' to the path, or remove the parameter");
}

}  // namespace

void check_path_params(LintContext& context) {
  for_each_path_item(context, [&](std::string_view path, contract::NodeRef written, contract::NodeRef item) {
    std::vector<std::string_view> names;
    for (std::string_view name : template_names(path)) {
      if (name.empty()) continue;  // '{}' is path-declarations-must-exist's finding
      if (contains(names, name)) {
        context.report_key(written, "path '" + std::string(path) + "' uses '{" + std::string(name) + "}' twice",
                           "give each path parameter its own name");
        continue;
      }
      names.push_back(name);
    }

    std::vector<ParameterUse> item_uses = parameter_uses(context.workspace(), item["parameters"]);
    for (const ParameterUse& use : item_uses) {
      if (use.in == "path" && !contains(names, use.name)) report_unused(context, use, path);
    }
    for (auto [method, written_operation] : item.members()) {
      if (!contract::is_http_method(method, context.spec().version)) continue;
      auto resolved = context.workspace().deref(written_operation);  // bundler-style operation $refs
      if (!resolved || !resolved->is_mapping()) continue;
      contract::NodeRef operation = *resolved;
      std::vector<ParameterUse> uses = parameter_uses(context.workspace(), operation["parameters"]);
      for (const ParameterUse& use : uses) {
        if (use.in == "path" && !contains(names, use.name)) report_unused(context, use, path);
      }
      contract::Operation where{path, method, operation, item, written, false};
      for (std::string_view name : names) {
        if (declares(uses, name) || declares(item_uses, name)) continue;
        std::string hint = "declare it with name: " + std::string(name) + ", in: path, required: true";
        const ParameterUse* other = misplaced(uses, name);
        if (!other) other = misplaced(item_uses, name);
        if (other) {
          hint = "the parameter '" + std::string(name) + "' at " + place_of(other->written, operation.document()) +
                 " is 'in: " + std::string(other->in) + "'; a path template needs 'in: path'";
        }
        context.report_key(operation,
                           operation_label(where) + " does not declare the path parameter '" + std::string(name) + "'",
                           std::move(hint));
      }
    }
  });
}

}  // namespace apictl::lint::rules
