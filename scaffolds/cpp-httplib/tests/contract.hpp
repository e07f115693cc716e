// openapi.yaml for the drift tests: read with yaml-cpp into JSON, its operations, example values, and a check
// of JSON values against its schemas.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {{ namespace }}::tests {

// The contract as JSON. Plain YAML scalars are typed as YAML 1.2's core schema types them (null, booleans,
// integers, floats); quoted ones stay strings. Throws std::runtime_error with file:line:column on bad YAML.
nlohmann::json load_contract(const std::filesystem::path& file);

struct Operation {
  std::string method;  // upper case
  std::string path;
  std::string operation_id;
  nlohmann::json definition;  // the operation object
  nlohmann::json parameters;  // the path item's and the operation's parameters, $refs followed
};

// Every operation: paths in sorted order (a collection before its items), and within a path the methods that
// create before those that read and those that delete, so examples can build on each other.
std::vector<Operation> operations(const nlohmann::json& contract);

// Follows local $refs ("#/components/...") to the node they name.
const nlohmann::json& resolve(const nlohmann::json& contract, const nlohmann::json& node);

// What is wrong with `value` under `schema`, one "where: what" line each; empty when it conforms. Knows
// $ref, allOf, type (with nullable and type lists), enum, required, properties, additionalProperties, items,
// minLength, maxLength, minimum and maximum. A property the schema does not declare is a problem unless
// additionalProperties allows it: the contract must document everything the server sends.
std::vector<std::string> schema_problems(const nlohmann::json& contract, const nlohmann::json& schema,
                                         const nlohmann::json& value, const std::string& where);

// A value `schema` accepts: its example (or default, or first enum value), else one built from its type and
// constraints, with every required property.
nlohmann::json example_of(const nlohmann::json& contract, const nlohmann::json& schema);

}  // namespace {{ namespace }}::tests
