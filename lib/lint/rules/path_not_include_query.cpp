// path-not-include-query: paths hold no query string; query parameters are declared as parameters with 'in: query'.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_path_not_include_query(LintContext& context) {
  for (auto [path, item] : context.root()["paths"].members()) {
    auto query = path.find('?');
    if (query == std::string_view::npos) continue;
    context.report_key(item, "path '" + std::string(path) + "' contains a query string",
                       "keep the path '" + std::string(path.substr(0, query)) +
                           "' and declare the query's fields as parameters with 'in: query'");
  }
}

}  // namespace apictl::lint::rules
