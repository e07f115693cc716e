// HTTP messages as apictl's parts exchange them: the dev proxy records them, the contract checker and the mock
// server read them, `contract test` and `slo` will send them. Plain data, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apictl::http {

struct Header {
  std::string name;  // as received; compare with iequals
  std::string value;
};
using Headers = std::vector<Header>;

struct Request {
  std::string method;  // upper case: "GET"
  std::string target;  // the request target as sent: path and query, "/pets/7?verbose=1"
  Headers headers;
  std::string body;

  std::string_view path() const;   // the target up to '?' or '#'
  std::string_view query() const;  // what follows '?', without it; "" when there is none
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
  // False when the body was not kept whole (a stream longer than the capture limit): checks that need the
  // whole body skip it.
  bool body_complete = true;
};

struct Exchange {
  Request request;
  Response response;
};

// ASCII case-insensitive equality, as header names compare.
bool iequals(std::string_view a, std::string_view b);

// The first header named `name` (case-insensitive), nullopt when absent.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

// The media type of a Content-Type value, lower-cased and without parameters:
// "application/json; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type);

}  // namespace apictl::http
