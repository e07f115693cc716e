// TestCase: one request `contract test` sends, with what it was built to try.
#pragma once

#include <string>

#include "http/message.hpp"

namespace apictl::contract_test {

struct TestCase {
  // What the request tries, for the report: "examples", "required only", "all fields",
  // "query 'limit': maximum", "body /price: minimum", "random 3".
  std::string label;
  // Method, target (path and query, relative to the base URL's path), headers and body; the run adds the
  // --header ones.
  http::Request request;
};

}  // namespace apictl::contract_test
