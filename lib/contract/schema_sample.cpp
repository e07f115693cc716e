// Building sample values from schemas: deterministic, the smallest value that satisfies common constraints.
#include "contract/schema_sample.hpp"

#include <algorithm>
#include <string>

namespace apictl::contract {

namespace {

using Json = nlohmann::ordered_json;

constexpr int max_depth = 12;

Json sample_string(NodeRef schema) {
  std::string_view format = schema["format"].text();
  std::string text = "example";
  if (format == "date-time") text = "2024-01-01T00:00:00Z";
  if (format == "date") text = "2024-01-01";
  if (format == "time") text = "00:00:00Z";
  if (format == "uuid") text = "00000000-0000-4000-8000-000000000000";
  if (format == "email") text = "user@example.com";
  if (format == "uri" || format == "url") text = "https://example.com";
  if (format == "ipv4") text = "192.0.2.1";
  if (format == "ipv6") text = "2001:db8::1";
  if (auto minimum = schema["minLength"].as_integer(); minimum && *minimum > 0 && *minimum < 10000) {
    while (text.size() < static_cast<std::size_t>(*minimum)) text += 'x';
  }
  if (auto maximum = schema["maxLength"].as_integer();
      maximum && *maximum >= 0 && text.size() > static_cast<std::size_t>(*maximum)) {
    text.resize(static_cast<std::size_t>(*maximum));
  }
  return text;
}

Json sample_number(NodeRef schema, bool integer) {
  double value = schema["minimum"].as_number().value_or(1);
  if (auto exclusive = schema["exclusiveMinimum"].as_number(); exclusive && value <= *exclusive) value = *exclusive + 1;
  if (auto maximum = schema["maximum"].as_number(); maximum && value > *maximum) value = *maximum;
  if (auto exclusive = schema["exclusiveMaximum"].as_number(); exclusive && value >= *exclusive) value = *exclusive - 1;
  if (integer) return static_cast<std::int64_t>(value);
  return value;
}

Json sample(Workspace& workspace, NodeRef schema, int depth) {
  if (depth > max_depth) return nullptr;
  auto resolved = workspace.deref(schema);
  if (!resolved) return Json::object();
  schema = *resolved;
  if (!schema.is_mapping()) return Json::object();
  if (NodeRef example = schema["example"]) return node_to_json(example);
  if (NodeRef examples = schema["examples"]; examples.is_sequence() && examples.size() > 0) {
    return node_to_json(examples.at(0));
  }
  if (NodeRef value = schema["const"]) return node_to_json(value);
  if (NodeRef value = schema["default"]) return node_to_json(value);
  if (NodeRef values = schema["enum"]; values.is_sequence() && values.size() > 0) return node_to_json(values.at(0));
  for (std::string_view choice : {"oneOf", "anyOf"}) {
    if (NodeRef branches = schema[choice]; branches.is_sequence() && branches.size() > 0) {
      return sample(workspace, branches.at(0), depth + 1);
    }
  }

  std::string_view type = schema["type"].text();
  if (NodeRef types = schema["type"]; types.is_sequence()) {
    for (const Member& member : types.members()) {
      if (member.value.text() != "null") {
        type = member.value.text();
        break;
      }
    }
  }
  Json merged = Json::object();
  if (NodeRef parts = schema["allOf"]; parts.is_sequence()) {
    for (const Member& part : parts.members()) {
      Json value = sample(workspace, part.value, depth + 1);
      if (!value.is_object()) return value;
      merged.update(value);
    }
  }
  if (type.empty()) {
    if (schema["properties"] || schema["required"])
      type = "object";
    else if (schema["items"])
      type = "array";
  }
  if (type == "object" || type.empty()) {
    for (const Member& name : schema["required"].members()) {
      if (!name.value.is_string() || merged.contains(std::string(name.value.text()))) continue;
      NodeRef property = schema["properties"][name.value.text()];
      merged[std::string(name.value.text())] = property ? sample(workspace, property, depth + 1) : Json("example");
    }
    return merged;
  }
  if (type == "array") {
    Json items = Json::array();
    auto count = schema["minItems"].as_integer().value_or(0);
    for (std::int64_t i = 0; i < std::min<std::int64_t>(count, 100); ++i) {
      items.push_back(sample(workspace, schema["items"], depth + 1));
    }
    return items;
  }
  if (type == "string") return sample_string(schema);
  if (type == "integer") return sample_number(schema, true);
  if (type == "number") return sample_number(schema, false);
  if (type == "boolean") return true;
  return nullptr;
}

}  // namespace

Json node_to_json(NodeRef node) {
  switch (node.kind()) {
    case NodeKind::mapping: {
      Json object = Json::object();
      for (const Member& member : node.members()) object[std::string(member.key)] = node_to_json(member.value);
      return object;
    }
    case NodeKind::sequence: {
      Json array = Json::array();
      for (const Member& member : node.members()) array.push_back(node_to_json(member.value));
      return array;
    }
    case NodeKind::string:
      return std::string(node.text());
    case NodeKind::integer:
      if (auto value = node.as_integer()) return *value;
      return node.as_number().value_or(0);
    case NodeKind::number:
      return node.as_number().value_or(0);
    case NodeKind::boolean:
      return node.as_bool();
    case NodeKind::null:
      return nullptr;
  }
  return nullptr;
}

Json sample_for_schema(Workspace& workspace, NodeRef schema) { return sample(workspace, schema, 0); }

}  // namespace apictl::contract
