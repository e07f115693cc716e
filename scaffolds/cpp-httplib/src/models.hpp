// The API's models, one per schema in openapi.yaml's components, with their JSON form (nlohmann_json).
// Request models are read field by field in server.cpp, so every invalid field is reported at once.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace {{ namespace }} {

// The body of every error response.
struct Error {
  std::string code;  // stable and machine-readable: not_found, validation_error, ...
  std::string message;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Error, code, message)

// What /healthz answers while the service is up.
struct Health {
  std::string status;
  std::string version;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Health, status, version)

// What a client sends to create an item.
struct ItemCreate {
  std::string name;
  double price = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ItemCreate, name, price)

// An item as stored, with its id.
struct Item {
  std::int64_t id = 0;
  std::string name;
  double price = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Item, id, name, price)

// apictl:models - apictl add endpoint adds the models of new schemas above this line.

}  // namespace {{ namespace }}
