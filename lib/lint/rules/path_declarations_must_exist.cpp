// path-declarations-must-exist: path templates name their parameters; '/pets/{}' cannot be bound to any parameter.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_path_declarations_must_exist(LintContext& context) {
  for (auto [path, item] : context.root()["paths"].members()) {
    if (path.find("{}") == std::string_view::npos) continue;
    context.report_key(item, "path '" + std::string(path) + "' has an empty parameter declaration '{}'",
                       "name the parameter, e.g. '{petId}', and declare it with 'in: path'");
  }
}

}  // namespace apictl::lint::rules
