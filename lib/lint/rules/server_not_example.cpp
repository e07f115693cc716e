// server-not-example: server URLs avoid placeholder hosts (RFC 2606): the contract never said where the API lives.
#include <algorithm>
#include <cctype>
#include <string>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// The host part of a server URL: after 'scheme://' or '//', or the start of a URL written without a scheme;
// empty for a relative URL such as '/v1'.
std::string host_of(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  } else if (url.starts_with('/')) {
    return {};
  }
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

bool is_placeholder(std::string_view host) {
  for (std::string_view domain : {"example.com", "example.org", "example.net", "example"}) {
    if (host == domain) return true;
    if (host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

}  // namespace

void check_server_not_example(LintContext& context) {
  for_each_server(context, [&](contract::NodeRef server) {
    contract::NodeRef url = server["url"];
    if (!url.is_string()) return;
    std::string host = host_of(url.text());
    if (!is_placeholder(host)) return;
    context.report(url, "server url '" + std::string(url.text()) + "' points at the placeholder host '" + host + "'",
                   "use the API's real address, or a relative url such as '/v1' when it is served from the docs host");
  });
}

}  // namespace apictl::lint::rules
