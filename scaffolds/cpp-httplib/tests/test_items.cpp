// The example resource: create, read and list items; errors in the one error shape.
#include <catch2/catch.hpp>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "running_server.hpp"

namespace {{ namespace }}::tests {

namespace {

using nlohmann::json;

json body_of(const httplib::Result& response) {
  REQUIRE(response);
  return json::parse(response->body);
}

}  // namespace

TEST_CASE("a created item can be read back", "[items]") {
  RunningServer server;
  auto client = server.client();
  auto created = client.Post("/items", R"({"name": "Teapot", "price": 12.5})", "application/json");
  REQUIRE(created);
  CHECK(created->status == 201);
  json item = body_of(created);
  CHECK(item == json::parse(R"({"id": 1, "name": "Teapot", "price": 12.5})"));

  auto fetched = client.Get("/items/" + item["id"].dump());
  REQUIRE(fetched);
  CHECK(fetched->status == 200);
  CHECK(body_of(fetched) == item);
}

TEST_CASE("items are listed in creation order, up to the limit", "[items]") {
  RunningServer server;
  auto client = server.client();
  for (std::string name : {"a", "b", "c"}) {
    json item;
    item["name"] = name;
    item["price"] = 1;
    auto created = client.Post("/items", item.dump(), "application/json");
    REQUIRE(created);
    CHECK(created->status == 201);
  }
  auto listed = client.Get("/items?limit=2");
  REQUIRE(listed);
  CHECK(listed->status == 200);
  std::vector<std::string> names;
  for (const auto& item : body_of(listed)) names.push_back(item["name"]);
  CHECK(names == std::vector<std::string>{"a", "b"});
  CHECK(body_of(client.Get("/items")).size() == 3);  // the default limit, 50
}

TEST_CASE("items created at the same time get distinct ids", "[items]") {
  RunningServer server;
  std::vector<std::thread> clients;
  std::vector<json> created(8);
  for (std::size_t i = 0; i < created.size(); ++i) {
    clients.emplace_back([&server, &created, i] {
      auto response = server.client().Post("/items", R"({"name": "x", "price": 1})", "application/json");
      if (response && response->status == 201) created[i] = json::parse(response->body);
    });
  }
  for (auto& client : clients) client.join();
  std::set<std::int64_t> ids;
  for (const auto& item : created) {
    REQUIRE(item.is_object());
    ids.insert(item["id"].get<std::int64_t>());
  }
  CHECK(ids == std::set<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE("a missing item is a not_found error", "[items]") {
  RunningServer server;
  auto response = server.client().Get("/items/42");
  REQUIRE(response);
  CHECK(response->status == 404);
  CHECK(body_of(response) == json::parse(R"({"code": "not_found", "message": "item 42 does not exist"})"));
}

TEST_CASE("invalid input is a validation_error naming every invalid field", "[items]") {
  RunningServer server;
  auto client = server.client();

  auto invalid = client.Post("/items", R"({"name": "", "price": -1})", "application/json");
  REQUIRE(invalid);
  CHECK(invalid->status == 422);
  json error = body_of(invalid);
  CHECK(error["code"] == "validation_error");
  CHECK(error["message"] == "body.name: must be at least 1 character long; body.price: must be at least 0");

  auto missing = client.Post("/items", R"({"price": "free"})", "application/json");
  REQUIRE(missing);
  CHECK(missing->status == 422);
  CHECK(body_of(missing)["message"] == "body.name: is required; body.price: must be a number");

  auto malformed = client.Post("/items", "{", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 422);
  CHECK(body_of(malformed)["message"] == "body: is not valid JSON");

  auto limit = client.Get("/items?limit=0");
  REQUIRE(limit);
  CHECK(limit->status == 422);
  CHECK(body_of(limit)["message"] == "query.limit: must be at least 1");

  auto id = client.Get("/items/teapot");
  REQUIRE(id);
  CHECK(id->status == 422);
  CHECK(body_of(id)["message"] == "path.item_id: must be an integer, not 'teapot'");
}

TEST_CASE("an unknown path or method answers in the error shape", "[items]") {
  RunningServer server;
  auto client = server.client();

  auto unknown = client.Get("/no-such-path");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(body_of(unknown)["code"] == "not_found");

  auto method = client.Delete("/items");
  REQUIRE(method);
  CHECK(method->status == 405);
  CHECK(method->get_header_value("Allow") == "GET, HEAD, POST");
  CHECK(body_of(method)["code"] == "method_not_allowed");
}

}  // namespace {{ namespace }}::tests
