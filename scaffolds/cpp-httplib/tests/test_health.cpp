// GET /healthz.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "running_server.hpp"

namespace {{ namespace }}::tests {

TEST_CASE("GET /healthz answers 200 with the status and the running version", "[health]") {
  RunningServer server;
  auto response = server.client().Get("/healthz");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  auto body = nlohmann::json::parse(response->body);
  CHECK(body.size() == 2);
  CHECK(body["status"] == "ok");
  CHECK(body["version"] == std::string(version));
}

}  // namespace {{ namespace }}::tests
