// server-trailing-slash: server URLs do not end in '/'; paths start with one, so joining them gives '//'.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_server_trailing_slash(LintContext& context) {
  for_each_server(context, [&](contract::NodeRef server) {
    contract::NodeRef url = server["url"];
    std::string_view text = url.text();
    if (!url.is_string() || text.size() < 2 || !text.ends_with('/')) return;
    context.report(url, "server url '" + std::string(text) + "' ends with '/'",
                   "remove the trailing slash: '" + std::string(text.substr(0, text.size() - 1)) + "'");
  });
}

}  // namespace apictl::lint::rules
