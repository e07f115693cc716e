// BaseUrl: where `contract test` sends its requests — scheme, host, port and an optional path prefix.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::contract_test {

struct BaseUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // "127.0.0.1", "api.example.com", "[::1]"
  int port = 0;        // as given, else 80 / 443
  std::string path;    // the prefix every request path goes under: "" or "/v1" (never a trailing '/')

  // "http://127.0.0.1:8000": what the HTTP client connects to.
  std::string origin() const;
  // The full URL of a request target ("/pets?limit=1") under this base: "http://127.0.0.1:8000/v1/pets?limit=1".
  std::string url(std::string_view target) const;
};

// Parses "http://host[:port][/path]". Errors ("bad-url"): another scheme, no host, a bad port, a query or fragment.
Result<BaseUrl> parse_base_url(std::string_view text);

}  // namespace apictl::contract_test
