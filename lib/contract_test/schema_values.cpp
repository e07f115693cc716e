// The facts of a schema (allOf merged, $refs followed) and the values derived from them.
#include "contract_test/schema_values.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "contract/schema_sample.hpp"
#include "contract/schemas.hpp"

namespace apictl::contract_test {

namespace {

using Json = nlohmann::ordered_json;
using contract::NodeRef;

constexpr int max_full_depth = 8;                    // deeper (recursive) schemas get only their required properties
constexpr int max_variant_depth = 3;                 // variants of properties of properties of properties, no deeper
constexpr std::int64_t max_generated_length = 4096;  // a maxLength above this is not tried at full length
constexpr std::int64_t max_generated_items = 50;     // nor a maxItems above this

// The lowest and highest value a number schema allows, as written (3.0's boolean exclusive flags and 3.1's
// numeric exclusive bounds both read).
struct Bounds {
  std::optional<double> low;
  bool low_exclusive = false;
  std::optional<double> high;
  bool high_exclusive = false;
  std::optional<double> multiple_of;
};

std::string shown(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

struct SchemaValues::Facts {
  NodeRef schema;    // the schema itself, $ref followed (for contract::sample_for_schema)
  std::string type;  // the first non-null type, or the one its keywords imply; "" when nothing says
  bool nullable = false;
  std::vector<Json> enum_values;                            // also a const, as one value
  std::vector<std::pair<std::string, NodeRef>> properties;  // in order, allOf parts merged
  std::vector<std::string> required;
  NodeRef items;
  std::optional<std::int64_t> min_items, max_items;
  bool unique_items = false;
  std::optional<std::int64_t> min_length, max_length;
  bool free_text = true;  // no pattern or format: any text of the right length is valid
  Bounds bounds;
  std::vector<NodeRef> branches;  // oneOf / anyOf
  bool read_only = false;
  bool resolved = true;
};

SchemaValues::Facts SchemaValues::facts_of(NodeRef schema) {
  Facts facts;
  auto resolved = workspace_.deref(schema);
  if (!resolved || !resolved->is_mapping()) {
    facts.resolved = false;
    return facts;
  }
  facts.schema = *resolved;
  std::vector<std::string> types;
  for (NodeRef part : contract::composed_schemas(workspace_, spec_, *resolved, contract::Composition::all_of).schemas) {
    if (!part.is_mapping()) continue;
    if (types.empty()) {
      if (part["type"].is_string()) types.emplace_back(part["type"].text());
      for (auto member : part["type"].members()) types.emplace_back(member.value.text());
    }
    if (spec_.version == contract::OasVersion::v3_0 && part["nullable"].as_bool()) facts.nullable = true;
    if (facts.enum_values.empty()) {
      for (auto member : part["enum"].members()) facts.enum_values.push_back(contract::node_to_json(member.value));
      if (NodeRef value = part["const"]) facts.enum_values.push_back(contract::node_to_json(value));
    }
    for (auto member : part["properties"].members()) {
      bool known = std::ranges::any_of(facts.properties, [&](const auto& p) { return p.first == member.key; });
      if (!known) facts.properties.emplace_back(std::string(member.key), member.value);
    }
    for (auto member : part["required"].members()) {
      std::string name(member.value.text());
      if (std::ranges::find(facts.required, name) == facts.required.end()) facts.required.push_back(name);
    }
    if (!facts.items && part["items"].is_mapping()) facts.items = part["items"];
    auto first = [&](std::optional<std::int64_t>& slot, std::string_view key) {
      if (!slot) slot = part[key].as_integer();
    };
    first(facts.min_items, "minItems");
    first(facts.max_items, "maxItems");
    first(facts.min_length, "minLength");
    first(facts.max_length, "maxLength");
    if (part["uniqueItems"].as_bool()) facts.unique_items = true;
    if (part["pattern"] || part["format"]) facts.free_text = false;
    if (part["readOnly"].as_bool()) facts.read_only = true;
    Bounds& b = facts.bounds;
    if (!b.low) b.low = part["minimum"].as_number();
    if (!b.high) b.high = part["maximum"].as_number();
    if (NodeRef exclusive = part["exclusiveMinimum"]; exclusive.is_bool()) {
      if (exclusive.as_bool()) b.low_exclusive = true;
    } else if (auto value = exclusive.as_number(); value && (!b.low || *value >= *b.low)) {
      b.low = value;
      b.low_exclusive = true;
    }
    if (NodeRef exclusive = part["exclusiveMaximum"]; exclusive.is_bool()) {
      if (exclusive.as_bool()) b.high_exclusive = true;
    } else if (auto value = exclusive.as_number(); value && (!b.high || *value <= *b.high)) {
      b.high = value;
      b.high_exclusive = true;
    }
    if (!b.multiple_of) {
      if (auto m = part["multipleOf"].as_number(); m && *m > 0) b.multiple_of = m;
    }
    if (facts.branches.empty()) {
      for (std::string_view choice : {"oneOf", "anyOf"}) {
        for (auto member : part[choice].members()) facts.branches.push_back(member.value);
        if (!facts.branches.empty()) break;
      }
    }
  }
  for (const std::string& type : types) {
    if (type == "null") {
      facts.nullable = true;
    } else if (facts.type.empty()) {
      facts.type = type;
    }
  }
  if (std::ranges::find(facts.enum_values, Json(nullptr)) != facts.enum_values.end()) facts.nullable = true;
  if (facts.type.empty()) {
    if (!facts.properties.empty() || !facts.required.empty()) {
      facts.type = "object";
    } else if (facts.items) {
      facts.type = "array";
    } else if (facts.bounds.low || facts.bounds.high) {
      facts.type = "number";
    } else if (facts.min_length || facts.max_length) {
      facts.type = "string";
    }
  }
  return facts;
}

namespace {

// The lowest and highest valid integers, nullopt when the bounds leave none (or do not say).
std::optional<std::int64_t> lowest_integer(const Bounds& b) {
  if (!b.low) return std::nullopt;
  double low = b.low_exclusive ? std::floor(*b.low) + 1 : std::ceil(*b.low);
  if (b.multiple_of) low = std::ceil(low / *b.multiple_of) * *b.multiple_of;
  if (!std::isfinite(low) || std::abs(low) > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(low);
}

std::optional<std::int64_t> highest_integer(const Bounds& b) {
  if (!b.high) return std::nullopt;
  double high = b.high_exclusive ? std::ceil(*b.high) - 1 : std::floor(*b.high);
  if (b.multiple_of) high = std::floor(high / *b.multiple_of) * *b.multiple_of;
  if (!std::isfinite(high) || std::abs(high) > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(high);
}

std::optional<double> lowest_number(const Bounds& b) {
  if (!b.low) return std::nullopt;
  double low = *b.low;
  if (b.multiple_of) {
    double stepped = std::ceil(low / *b.multiple_of) * *b.multiple_of;
    return b.low_exclusive && stepped <= low ? stepped + *b.multiple_of : stepped;
  }
  return b.low_exclusive ? std::nextafter(low, std::numeric_limits<double>::infinity()) : low;
}

std::optional<double> highest_number(const Bounds& b) {
  if (!b.high) return std::nullopt;
  double high = *b.high;
  if (b.multiple_of) {
    double stepped = std::floor(high / *b.multiple_of) * *b.multiple_of;
    return b.high_exclusive && stepped >= high ? stepped - *b.multiple_of : stepped;
  }
  return b.high_exclusive ? std::nextafter(high, -std::numeric_limits<double>::infinity()) : high;
}

bool within(const Bounds& b, double value) {
  if (b.low && (value < *b.low || (b.low_exclusive && value == *b.low))) return false;
  if (b.high && (value > *b.high || (b.high_exclusive && value == *b.high))) return false;
  if (b.multiple_of) {
    double ratio = value / *b.multiple_of;
    if (std::abs(ratio - std::round(ratio)) > 1e-9) return false;
  }
  return true;
}

std::string text_of_length(std::int64_t length) {
  std::string out;
  for (std::int64_t i = 0; i < length; ++i) out += static_cast<char>('a' + i % 26);
  return out;
}

bool is_readonly(contract::Workspace& workspace, NodeRef schema) {
  auto resolved = workspace.deref(schema);
  return resolved && (*resolved)["readOnly"].as_bool();
}

}  // namespace

Json SchemaValues::scalar(const Facts& facts) {
  Json value = contract::sample_for_schema(workspace_, facts.schema);
  if (facts.type == "integer" || facts.type == "number") {
    // sample_for_schema knows inclusive bounds only; move its pick inside exclusive ones and multipleOf.
    if (value.is_number() && within(facts.bounds, value.get<double>())) return value;
    if (facts.type == "integer") {
      if (auto low = lowest_integer(facts.bounds)) return *low;
      if (auto high = highest_integer(facts.bounds)) return *high;
      return facts.bounds.multiple_of ? Json(static_cast<std::int64_t>(*facts.bounds.multiple_of)) : Json(1);
    }
    if (auto low = lowest_number(facts.bounds)) return *low;
    if (auto high = highest_number(facts.bounds)) return *high;
  }
  return value;
}

Json SchemaValues::full(NodeRef schema, int depth) {
  if (depth > max_full_depth) return required_only(schema, depth);
  Facts facts = facts_of(schema);
  if (!facts.resolved) return Json::object();
  if (!facts.enum_values.empty()) {
    auto value = std::ranges::find_if(facts.enum_values, [](const Json& v) { return !v.is_null(); });
    return value != facts.enum_values.end() ? *value : facts.enum_values.front();
  }
  if (facts.type.empty() && !facts.branches.empty()) return full(facts.branches.front(), depth + 1);
  if (facts.type == "object") {
    Json out = Json::object();
    for (const auto& [name, property] : facts.properties) {
      if (!is_readonly(workspace_, property)) out[name] = full(property, depth + 1);
    }
    for (const std::string& name : facts.required) {  // required but not described: any value will do
      if (!out.contains(name) && std::ranges::none_of(facts.properties, [&](auto& p) { return p.first == name; }))
        out[name] = "example";
    }
    return out;
  }
  if (facts.type == "array") {
    std::int64_t count = std::max<std::int64_t>(facts.min_items.value_or(0), 1);
    if (facts.max_items) count = std::min(count, *facts.max_items);
    Json out = Json::array();
    if (count == 1 || !facts.unique_items) {
      for (std::int64_t i = 0; i < std::min(count, max_generated_items); ++i)
        out.push_back(full(facts.items, depth + 1));
      return out;
    }
    return required_only(schema, depth);
  }
  return scalar(facts);
}

Json SchemaValues::required_only(NodeRef schema, int depth) {
  Facts facts = facts_of(schema);
  if (!facts.resolved) return Json::object();
  if (depth > max_full_depth * 2) return contract::sample_for_schema(workspace_, facts.schema);
  if (!facts.enum_values.empty()) return full(schema, max_full_depth);
  if (facts.type.empty() && !facts.branches.empty()) return required_only(facts.branches.front(), depth + 1);
  if (facts.type == "object") {
    Json out = Json::object();
    for (const std::string& name : facts.required) {
      auto property = std::ranges::find_if(facts.properties, [&](auto& p) { return p.first == name; });
      if (property == facts.properties.end()) {
        out[name] = "example";
      } else if (!is_readonly(workspace_, property->second)) {
        out[name] = required_only(property->second, depth + 1);
      }
    }
    return out;
  }
  if (facts.type == "array") {
    Json out = Json::array();
    std::int64_t count = std::min(facts.min_items.value_or(0), max_generated_items);
    for (std::int64_t i = 0; i < count; ++i) out.push_back(required_only(facts.items, depth + 1));
    if (facts.unique_items && count > 1) {
      // Identical items would break uniqueItems: take distinct variants of the item schema instead.
      out = Json::array();
      for (const SchemaValue& variant : variants(facts.items, max_variant_depth)) {
        if (std::ranges::find(out, variant.value) == out.end()) out.push_back(variant.value);
        if (static_cast<std::int64_t>(out.size()) == count) break;
      }
    }
    return out;
  }
  return scalar(facts);
}

std::vector<SchemaValue> SchemaValues::variants(NodeRef schema, int depth) {
  std::vector<SchemaValue> out;
  if (depth > max_variant_depth) return out;
  Facts facts = facts_of(schema);
  if (!facts.resolved) return out;
  if (facts.nullable) out.push_back({"null", nullptr});
  if (!facts.enum_values.empty()) {
    for (const Json& value : facts.enum_values) {
      if (!value.is_null()) out.push_back({"enum " + shown(value), value});
    }
    return out;
  }
  if (facts.type.empty() && !facts.branches.empty()) {
    std::string_view choice = facts.schema["oneOf"] ? "oneOf" : "anyOf";
    for (std::size_t i = 0; i < facts.branches.size(); ++i) {
      out.push_back({std::string(choice) + " branch " + std::to_string(i + 1), full(facts.branches[i], depth + 1)});
    }
    return out;
  }
  if (facts.type == "integer") {
    auto low = lowest_integer(facts.bounds);
    auto high = highest_integer(facts.bounds);
    if (low && high && *low > *high) return out;  // no integer satisfies the bounds
    if (low) out.push_back({facts.bounds.low_exclusive ? "exclusiveMinimum + 1" : "minimum", *low});
    if (high) out.push_back({facts.bounds.high_exclusive ? "exclusiveMaximum - 1" : "maximum", *high});
  } else if (facts.type == "number") {
    auto low = lowest_number(facts.bounds);
    auto high = highest_number(facts.bounds);
    if (low && high && *low > *high) return out;
    if (low) out.push_back({facts.bounds.low_exclusive ? "just above exclusiveMinimum" : "minimum", *low});
    if (high) out.push_back({facts.bounds.high_exclusive ? "just below exclusiveMaximum" : "maximum", *high});
  } else if (facts.type == "string") {
    if (facts.free_text && facts.min_length && *facts.min_length <= max_generated_length) {
      out.push_back({"minLength", text_of_length(*facts.min_length)});
    }
    if (facts.free_text && facts.max_length && *facts.max_length <= max_generated_length &&
        *facts.max_length >= facts.min_length.value_or(0)) {
      out.push_back({"maxLength", text_of_length(*facts.max_length)});
    }
  } else if (facts.type == "boolean") {
    out.push_back({"true", true});
    out.push_back({"false", false});
  } else if (facts.type == "array") {
    std::int64_t min_items = facts.min_items.value_or(0);
    if (min_items == 0) out.push_back({"no items", Json::array()});
    if (min_items > 1) out.push_back({"minItems", required_only(schema, depth)});
    if (facts.max_items && *facts.max_items > 1 && *facts.max_items <= max_generated_items &&
        *facts.max_items >= min_items && !facts.unique_items) {
      Json items = Json::array();
      for (std::int64_t i = 0; i < *facts.max_items; ++i) items.push_back(full(facts.items, depth + 1));
      out.push_back({"maxItems", std::move(items)});
    }
    if (min_items <= 1 && facts.max_items.value_or(1) >= 1) {
      for (SchemaValue& item : variants(facts.items, depth + 1)) {
        out.push_back({"/0: " + item.label, Json::array({std::move(item.value)})});
      }
    }
  } else if (facts.type == "object") {
    Json base = full(schema, depth);
    Json required = required_only(schema, depth);
    if (required != base) out.push_back({"required properties only", std::move(required)});
    for (const auto& [name, property] : facts.properties) {
      if (is_readonly(workspace_, property)) continue;
      for (SchemaValue& value : variants(property, depth + 1)) {
        Json changed = base;
        changed[name] = std::move(value.value);
        std::string label = value.label.starts_with('/') ? value.label : ": " + value.label;
        out.push_back({"/" + name + label, std::move(changed)});
      }
    }
  }
  return out;
}

Json SchemaValues::random_value(NodeRef schema, SeededRandom& random, int depth) {
  if (depth > max_full_depth) return required_only(schema, depth);
  Facts facts = facts_of(schema);
  if (!facts.resolved) return Json::object();
  if (facts.nullable && random.one_in(5)) return nullptr;
  if (!facts.enum_values.empty()) {
    return facts.enum_values[static_cast<std::size_t>(
        random.between(std::int64_t{0}, static_cast<std::int64_t>(facts.enum_values.size()) - 1))];
  }
  if (facts.type.empty() && !facts.branches.empty()) {
    auto pick = random.between(std::int64_t{0}, static_cast<std::int64_t>(facts.branches.size()) - 1);
    return random_value(facts.branches[static_cast<std::size_t>(pick)], random, depth + 1);
  }
  if (facts.type == "object") {
    Json out = Json::object();
    for (const auto& [name, property] : facts.properties) {
      bool required = std::ranges::find(facts.required, name) != facts.required.end();
      if (is_readonly(workspace_, property) || (!required && random.one_in(2))) continue;
      out[name] = random_value(property, random, depth + 1);
    }
    for (const std::string& name : facts.required) {
      if (!out.contains(name) && std::ranges::none_of(facts.properties, [&](auto& p) { return p.first == name; }))
        out[name] = "example";
    }
    return out;
  }
  if (facts.type == "array") {
    std::int64_t low = facts.min_items.value_or(0);
    std::int64_t high = std::min(facts.max_items.value_or(low + 3), low + 3);
    std::int64_t count = std::min(random.between(low, high), max_generated_items);
    Json out = Json::array();
    for (std::int64_t i = 0; i < count; ++i) {
      Json item = random_value(facts.items, random, depth + 1);
      if (facts.unique_items && std::ranges::find(out, item) != out.end()) continue;
      out.push_back(std::move(item));
    }
    if (static_cast<std::int64_t>(out.size()) < low) return required_only(schema, depth);
    return out;
  }
  if (facts.type == "integer") {
    auto low = lowest_integer(facts.bounds);
    auto high = highest_integer(facts.bounds);
    std::int64_t from = low ? *low : high ? *high - 1000 : -1000;
    std::int64_t to = high ? *high : from + 2000;
    if (from > to) return scalar(facts);
    std::int64_t value = random.between(from, to);
    if (facts.bounds.multiple_of) {
      auto step = static_cast<std::int64_t>(*facts.bounds.multiple_of);
      if (step > 0) value = from + (value - from) / step * step;
    }
    return value;
  }
  if (facts.type == "number") {
    auto low = lowest_number(facts.bounds);
    auto high = highest_number(facts.bounds);
    double from = low ? *low : high ? *high - 1000 : -1000;
    double to = high ? *high : from + 2000;
    if (from > to) return scalar(facts);
    double value = random.between(from, to);
    if (facts.bounds.multiple_of) value = std::ceil(value / *facts.bounds.multiple_of) * *facts.bounds.multiple_of;
    if (!within(facts.bounds, value)) return scalar(facts);
    return value;
  }
  if (facts.type == "string" && facts.free_text) {
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::int64_t low = std::min(facts.min_length.value_or(0), max_generated_length);
    std::int64_t high = std::min(facts.max_length.value_or(low + 16), low + 16);
    std::int64_t length = random.between(low, high);
    std::string text;
    for (std::int64_t i = 0; i < length; ++i) {
      text += alphabet[static_cast<std::size_t>(random.between(std::int64_t{0}, alphabet.size() - 1))];
    }
    return text;
  }
  if (facts.type == "boolean") return random.one_in(2);
  return full(schema, depth);
}

}  // namespace apictl::contract_test
