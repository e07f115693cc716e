// Parsing --base-url strictly: a typo here would otherwise show up as a hundred connection failures.
#include "contract_test/base_url.hpp"

#include <charconv>

namespace apictl::contract_test {

namespace {

constexpr std::string_view example_hint = "give the app's address, e.g. --base-url http://127.0.0.1:8000";

std::unexpected<Diagnostic> bad_url(std::string_view text, std::string_view why) {
  return fail("bad-url", "--base-url '" + std::string(text) + "' " + std::string(why), {}, std::string(example_hint));
}

}  // namespace

std::string BaseUrl::origin() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::string BaseUrl::url(std::string_view target) const {
  bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  return scheme + "://" + host + (default_port ? "" : ":" + std::to_string(port)) + path + std::string(target);
}

Result<BaseUrl> parse_base_url(std::string_view text) {
  BaseUrl out;
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad_url(text, "has no scheme (http:// or https://)");
  out.scheme = std::string(text.substr(0, scheme_end));
  for (char& c : out.scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (out.scheme != "http" && out.scheme != "https") return bad_url(text, "is not an http:// or https:// URL");
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) return bad_url(text, "has a query or fragment");
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return bad_url(text, "carries credentials; pass them with --header instead");
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {  // an IPv6 literal: [::1]:8000
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(text, "has an unclosed IPv6 address");
    out.host = std::string(authority.substr(0, close + 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return bad_url(text, "has text after the IPv6 address");
    if (!after.empty()) port_text = after.substr(1);
  } else {
    auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) return bad_url(text, "has no host");
  out.port = out.scheme == "https" ? 443 : 80;
  if (!port_text.empty() || authority.ends_with(':')) {
    int port = 0;
    auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || port < 1 || port > 65535) {
      return bad_url(text, "has a bad port '" + std::string(port_text) + "'");
    }
    out.port = port;
  }
  while (path.ends_with('/')) path.remove_suffix(1);
  out.path = std::string(path);
  return out;
}

}  // namespace apictl::contract_test
