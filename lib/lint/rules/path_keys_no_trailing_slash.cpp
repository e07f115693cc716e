// path-keys-no-trailing-slash: paths do not end in '/'; many servers treat '/pets/' and '/pets' as different routes.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_path_keys_no_trailing_slash(LintContext& context) {
  for (auto [path, item] : context.root()["paths"].members()) {
    if (path.size() < 2 || !path.ends_with('/')) continue;
    context.report_key(item, "path '" + std::string(path) + "' ends with '/'",
                       "remove the trailing slash: '" + std::string(path.substr(0, path.size() - 1)) + "'");
  }
}

}  // namespace apictl::lint::rules
