// Reading openapi.yaml and checking JSON values against its schemas; see contract.hpp.
#include "contract.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <regex>
#include <stdexcept>
#include <string_view>

namespace {{ namespace }}::tests {

namespace {

using nlohmann::json;

json scalar_to_json(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return text;  // quoted ("!") or explicitly tagged: a string
  if (text == "null" || text == "Null" || text == "NULL" || text == "~") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, integer)) {
    std::int64_t value = 0;
    std::string_view digits = text.front() == '+' ? std::string_view(text).substr(1) : std::string_view(text);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc() && end == digits.data() + digits.size()) return value;
  }
  if (std::regex_match(text, floating)) return std::stod(text);
  return text;
}

json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json object = json::object();
      for (const auto& entry : node) object[entry.first.as<std::string>()] = to_json(entry.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      json array = json::array();
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Scalar:
      return scalar_to_json(node);
    default:
      return nullptr;
  }
}

std::string type_of(const json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();  // null, boolean, string, array, object
}

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") {
    return value.is_number_integer() ||
           (value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>());
  }
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return true;  // an unknown type name is the linter's business, not this check's
}

std::size_t characters(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; }));
}

void check(const json& contract, const json& schema_or_ref, const json& value, const std::string& where,
           std::vector<std::string>& problems) {
  const json& schema = resolve(contract, schema_or_ref);
  if (!schema.is_object()) return;  // `true` or a malformed schema: nothing to hold the value to
  if (auto all = schema.find("allOf"); all != schema.end()) {
    for (const auto& part : *all) check(contract, part, value, where, problems);
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    std::vector<std::string> types =
        type->is_array() ? type->get<std::vector<std::string>>() : std::vector<std::string>{type->get<std::string>()};
    if (schema.value("nullable", false)) types.emplace_back("null");
    if (std::none_of(types.begin(), types.end(), [&](const std::string& name) { return has_type(value, name); })) {
      problems.push_back(where + ": is " + type_of(value) + ", openapi.yaml says " + type->dump());
      return;
    }
  }
  if (auto options = schema.find("enum"); options != schema.end()) {
    if (std::find(options->begin(), options->end(), value) == options->end()) {
      problems.push_back(where + ": " + value.dump() + " is not one of " + options->dump());
    }
  }
  if (value.is_string()) {
    auto length = characters(value.get<std::string>());
    if (schema.contains("minLength") && length < schema["minLength"].get<std::size_t>()) {
      problems.push_back(where + ": is shorter than minLength " + schema["minLength"].dump());
    }
    if (schema.contains("maxLength") && length > schema["maxLength"].get<std::size_t>()) {
      problems.push_back(where + ": is longer than maxLength " + schema["maxLength"].dump());
    }
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      problems.push_back(where + ": " + value.dump() + " is below minimum " + schema["minimum"].dump());
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      problems.push_back(where + ": " + value.dump() + " is above maximum " + schema["maximum"].dump());
    }
  }
  if (value.is_object()) {
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(where + ": lacks the required property '" + name.get<std::string>() + "'");
      }
    }
    const json properties = schema.value("properties", json::object());
    const json additional = schema.value("additionalProperties", json(properties.empty()));
    for (const auto& [name, item] : value.items()) {
      if (auto declared = properties.find(name); declared != properties.end()) {
        check(contract, *declared, item, where + "." + name, problems);
      } else if (additional.is_object()) {
        check(contract, additional, item, where + "." + name, problems);
      } else if (additional == false) {
        problems.push_back(where + "." + name + ": is not declared in openapi.yaml");
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      check(contract, schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

}  // namespace

json load_contract(const std::filesystem::path& file) {
  try {
    return to_json(YAML::LoadFile(file.string()));
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(file.string() + ":" + std::to_string(error.mark.line + 1) + ":" +
                             std::to_string(error.mark.column + 1) + ": " + error.msg);
  }
}

std::vector<Operation> operations(const json& contract) {
  static constexpr std::array methods = {"post", "put", "patch", "get", "head", "options", "trace", "delete"};
  std::vector<Operation> result;
  const json paths = contract.value("paths", json::object());
  for (const auto& [path, item_or_ref] : paths.items()) {
    const json& item = resolve(contract, item_or_ref);
    for (const char* method : methods) {
      if (!item.contains(method)) continue;
      const json& definition = item[method];
      json parameters = json::array();
      for (const json* list : {&item, &definition}) {
        for (const auto& parameter : list->value("parameters", json::array())) {
          parameters.push_back(resolve(contract, parameter));
        }
      }
      std::string upper(method);
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      result.push_back({upper, path, definition.value("operationId", ""), definition, parameters});
    }
  }
  return result;
}

const json& resolve(const json& contract, const json& node) {
  const json* current = &node;
  for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
    std::string ref = (*current)["$ref"].get<std::string>();
    if (hops == 32 || !ref.starts_with("#/")) {
      throw std::runtime_error("$ref '" + ref + "': only local references without cycles are followed");
    }
    current = &contract.at(json::json_pointer(ref.substr(1)));
  }
  return *current;
}

std::vector<std::string> schema_problems(const json& contract, const json& schema, const json& value,
                                         const std::string& where) {
  std::vector<std::string> problems;
  check(contract, schema, value, where, problems);
  return problems;
}

json example_of(const json& contract, const json& schema_or_ref) {
  const json& schema = resolve(contract, schema_or_ref);
  if (!schema.is_object()) return nullptr;
  if (schema.contains("example")) return schema["example"];
  if (schema.contains("examples") && schema["examples"].is_array() && !schema["examples"].empty()) {
    return schema["examples"][0];
  }
  if (schema.contains("default")) return schema["default"];
  if (schema.contains("enum") && !schema["enum"].empty()) return schema["enum"][0];
  if (schema.contains("allOf")) {
    json merged = json::object();
    for (const auto& part : schema["allOf"]) merged.update(example_of(contract, part));
    return merged;
  }
  const json& type = schema.contains("type") ? schema["type"] : json("object");
  std::string name = type.is_array() ? type[0].get<std::string>() : type.get<std::string>();
  if (name == "string") return std::string(std::max(schema.value("minLength", std::size_t{1}), std::size_t{1}), 'x');
  if (name == "integer") return schema.value("minimum", std::int64_t{1});
  if (name == "number") return schema.value("minimum", 1.0);
  if (name == "boolean") return true;
  if (name == "array") return json::array();
  if (name == "null") return nullptr;
  json object = json::object();
  const json properties = schema.value("properties", json::object());
  for (const auto& required : schema.value("required", json::array())) {
    std::string property = required.get<std::string>();
    object[property] = properties.contains(property) ? example_of(contract, properties[property]) : json("x");
  }
  return object;
}

}  // namespace {{ namespace }}::tests
