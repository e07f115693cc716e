// Example validation, the one adapter over valijson: OpenAPI schemas are translated to draft-07 JSON (every
// $ref target becomes a local definition), compiled once, and valijson's errors are turned into plain words.
#include "contract/example_validator.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace apictl::contract {

namespace {

using Json = nlohmann::json;

// valijson parses and validates recursively: schemas nested deeper than this accept anything below the cut,
// and deeper examples are not checked, so hostile input cannot exhaust the stack.
constexpr int max_schema_depth = 64;
constexpr int max_example_depth = 64;

// ---- data: enum and const values as JSON, for the translated schemas ----

std::optional<double> special_float(std::string_view text) {
  if (text.starts_with('-') || text.starts_with('+')) {
    auto magnitude = special_float(text.substr(1));
    if (!magnitude) return std::nullopt;
    return text.front() == '-' ? -*magnitude : *magnitude;
  }
  if (text == ".inf" || text == ".Inf" || text == ".INF") return std::numeric_limits<double>::infinity();
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return std::nullopt;
}

Json number_to_json(NodeRef value) {
  std::string_view text = value.text();
  if (value.is_integer()) {
    if (auto integer = value.as_integer()) return *integer;
    int base = text.starts_with("0x") ? 16 : text.starts_with("0o") ? 8 : 10;
    std::string_view digits = base == 10 ? text : text.substr(2);
    std::uint64_t unsigned_value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), unsigned_value, base);
    if (error == std::errc{} && end == digits.data() + digits.size()) return unsigned_value;
  }
  std::optional<double> number = value.as_number();
  if (!number) number = special_float(text);
  if (!number) return Json(std::string(text));
  // JSON Schema counts 1.0 as an integer, valijson only a value stored as one.
  if (std::trunc(*number) == *number && std::fabs(*number) < 9007199254740992.0) {
    return static_cast<std::int64_t>(*number);
  }
  return *number;
}

// nullopt when the value nests deeper than max_example_depth.
std::optional<Json> data_to_json(NodeRef value, int depth = 0) {
  if (depth > max_example_depth) return std::nullopt;
  switch (value.kind()) {
    case NodeKind::null:
      return Json(nullptr);
    case NodeKind::boolean:
      return Json(value.as_bool());
    case NodeKind::integer:
    case NodeKind::number:
      return number_to_json(value);
    case NodeKind::string:
      return Json(std::string(value.text()));
    case NodeKind::sequence: {
      Json out = Json::array();
      for (auto item : value.members()) {
        auto converted = data_to_json(item.value, depth + 1);
        if (!converted) return std::nullopt;
        out.push_back(std::move(*converted));
      }
      return out;
    }
    case NodeKind::mapping: {
      Json out = Json::object();
      for (auto member : value.members()) {
        auto converted = data_to_json(member.value, depth + 1);
        if (!converted) return std::nullopt;
        out[std::string(member.key)] = std::move(*converted);
      }
      return out;
    }
  }
  return Json(nullptr);
}

// The member of a translated schema object naming its Schema Object in the contract (an index into the sources).
constexpr const char* source_key = "x-apictl-source";

bool is_type_name(std::string_view name) {
  return name == "string" || name == "number" || name == "integer" || name == "boolean" || name == "array" ||
         name == "object" || name == "null";
}

// ---- a valijson adapter over NodeRef: examples are validated where they lie, without a copy ----

// The integer a number node holds, if it holds one: JSON Schema counts 2.0 and 1e20 as integers. Values
// beyond int64 are clamped, which keeps their type right and their comparisons nearly so.
std::optional<std::int64_t> integer_of(NodeRef node) {
  if (node.is_integer()) {
    if (auto integer = node.as_integer()) return integer;
    std::string_view text = node.text();
    if (text.starts_with("0x") || text.starts_with("0o")) {
      std::int64_t value = 0;
      auto [end, error] =
          std::from_chars(text.data() + 2, text.data() + text.size(), value, text.starts_with("0x") ? 16 : 8);
      if (error == std::errc{} && end == text.data() + text.size()) return value;
    }
  }
  auto number = node.as_number();
  if (!number || !std::isfinite(*number) || std::trunc(*number) != *number) return std::nullopt;
  constexpr double limit = 9223372036854775807.0;
  if (*number >= limit) return std::numeric_limits<std::int64_t>::max();
  if (*number <= -limit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(*number);
}

std::optional<double> double_of(NodeRef node) {
  if (!node.is_number()) return std::nullopt;
  if (auto number = node.as_number()) return number;
  if (auto integer = integer_of(node)) return static_cast<double>(*integer);
  return special_float(node.text());
}

class NodeAdapter;
class NodeArrayIterator;
class NodeObjectIterator;
using NodeObjectMember = std::pair<std::string, NodeAdapter>;

class NodeArray {
 public:
  using const_iterator = NodeArrayIterator;
  using iterator = NodeArrayIterator;
  NodeArray() = default;
  explicit NodeArray(NodeRef node) : node_(node) {}
  NodeArrayIterator begin() const;
  NodeArrayIterator end() const;
  std::size_t size() const { return node_.size(); }

 private:
  NodeRef node_;
};

class NodeObject {
 public:
  using const_iterator = NodeObjectIterator;
  using iterator = NodeObjectIterator;
  NodeObject() = default;
  explicit NodeObject(NodeRef node) : node_(node) {}
  NodeObjectIterator begin() const;
  NodeObjectIterator end() const;
  NodeObjectIterator find(const std::string& key) const;
  std::size_t size() const { return node_.size(); }

 private:
  NodeRef node_;
};

class NodeFrozenValue : public valijson::adapters::FrozenValue {
 public:
  explicit NodeFrozenValue(NodeRef node) : node_(node) {}
  FrozenValue* clone() const override { return new NodeFrozenValue(node_); }
  bool equalTo(const valijson::adapters::Adapter& other, bool strict) const override;

 private:
  NodeRef node_;  // the document outlives every validation
};

class NodeValue {
 public:
  NodeValue() = default;
  explicit NodeValue(NodeRef node) : node_(node) {}

  valijson::adapters::FrozenValue* freeze() const { return new NodeFrozenValue(node_); }
  opt::optional<NodeArray> getArrayOptional() const {
    if (node_.is_sequence()) return NodeArray(node_);
    return {};
  }
  opt::optional<NodeObject> getObjectOptional() const {
    if (node_.is_mapping()) return NodeObject(node_);
    return {};
  }
  bool getArraySize(std::size_t& result) const {
    result = node_.size();
    return node_.is_sequence();
  }
  bool getObjectSize(std::size_t& result) const {
    result = node_.size();
    return node_.is_mapping();
  }
  bool getBool(bool& result) const {
    result = node_.as_bool();
    return node_.is_bool();
  }
  bool getString(std::string& result) const {
    if (!node_.is_string()) return false;
    result = std::string(node_.text());
    return true;
  }
  bool getInteger(std::int64_t& result) const {
    auto integer = integer_of(node_);
    if (integer) result = *integer;
    return integer.has_value();
  }
  bool getDouble(double& result) const {
    if (!isDouble()) return false;
    result = double_of(node_).value_or(0);
    return true;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return node_.is_sequence(); }
  bool isObject() const { return node_.is_mapping(); }
  bool isBool() const { return node_.is_bool(); }
  bool isNull() const { return node_.is_null(); }
  bool isString() const { return node_.is_string(); }
  bool isNumber() const { return node_.is_number(); }
  bool isInteger() const { return integer_of(node_).has_value(); }
  bool isDouble() const { return node_.is_number() && !isInteger(); }

 private:
  NodeRef node_;
};

class NodeAdapter
    : public valijson::adapters::BasicAdapter<NodeAdapter, NodeArray, NodeObjectMember, NodeObject, NodeValue> {
 public:
  NodeAdapter() = default;
  explicit NodeAdapter(NodeRef node) : BasicAdapter(NodeValue(node)) {}
};

class NodeArrayIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeAdapter;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeAdapter*;
  using reference = NodeAdapter&;

  NodeArrayIterator(NodeRef array, std::size_t index) : array_(array), index_(index) {}
  NodeAdapter operator*() const { return NodeAdapter(array_.at(index_)); }
  valijson::adapters::DerefProxy<NodeAdapter> operator->() const {
    return valijson::adapters::DerefProxy<NodeAdapter>(**this);
  }
  bool operator==(const NodeArrayIterator& other) const { return index_ == other.index_; }
  bool operator!=(const NodeArrayIterator& other) const { return index_ != other.index_; }
  const NodeArrayIterator& operator++() {
    ++index_;
    return *this;
  }
  NodeArrayIterator operator++(int) {
    NodeArrayIterator before = *this;
    ++index_;
    return before;
  }
  const NodeArrayIterator& operator--() {
    --index_;
    return *this;
  }
  void advance(std::ptrdiff_t n) { index_ += n; }

 private:
  NodeRef array_;
  std::size_t index_;
};

class NodeObjectIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeObjectMember;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeObjectMember*;
  using reference = NodeObjectMember&;

  NodeObjectIterator(NodeRef object, std::size_t index) : object_(object), index_(index) {}
  NodeObjectMember operator*() const {
    return NodeObjectMember(std::string(object_.entry(index_).key), NodeAdapter(object_.at(index_)));
  }
  valijson::adapters::DerefProxy<NodeObjectMember> operator->() const {
    return valijson::adapters::DerefProxy<NodeObjectMember>(**this);
  }
  bool operator==(const NodeObjectIterator& other) const { return index_ == other.index_; }
  bool operator!=(const NodeObjectIterator& other) const { return index_ != other.index_; }
  const NodeObjectIterator& operator++() {
    ++index_;
    return *this;
  }
  NodeObjectIterator operator++(int) {
    NodeObjectIterator before = *this;
    ++index_;
    return before;
  }
  const NodeObjectIterator& operator--() {
    --index_;
    return *this;
  }

 private:
  NodeRef object_;
  std::size_t index_;
};

bool NodeFrozenValue::equalTo(const valijson::adapters::Adapter& other, bool strict) const {
  return NodeAdapter(node_).equalTo(other, strict);
}
NodeArrayIterator NodeArray::begin() const { return {node_, 0}; }
NodeArrayIterator NodeArray::end() const { return {node_, node_.size()}; }
NodeObjectIterator NodeObject::begin() const { return {node_, 0}; }
NodeObjectIterator NodeObject::end() const { return {node_, node_.size()}; }
NodeObjectIterator NodeObject::find(const std::string& key) const {
  // Document::find_member hashes large mappings; the member's slot in its parent is the iterator position.
  NodeRef member = node_.get(key);
  if (!member) return end();
  return {node_, node_.document().node(member.id()).index_in_parent};
}

// ---- schemas: OpenAPI 3.0 / JSON Schema 2020-12 to draft 07 ----

struct NodeKey {
  const Document* document;
  NodeId id;
  bool operator==(const NodeKey&) const = default;
};
struct NodeKeyHash {
  std::size_t operator()(const NodeKey& key) const {
    return std::hash<const void*>()(key.document) ^ (std::size_t(key.id) * 0x9E3779B97F4A7C15ull);
  }
};

struct PairHash {
  std::size_t operator()(const std::pair<NodeKey, std::size_t>& key) const {
    return NodeKeyHash()(key.first) ^ (key.second * 0x85EBCA6Bu);
  }
};

// Patterns std::regex (ECMAScript) cannot compile — \p{L}, lookbehind, (?i) — are dropped rather than fail the
// whole schema; checking less never reports a valid example as invalid.
class PatternCheck {
 public:
  bool usable(const std::string& pattern) {
    auto [slot, inserted] = known_.try_emplace(pattern, true);
    if (inserted) {
      try {
        std::regex compiled(pattern);
      } catch (const std::regex_error&) {
        slot->second = false;
      }
    }
    return slot->second;
  }

 private:
  std::unordered_map<std::string, bool> known_;
};

class Translator {
 public:
  // With `sources`, each translated schema object names its Schema Object (source_key), so a failure can say
  // which schema of the contract holds the keyword; lint's messages do not need it and save the memory.
  enum class Sources { skip, record };
  Translator(Workspace& workspace, OasVersion version, Direction direction, PatternCheck& patterns,
             Sources sources = Sources::skip)
      : workspace_(workspace), version_(version), direction_(direction), patterns_(patterns), sources_mode_(sources) {}

  // Registers a schema to validate against; after finish(), root_name() finds it in the compiled schema.
  std::size_t add_root(NodeRef schema) { return definition_of(schema); }

  // {"properties": {"p000000000000": {"$ref": "#/definitions/s4"}, ...}, "definitions": {"s0": ..., "s1": ...}}:
  // every root and every $ref target is one definition, so valijson compiles what roots share once. Each
  // definition is also a property, so its compiled subschema can be found again (see compile()), and the
  // property names sort so valijson compiles $ref targets before the schemas that use them (see compile_order()).
  Json finish() {
    std::vector<Json> translated;
    for (std::size_t i = 0; i < queue_.size(); ++i) translated.push_back(translate(queue_[i], 0));  // queue_ grows
    std::vector<DefinitionShape> shapes(translated.size());
    for (std::size_t i = 0; i < translated.size(); ++i) shapes[i] = shape_of(translated[i]);
    break_left_recursion(shapes);
    std::vector<std::size_t> order = compile_order(shapes);
    property_of_.assign(translated.size(), {});
    Json properties = Json::object();
    for (std::size_t position = 0; position < order.size(); ++position) {
      std::string name = std::to_string(position);
      name = "p" + std::string(12 - std::min<std::size_t>(name.size(), 12), '0') + name;  // sorts as numbers do
      property_of_[order[position]] = name;
      properties[name] = reference_to(order[position]);
    }
    Json definitions = Json::object();
    for (std::size_t i = 0; i < translated.size(); ++i) definitions["s" + std::to_string(i)] = std::move(translated[i]);
    return Json{{"properties", std::move(properties)}, {"definitions", std::move(definitions)}};
  }

  const std::string& root_name(std::size_t root) const { return property_of_[root]; }

  // The contract's schema nodes, by the index each translated schema object carries under source_key.
  std::vector<NodeRef> take_sources() { return std::move(sources_); }

 private:
  // The definition index of a schema node, queueing it for translation the first time.
  std::size_t definition_of(NodeRef target) {
    auto [slot, inserted] = names_.try_emplace(NodeKey{&target.document(), target.id()}, queue_.size());
    if (inserted) queue_.push_back(target);
    return slot->second;
  }

  static Json reference_to(std::size_t definition) {
    return Json{{"$ref", "#/definitions/s" + std::to_string(definition)}};
  }

  Json reference(NodeRef ref) {
    auto target = workspace_.resolve(ref);
    // An unresolvable $ref is no-unresolved-refs' finding; here it constrains nothing.
    if (!target || target->is_bool()) return target ? Json(target->as_bool()) : Json(true);
    if (!target->is_mapping()) return true;
    return reference_to(definition_of(*target));
  }

  Json translate(NodeRef schema, int depth) {
    if (schema.is_bool()) return schema.as_bool();
    if (!schema.is_mapping() || depth > max_schema_depth) return true;
    // A subschema that is also a definition (a root nested in another, or a $ref target) is referenced, not
    // repeated, so every schema node is translated and compiled once.
    if (depth > 0) {
      if (auto named = names_.find(NodeKey{&schema.document(), schema.id()}); named != names_.end()) {
        return reference_to(named->second);
      }
    }
    if (NodeRef ref = schema["$ref"]) {
      Json target = reference(ref);
      // 3.0 ignores a Reference Object's siblings; from 3.1 on they apply alongside the target.
      if (version_ == OasVersion::v3_0) return target;
      Json siblings = keywords(schema, depth);
      if (siblings.empty()) return target;
      return Json{{"allOf", Json::array({std::move(target), std::move(siblings)})}};
    }
    return keywords(schema, depth);
  }

  Json translate_list(NodeRef list, int depth) {
    Json out = Json::array();
    for (auto item : list.members()) out.push_back(translate(item.value, depth + 1));
    return out;
  }

  Json translate_map(NodeRef map, int depth) {
    Json out = Json::object();
    for (auto member : map.members()) out[std::string(member.key)] = translate(member.value, depth + 1);
    return out;
  }

  // A required property the direction leaves out: readOnly ones in requests, writeOnly ones in responses. The
  // property may be defined beside `required` or in a schema combined with it through allOf.
  bool optional_here(NodeRef schema, std::string_view name) {
    if (direction_ == Direction::none) return false;
    NodeRef property = schema["properties"][name];
    if (!property) {
      SpecInfo spec;
      spec.version = version_;
      for (NodeRef part : composed_schemas(workspace_, spec, schema, Composition::all_of).schemas) {
        if ((property = part["properties"][name])) break;
      }
    }
    std::string_view flag = direction_ == Direction::request ? "readOnly" : "writeOnly";
    if (property[flag].as_bool()) return true;
    auto target = workspace_.deref(property);
    return target && (*target)[flag].as_bool();
  }

  Json keywords(NodeRef schema, int depth) {
    Json out = Json::object();
    bool tuple = version_ != OasVersion::v3_0 && schema["prefixItems"].is_sequence();
    for (auto [key, value] : schema.members()) {
      if (key == "type") {
        if (value.is_string() && is_type_name(value.text())) out["type"] = std::string(value.text());
        if (value.is_sequence()) {
          Json types = Json::array();
          for (auto item : value.members()) {
            if (item.value.is_string() && is_type_name(item.value.text()))
              types.push_back(std::string(item.value.text()));
          }
          if (types.size() == value.size()) out["type"] = std::move(types);
        }
      } else if (key == "properties" || key == "patternProperties") {
        if (!value.is_mapping()) continue;
        Json map = translate_map(value, depth);
        if (key == "patternProperties") {
          for (auto it = map.begin(); it != map.end();) it = patterns_.usable(it.key()) ? std::next(it) : map.erase(it);
        }
        out[std::string(key)] = std::move(map);
      } else if (key == "additionalProperties" || key == "additionalItems" || key == "not" || key == "if" ||
                 key == "then" || key == "else" || key == "contains" || key == "propertyNames") {
        if (value.is_mapping() || value.is_bool()) out[std::string(key)] = translate(value, depth + 1);
      } else if (key == "items") {
        if (tuple) {
          out["additionalItems"] = translate(value, depth + 1);
        } else if (value.is_sequence()) {
          out["items"] = translate_list(value, depth);
        } else if (value.is_mapping() || value.is_bool()) {
          out["items"] = translate(value, depth + 1);
        }
      } else if (key == "prefixItems") {
        if (tuple) out["items"] = translate_list(value, depth);
      } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
        if (!value.is_sequence() || value.size() == 0) continue;
        Json list = translate_list(value, depth);
        // With a discriminator the payload names its alternative, so matching several is no ambiguity.
        if (key == "oneOf" && schema["discriminator"]["propertyName"].is_string()) {
          out["allOf"].push_back(Json{{"anyOf", std::move(list)}});
        } else if (key == "allOf") {
          for (auto& item : list) out["allOf"].push_back(std::move(item));
        } else {
          out[std::string(key)] = std::move(list);
        }
      } else if (key == "required") {
        Json names = Json::array();
        for (auto item : value.members()) {
          if (item.value.is_string() && !optional_here(schema, item.value.text())) {
            names.push_back(std::string(item.value.text()));
          }
        }
        if (!names.empty()) out["required"] = std::move(names);
      } else if (key == "enum") {
        if (!value.is_sequence() || value.size() == 0) continue;
        if (auto values = data_to_json(value)) out["enum"] = std::move(*values);
      } else if (key == "const") {
        if (auto constant = data_to_json(value)) out["const"] = std::move(*constant);
      } else if (key == "minimum" || key == "maximum" || key == "multipleOf" || key == "exclusiveMinimum" ||
                 key == "exclusiveMaximum") {
        // valijson converts bounds between double and int64, so those beyond 2^53 (int64 and uint64 limits,
        // which mean "no limit") come out wrong, and a multipleOf of zero would divide by zero: skip them.
        auto number = value.as_number();
        bool usable = number && std::fabs(*number) < 9007199254740992.0 && !(key == "multipleOf" && *number <= 0);
        if (value.is_number() && usable) out[std::string(key)] = number_to_json(value);
      } else if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems" ||
                 key == "minProperties" || key == "maxProperties") {
        if (auto limit = value.as_integer(); limit && *limit >= 0) out[std::string(key)] = *limit;
      } else if (key == "pattern") {
        if (value.is_string() && patterns_.usable(std::string(value.text())))
          out["pattern"] = std::string(value.text());
      } else if (key == "uniqueItems") {
        if (value.is_bool()) out["uniqueItems"] = value.as_bool();
      } else if (key == "dependentRequired" || key == "dependentSchemas" || key == "dependencies") {
        for (auto member : value.members()) {
          Json& slot = out["dependencies"][std::string(member.key)];
          if (member.value.is_sequence()) {
            slot = Json::array();
            for (auto name : member.value.members()) {
              if (name.value.is_string()) slot.push_back(std::string(name.value.text()));
            }
          } else {
            slot = translate(member.value, depth + 1);
          }
        }
      }
      // Everything else is an annotation (description, example, readOnly, discriminator, xml, ...), a format
      // (not checked), or 2020-12 vocabulary draft 07 lacks (unevaluated*, $dynamicRef): checking less is safe.
    }
    // Where the keywords came from, so a failure can name the schema in the contract (valijson ignores the key).
    if (sources_mode_ == Sources::record && !out.empty()) {
      out[source_key] = sources_.size();
      sources_.push_back(schema);
    }
    if (version_ == OasVersion::v3_0) {
      // Draft 4 style booleans: exclusiveMinimum: true turns `minimum` exclusive.
      for (auto [flag, bound] : {std::pair{"exclusiveMinimum", "minimum"}, std::pair{"exclusiveMaximum", "maximum"}}) {
        NodeRef exclusive = schema[flag];
        if (!exclusive.is_bool()) continue;
        out.erase(flag);
        if (exclusive.as_bool() && out.contains(bound)) {
          out[flag] = out[bound];
          out.erase(bound);
        }
      }
      if (schema["nullable"].as_bool()) return allow_null(std::move(out));
    }
    return out;
  }

  // OpenAPI 3.0 `nullable: true`: null is valid in addition to whatever the schema allows.
  static Json allow_null(Json schema) {
    bool plain = schema.contains("type") && !schema.contains("allOf") && !schema.contains("anyOf") &&
                 !schema.contains("oneOf") && !schema.contains("not") && !schema.contains("const");
    if (!plain) return Json{{"if", {{"type", "null"}}}, {"else", std::move(schema)}};
    Json& type = schema["type"];
    if (type.is_string()) type = Json::array({type});
    if (std::find(type.begin(), type.end(), Json("null")) == type.end()) type.push_back("null");
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), Json(nullptr)) == schema["enum"].end()) {
      schema["enum"].push_back(nullptr);
    }
    return schema;
  }

  // A $ref inside a translated definition.
  struct RefEdge {
    Json* node;          // the {"$ref": "#/definitions/sN"} object; set to `true` to cut the edge
    std::size_t target;  // N
    bool same_level;     // reached through allOf/anyOf/oneOf/not/if/then/else: validates the same value
    int level_depth;     // how many of those it sits under inside the definition
    bool cut() const { return !node->is_object(); }
  };
  struct DefinitionShape {
    std::vector<RefEdge> edges;
    int nesting = 0;  // how deep subschemas nest inside the definition
  };

  static DefinitionShape shape_of(Json& definition) {
    DefinitionShape shape;
    struct Item {
      Json* node;
      bool same_level;
      int level_depth;
      int nesting;
    };
    std::vector<Item> pending{{&definition, true, 0, 0}};
    while (!pending.empty()) {
      Item item = pending.back();
      pending.pop_back();
      Json& node = *item.node;
      if (!node.is_object()) continue;
      shape.nesting = std::max(shape.nesting, item.nesting);
      if (auto ref = node.find("$ref"); ref != node.end()) {
        const std::string& text = ref->get_ref<const std::string&>();
        std::size_t target = 0;
        std::from_chars(text.data() + std::string_view("#/definitions/s").size(), text.data() + text.size(), target);
        shape.edges.push_back({&node, target, item.same_level, item.level_depth});
        continue;
      }
      auto push = [&](Json& sub, bool same_level) {
        pending.push_back(
            {&sub, item.same_level && same_level, item.level_depth + (same_level ? 1 : 0), item.nesting + 1});
      };
      for (const char* key : {"allOf", "anyOf", "oneOf"}) {
        if (auto list = node.find(key); list != node.end()) {
          for (auto& sub : *list) push(sub, true);
        }
      }
      for (const char* key : {"not", "if", "then", "else"}) {
        if (auto sub = node.find(key); sub != node.end()) push(*sub, true);
      }
      if (auto dependencies = node.find("dependencies"); dependencies != node.end()) {
        for (auto& sub : *dependencies) push(sub, true);
      }
      for (const char* key : {"properties", "patternProperties"}) {
        if (auto map = node.find(key); map != node.end()) {
          for (auto& sub : *map) push(sub, false);
        }
      }
      for (const char* key : {"additionalProperties", "additionalItems", "contains", "propertyNames", "items"}) {
        if (auto sub = node.find(key); sub == node.end()) {
          continue;
        } else if (sub->is_array()) {
          for (auto& item_schema : *sub) push(item_schema, false);
        } else {
          push(*sub, false);
        }
      }
    }
    return shape;
  }

  // Schemas that validate one value through more than this many allOf/anyOf/oneOf/not/if levels are cut there.
  static constexpr int max_same_level_depth = 64;

  // A definition that reaches itself without descending into the value (a: {allOf: [{$ref: a}]}, or a pure
  // $ref cycle) would send valijson into endless recursion, and a very long chain of them deep recursion:
  // such edges are cut (replaced by `true`, which accepts anything).
  static void break_left_recursion(std::vector<DefinitionShape>& shapes) {
    enum class State : std::uint8_t { fresh, open, done };
    std::vector<State> state(shapes.size(), State::fresh);
    std::vector<int> height(shapes.size(), 0);  // same-level depth below each definition
    for (std::size_t start = 0; start < shapes.size(); ++start) {
      if (state[start] != State::fresh) continue;
      std::vector<std::pair<std::size_t, std::size_t>> path{{start, 0}};
      state[start] = State::open;
      while (!path.empty()) {
        auto& [current, next] = path.back();
        auto& edges = shapes[current].edges;
        if (next < edges.size()) {
          RefEdge& edge = edges[next++];
          if (!edge.same_level || edge.cut()) continue;
          if (state[edge.target] == State::open) {
            *edge.node = true;
          } else if (state[edge.target] == State::fresh) {
            state[edge.target] = State::open;
            path.emplace_back(edge.target, 0);
          }
          continue;
        }
        for (RefEdge& edge : edges) {
          if (!edge.same_level || edge.cut()) continue;
          int through = edge.level_depth + 1 + height[edge.target];
          if (through > max_same_level_depth) {
            *edge.node = true;
          } else {
            height[current] = std::max(height[current], through);
          }
        }
        state[current] = State::done;
        path.pop_back();
      }
    }
  }

  // valijson compiles a $ref target when it first meets it, recursively. Compiling strongly connected groups
  // of definitions in reverse topological order (Tarjan's order) means it only ever recurses within one group;
  // a group nesting deeper than this in total has its inner edges cut, so no input can exhaust the stack.
  static constexpr int max_group_nesting = 600;

  static std::vector<std::size_t> compile_order(std::vector<DefinitionShape>& shapes) {
    const std::size_t none = SIZE_MAX;
    std::vector<std::size_t> index(shapes.size(), none), low(shapes.size(), 0), group_of(shapes.size(), none);
    std::vector<std::size_t> stack, order;
    std::vector<bool> on_stack(shapes.size(), false);
    std::size_t counter = 0;
    for (std::size_t start = 0; start < shapes.size(); ++start) {
      if (index[start] != none) continue;
      std::vector<std::pair<std::size_t, std::size_t>> path{{start, 0}};
      index[start] = low[start] = counter++;
      stack.push_back(start);
      on_stack[start] = true;
      while (!path.empty()) {
        auto [current, next] = path.back();
        auto& edges = shapes[current].edges;
        if (next < edges.size()) {
          ++path.back().second;
          const RefEdge& edge = edges[next];
          if (edge.cut()) continue;
          if (index[edge.target] == none) {
            index[edge.target] = low[edge.target] = counter++;
            stack.push_back(edge.target);
            on_stack[edge.target] = true;
            path.emplace_back(edge.target, 0);
          } else if (on_stack[edge.target]) {
            low[current] = std::min(low[current], index[edge.target]);
          }
          continue;
        }
        path.pop_back();
        if (!path.empty()) low[path.back().first] = std::min(low[path.back().first], low[current]);
        if (low[current] != index[current]) continue;
        // `current` roots a group: pop it, and cut its inner edges if it nests too deep in total.
        std::size_t first = order.size();
        int nesting = 0;
        for (std::size_t member = none; member != current;) {
          member = stack.back();
          stack.pop_back();
          on_stack[member] = false;
          group_of[member] = current;
          order.push_back(member);
          nesting += shapes[member].nesting + 1;
        }
        if (nesting <= max_group_nesting) continue;
        for (std::size_t i = first; i < order.size(); ++i) {
          for (RefEdge& edge : shapes[order[i]].edges) {
            if (!edge.cut() && group_of[edge.target] == current) *edge.node = true;
          }
        }
      }
    }
    return order;
  }

  Workspace& workspace_;
  OasVersion version_;
  Direction direction_;
  PatternCheck& patterns_;
  Sources sources_mode_;
  std::unordered_map<NodeKey, std::size_t, NodeKeyHash> names_;
  std::vector<NodeRef> queue_;
  std::vector<NodeRef> sources_;
  std::vector<std::string> property_of_;  // by definition index, filled by finish()
};

// ---- reading valijson's errors ----

bool starts_with(const std::string& text, std::string_view prefix) { return text.starts_with(prefix); }

// Errors valijson adds on the way back up, after the real one below them.
bool is_propagated(const std::string& description) {
  return starts_with(description, "Failed to validate against schema associated with") ||
         starts_with(description, "Failed to validate item #") ||
         starts_with(description, "Failed to validate against additional properties schema") ||
         starts_with(description, "Failed to validate against dependent schema") ||
         starts_with(description, "Failed to validate against a conditional schema") ||
         starts_with(description, "Failed to validate against child schema");
}

bool is_alternatives_summary(const std::string& description) {
  return starts_with(description, "Failed to validate against any schemas allowed by anyOf") ||
         starts_with(description, "Failed to validate against any child schemas allowed by oneOf");
}

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& path) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// "10.000000" -> "10", "0.500000" -> "0.5": valijson prints bounds with std::to_string.
std::string tidy_number(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.ends_with('0')) text.pop_back();
  if (text.ends_with('.')) text.pop_back();
  return text;
}

std::string preview(NodeRef value) {
  if (value.is_string()) {
    std::string text(value.text().substr(0, 40));
    return "'" + text + (value.text().size() > 40 ? "...'" : "'");
  }
  if (value.is_scalar()) return std::string(value.text());
  return std::string(kind_name(value.kind()));
}

std::string preview(const Json& value) {
  std::string text = value.dump();
  if (value.is_string()) text = "'" + value.get<std::string>() + "'";
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

// The schemas in the translated document that apply at `path` inside the instance, following $refs, allOf and
// the nullable wrapper; enough to name the expected type, enum or pattern behind an error.
void schemas_at(const Json& root, const Json& schema, const std::vector<NodeRef>& path, std::size_t at, int& budget,
                std::vector<const Json*>& out) {
  if (!schema.is_object() || --budget <= 0) return;
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    std::string name = ref->get<std::string>().substr(std::string_view("#/definitions/").size());
    if (auto target = root["definitions"].find(name); target != root["definitions"].end()) {
      schemas_at(root, *target, path, at, budget, out);
    }
    return;
  }
  if (auto all = schema.find("allOf"); all != schema.end()) {
    for (const auto& item : *all) schemas_at(root, item, path, at, budget, out);
  }
  std::size_t before_else = out.size();
  if (auto otherwise = schema.find("else"); otherwise != schema.end()) {
    schemas_at(root, *otherwise, path, at, budget, out);
  }
  if (at == path.size()) {
    // The nullable wrapper (allow_null) admits null beside the types its `else` names; where that names none,
    // it constrains no type at all.
    static const Json null_type = {{"type", "null"}};
    bool typed_else =
        std::any_of(out.begin() + before_else, out.end(), [](const Json* found) { return found->contains("type"); });
    out.push_back(&schema);
    if (auto condition = schema.find("if"); condition != schema.end() && *condition == null_type && typed_else) {
      out.push_back(&null_type);
    }
    return;
  }
  NodeRef step = path[at];
  if (step.parent().is_mapping()) {
    std::string key(step.key());
    if (auto properties = schema.find("properties"); properties != schema.end() && properties->contains(key)) {
      schemas_at(root, (*properties)[key], path, at + 1, budget, out);
    } else if (auto extra = schema.find("additionalProperties"); extra != schema.end()) {
      schemas_at(root, *extra, path, at + 1, budget, out);
    }
  } else if (auto items = schema.find("items"); items != schema.end()) {
    std::size_t index = 0;
    for (NodeRef up = step.parent(); index < up.size() && !(up.at(index) == step); ++index) {
    }
    if (items->is_array()) {
      if (index < items->size()) {
        schemas_at(root, (*items)[index], path, at + 1, budget, out);
      } else if (auto extra = schema.find("additionalItems"); extra != schema.end()) {
        schemas_at(root, *extra, path, at + 1, budget, out);
      }
    } else {
      schemas_at(root, *items, path, at + 1, budget, out);
    }
  }
}

std::string join_alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// The keyword behind one of valijson's error descriptions, as the translated schema spells it; "" when unknown.
std::string_view keyword_of(const std::string& text) {
  static const std::pair<std::string_view, std::string_view> prefixes[] = {
      {"Value type not permitted", "type"},
      {"Missing required property '", "required"},
      {"Object contains a property that could not be validated", "additionalProperties"},
      {"Failed to match against any enum values", "enum"},
      {"Failed to match expected value set by 'const'", "const"},
      {"Failed to match regex", "pattern"},
      {"Expected number less than or equal to ", "maximum"},
      {"Expected number less than ", "exclusiveMaximum"},
      {"Expected number greater than or equal to ", "minimum"},
      {"Expected number greater than ", "exclusiveMinimum"},
      {"Value should be a multiple of ", "multipleOf"},
      {"String should be no more than ", "maxLength"},
      {"String should be no fewer than ", "minLength"},
      {"Array should contain no more than ", "maxItems"},
      {"Array should contain no fewer than ", "minItems"},
      {"Object should have no more than ", "maxProperties"},
      {"Object should have no fewer than ", "minProperties"},
      {"Elements at indexes #", "uniqueItems"},
      {"Failed to validate against exactly one child schema", "oneOf"},
      {"Target should not validate against schema specified in 'not'", "not"},
      {"Missing dependency '", "dependencies"},
      {"Failed to any values against subschema in 'contains'", "contains"},
      {"Array contains more items than allowed", "items"},
      {"Cannot validate item #", "items"},
  };
  for (const auto& [prefix, keyword] : prefixes) {
    if (text.starts_with(prefix)) return keyword;
  }
  return {};
}

// Whether a translated `type` value admits a value of kind `found` (an integer is a number too).
bool type_admits(const Json& type, std::string_view found) {
  for (const auto& name : type.is_array() ? type : Json::array({type})) {
    if (!name.is_string()) continue;
    const std::string& text = name.get_ref<const std::string&>();
    if (text == found || (text == "number" && found == "integer")) return true;
  }
  return false;
}

class ErrorReader {
 public:
  ErrorReader(const Json& document, std::size_t root, NodeRef example, const std::vector<NodeRef>* sources = nullptr)
      : document_(document),
        root_(document["definitions"]["s" + std::to_string(root)]),
        example_(example),
        sources_(sources) {}

  ExampleViolation read(const valijson::ValidationResults& results) {
    std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    const auto* first = &errors.front();
    for (const auto& error : errors) {
      if (!is_propagated(error.description) && !is_alternatives_summary(error.description)) {
        first = &error;
        break;
      }
    }
    if (const auto* alternatives = alternatives_around(errors, static_cast<std::size_t>(first - errors.data()))) {
      return explain_alternatives(*alternatives);
    }
    return explain(*first);
  }

  // Up to `limit` distinct violations, each error that is not a consequence of another, in valijson's order.
  std::vector<ExampleViolation> read_all(const valijson::ValidationResults& results, std::size_t limit) {
    std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    std::vector<ExampleViolation> out;
    std::vector<const valijson::ValidationResults::Error*> reported_alternatives;
    auto add = [&](ExampleViolation violation) {
      bool repeated = std::ranges::any_of(out, [&](const ExampleViolation& earlier) {
        return earlier.pointer == violation.pointer && earlier.problem == violation.problem;
      });
      if (!repeated) out.push_back(std::move(violation));
    };
    for (std::size_t i = 0; i < errors.size() && out.size() < limit; ++i) {
      const std::string& description = errors[i].description;
      if (is_propagated(description) || is_alternatives_summary(description)) continue;
      if (const auto* alternatives = alternatives_around(errors, i)) {
        if (std::ranges::find(reported_alternatives, alternatives) != reported_alternatives.end()) continue;
        reported_alternatives.push_back(alternatives);
        add(explain_alternatives(*alternatives));
      } else {
        add(explain(errors[i]));
      }
    }
    if (out.empty() && !errors.empty()) out.push_back(read(results));
    return out;
  }

 private:
  // An error inside one branch of a failed anyOf/oneOf misleads ("property 'bark' is not allowed" when the
  // payload was meant to be the other branch): the outermost failed alternatives around errors[index], if any.
  static const valijson::ValidationResults::Error* alternatives_around(
      const std::vector<valijson::ValidationResults::Error>& errors, std::size_t index) {
    const valijson::ValidationResults::Error* alternatives = nullptr;
    for (std::size_t i = index; i < errors.size(); ++i) {
      const auto& candidate = errors[i];
      if (!is_alternatives_summary(candidate.description) || !is_prefix(candidate.context, errors[index].context)) {
        continue;
      }
      if (!alternatives || candidate.context.size() <= alternatives->context.size()) alternatives = &candidate;
    }
    return alternatives;
  }

  ExampleViolation explain_alternatives(const valijson::ValidationResults::Error& alternatives) {
    const char* keyword = alternatives.description.find("oneOf") != std::string::npos ? "oneOf" : "anyOf";
    ExampleViolation violation = at(alternatives.context, std::string("matches none of the '") + keyword + "' schemas");
    locate(violation, keyword, "");
    return violation;
  }

  // Names the contract's schema that holds the failed keyword: among the translated schemas applying where the
  // value is, the first with that keyword (for `type` one that does not admit the value, for `required` one that
  // lists the property), else the outermost one that came from the contract.
  void locate(ExampleViolation& violation, std::string_view keyword, std::string_view property) {
    violation.keyword = std::string(keyword);
    if (!sources_) return;
    std::string found_kind(kind_name(violation.value.kind()));
    const Json* chosen = nullptr;
    const Json* outermost = nullptr;
    for (const Json* schema : schemas_here()) {
      auto source = schema->find(source_key);
      if (source == schema->end()) continue;
      outermost = schema;
      if (chosen || keyword.empty()) continue;
      auto value = schema->find(std::string(keyword));
      if (value == schema->end()) continue;
      if (keyword == "type" && type_admits(*value, found_kind)) continue;
      if (keyword == "required" && std::ranges::find(*value, Json(std::string(property))) == value->end()) continue;
      chosen = schema;
    }
    if (!chosen) chosen = outermost;
    if (!chosen) return;
    std::size_t index = (*chosen)[source_key].get<std::size_t>();
    if (index >= sources_->size()) return;
    violation.schema = (*sources_)[index];
    // The contract may spell the keyword otherwise than draft 07 (dependentRequired, prefixItems).
    if (keyword == "dependencies" && !violation.schema["dependencies"]) {
      violation.keyword = violation.schema["dependentRequired"] ? "dependentRequired" : "dependentSchemas";
    } else if (keyword == "items" && violation.schema["prefixItems"]) {
      violation.keyword = "prefixItems";
    }
  }

  ExampleViolation at(const std::vector<std::string>& context, std::string problem) {
    ExampleViolation violation;
    violation.problem = std::move(problem);
    violation.value = example_;
    path_.clear();
    // context: "<root>", then "[name]" for a property or "[3]" for an item; the example tells which.
    for (std::size_t i = 1; i < context.size(); ++i) {
      std::string token = context[i].substr(1, context[i].size() - 2);
      NodeRef next;
      if (violation.value.is_mapping()) {
        next = violation.value.get(token);
        violation.subject = "property '" + token + "'";
      } else if (violation.value.is_sequence()) {
        std::size_t index = 0;
        std::from_chars(token.data(), token.data() + token.size(), index);
        next = violation.value.at(index);
        violation.subject = "item " + token;
      }
      if (!next) break;
      violation.pointer += "/" + escape_pointer_token(token);
      violation.value = next;
      path_.push_back(next);
    }
    return violation;
  }

  std::vector<const Json*> schemas_here() {
    std::vector<const Json*> found;
    int budget = 4096;  // schemas visited at most: allOf fan-out must not make a message expensive
    schemas_at(document_, root_, path_, 0, budget, found);
    return found;
  }

  ExampleViolation explain(const valijson::ValidationResults::Error& error) {
    const std::string& text = error.description;
    ExampleViolation violation = at(error.context, "");
    std::string found = std::string(kind_name(violation.value.kind()));
    auto number_after = [&](std::string_view prefix) { return tidy_number(text.substr(prefix.size())); };
    auto count_in = [&](std::string_view prefix) {
      std::string rest = text.substr(prefix.size());
      return rest.substr(0, rest.find(' '));
    };
    std::string& problem = violation.problem;
    if (starts_with(text, "Value type not permitted")) {
      std::vector<std::string> types;
      for (const Json* schema : schemas_here()) {
        auto type = schema->find("type");
        if (type == schema->end()) continue;
        for (const auto& name : type->is_array() ? *type : Json::array({*type})) {
          if (std::find(types.begin(), types.end(), name.get<std::string>()) == types.end()) {
            types.push_back(name.get<std::string>());
          }
        }
      }
      problem = types.empty() ? "has type " + found + ", which the schema does not allow"
                              : "must be " + join_alternatives(types) + ", found " + found;
    } else if (starts_with(text, "Missing required property '")) {
      problem = "is missing required property " + text.substr(text.find('\''), text.size() - text.find('\'') - 1);
    } else if (starts_with(text, "Object contains a property that could not be validated")) {
      std::string name = text.substr(text.find(": '") + 3);
      name = name.substr(0, name.size() - 2);
      NodeRef property = violation.value.get(name);
      violation.subject = "property '" + name + "'";
      violation.pointer += "/" + escape_pointer_token(name);
      if (property) violation.value = property;
      problem = "is not allowed: the schema has no such property and forbids additional ones";
    } else if (starts_with(text, "Failed to match against any enum values")) {
      std::string values;
      for (const Json* schema : schemas_here()) {
        auto list = schema->find("enum");
        if (list == schema->end() || !values.empty()) continue;
        for (std::size_t i = 0; i < list->size() && i < 6; ++i) {
          values += (i ? ", " : "") + (i == 5 ? std::string("...") : preview((*list)[i]));
        }
      }
      problem = values.empty() ? "is not one of the enum values, found " + preview(violation.value)
                               : "must be one of " + values + "; found " + preview(violation.value);
    } else if (starts_with(text, "Failed to match expected value set by 'const'")) {
      problem = "must equal the schema's 'const' value, found " + preview(violation.value);
    } else if (starts_with(text, "Failed to match regex")) {
      std::string pattern;
      for (const Json* schema : schemas_here()) {
        if (auto found_pattern = schema->find("pattern"); found_pattern != schema->end()) {
          pattern = found_pattern->get<std::string>();
        }
      }
      problem = "does not match the pattern" + (pattern.empty() ? std::string() : " '" + pattern + "'") + ", found " +
                preview(violation.value);
    } else if (starts_with(text, "Expected number less than or equal to ")) {
      problem = "must be at most " + number_after("Expected number less than or equal to ") + ", found " +
                preview(violation.value);
    } else if (starts_with(text, "Expected number less than ")) {
      problem =
          "must be less than " + number_after("Expected number less than ") + ", found " + preview(violation.value);
    } else if (starts_with(text, "Expected number greater than or equal to ")) {
      problem = "must be at least " + number_after("Expected number greater than or equal to ") + ", found " +
                preview(violation.value);
    } else if (starts_with(text, "Expected number greater than ")) {
      problem = "must be greater than " + number_after("Expected number greater than ") + ", found " +
                preview(violation.value);
    } else if (starts_with(text, "Value should be a multiple of ")) {
      problem = "must be a multiple of " + number_after("Value should be a multiple of ") + ", found " +
                preview(violation.value);
    } else if (starts_with(text, "String should be no more than ")) {
      problem = "must be at most " + count_in("String should be no more than ") + " characters long";
    } else if (starts_with(text, "String should be no fewer than ")) {
      problem = "must be at least " + count_in("String should be no fewer than ") + " characters long";
    } else if (starts_with(text, "Array should contain no more than ")) {
      problem = "must have at most " + count_in("Array should contain no more than ") + " items, found " +
                std::to_string(violation.value.size());
    } else if (starts_with(text, "Array should contain no fewer than ")) {
      problem = "must have at least " + count_in("Array should contain no fewer than ") + " items, found " +
                std::to_string(violation.value.size());
    } else if (starts_with(text, "Object should have no more than ")) {
      problem = "must have at most " + count_in("Object should have no more than ") + " properties";
    } else if (starts_with(text, "Object should have no fewer than ")) {
      problem = "must have at least " + count_in("Object should have no fewer than ") + " properties";
    } else if (starts_with(text, "Elements at indexes #")) {
      // "Elements at indexes #1 and #3 violate uniqueness constraint."
      std::string first_index = count_in("Elements at indexes #");
      std::string second = text.substr(text.find(" and #") + 6);
      problem = "must not repeat items, but items " + first_index + " and " + second.substr(0, second.find(' ')) +
                " are equal";
    } else if (starts_with(text, "Failed to validate against exactly one child schema")) {
      problem = "matches more than one of the 'oneOf' schemas";
    } else if (starts_with(text, "Target should not validate against schema specified in 'not'")) {
      problem = "must not match the schema under 'not'";
    } else if (starts_with(text, "Missing dependency '")) {
      problem = "needs property " + text.substr(text.find('\''), text.size() - text.find('\'') - 1) +
                " as well (dependentRequired)";
    } else if (starts_with(text, "Failed to any values against subschema in 'contains'")) {
      problem = "has no item matching the schema under 'contains'";
    } else if (starts_with(text, "Array contains more items than allowed") ||
               starts_with(text, "Cannot validate item #")) {
      problem = "has more items than the schema allows";
    } else {
      problem = text;
      if (problem.ends_with('.')) problem.pop_back();
      if (!problem.empty())
        problem.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(problem.front())));
    }
    std::string missing;
    if (starts_with(text, "Missing required property '")) {
      missing = text.substr(text.find('\'') + 1);
      missing = missing.substr(0, missing.rfind('\''));
    }
    locate(violation, keyword_of(text), missing);
    return violation;
  }

  const Json& document_;
  const Json& root_;
  NodeRef example_;
  const std::vector<NodeRef>* sources_;  // the contract's schema nodes, by source_key; may be null
  std::vector<NodeRef> path_;
};

// A valijson schema compiled from a Translator's document, with the subschema of each root.
struct Compiled {
  Json document;
  valijson::Schema schema;
  std::unordered_map<std::string, const valijson::Subschema*> roots;
  std::vector<NodeRef> sources;  // the contract's schema nodes, by the translated schemas' source_key
};

// Errors: valijson refuses the document (throws).
Result<std::unique_ptr<Compiled>> compile(Json document, std::vector<NodeRef> sources, NodeRef blame) {
  auto compiled = std::make_unique<Compiled>();
  compiled->document = std::move(document);
  compiled->sources = std::move(sources);
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(compiled->document);
    parser.populateSchema(adapter, compiled->schema);
  } catch (const std::exception& error) {
    return fail("schema-not-compiled", std::string("the schema cannot be compiled for validation: ") + error.what(),
                blame.position(), "check the schema's keywords against the JSON Schema specification");
  }
  valijson::Subschema::ApplyFunction collect = [&](const valijson::constraints::Constraint& constraint) {
    if (const auto* properties = dynamic_cast<const valijson::constraints::PropertiesConstraint*>(&constraint)) {
      properties->applyToProperties([&](const auto& name, const valijson::Subschema* subschema) {
        compiled->roots.emplace(std::string(name.c_str()), subschema);
        return true;
      });
    }
    return true;
  };
  compiled->schema.apply(collect);
  return compiled;
}

// True when `schema` is only a $ref: then it is checked as its target, which many refs share.
bool is_plain_reference(NodeRef schema, OasVersion version) {
  if (!schema.is_mapping() || !schema["$ref"].is_string()) return false;
  if (version == OasVersion::v3_0) return true;  // siblings of $ref are ignored in 3.0
  for (auto member : schema.members()) {
    std::string_view key = member.key;
    if (key != "$ref" && key != "description" && key != "summary" && key != "title" && key != "$comment" &&
        key != "example" && key != "examples" && key != "default" && key != "deprecated" && !key.starts_with("x-")) {
      return false;
    }
  }
  return true;
}

NodeRef checked_schema(Workspace& workspace, NodeRef schema, OasVersion version) {
  for (int hops = 0; hops < 32 && is_plain_reference(schema, version); ++hops) {
    auto target = workspace.resolve(schema["$ref"]);
    if (!target) break;
    schema = *target;
  }
  return schema;
}

// Iterative, so the check itself cannot be what overflows the stack.
bool nesting_exceeds(NodeRef value, int limit) {
  std::vector<std::pair<NodeRef, int>> pending{{value, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (depth > limit) return true;
    if (node.is_mapping() || node.is_sequence()) {
      for (auto member : node.members()) {
        if (member.value.is_mapping() || member.value.is_sequence()) pending.emplace_back(member.value, depth + 1);
      }
    }
  }
  return false;
}

// Validates `example` against definition `root` of a compiled Translator document, whose property is `name`.
ExampleOutcome check_one(valijson::Validator& validator, const Compiled& compiled, std::size_t root,
                         const std::string& name, NodeRef example) {
  if (nesting_exceeds(example, max_example_depth)) {
    return fail("example-too-deep", "the example nests deeper than " + std::to_string(max_example_depth) + " levels",
                example.position(), "it is not checked against its schema");
  }
  valijson::ValidationResults results;
  try {
    NodeAdapter adapter(example);
    const valijson::Subschema& schema = *compiled.roots.at(name);
    // Most examples conform: the first pass stops at the first failure and builds no messages.
    if (validator.validate(schema, adapter, nullptr)) return std::nullopt;
    validator.validate(schema, adapter, &results);
  } catch (const std::exception& error) {
    return fail("example-not-checked", std::string("the example could not be checked: ") + error.what(),
                example.position());
  }
  if (results.numErrors() == 0) return std::nullopt;
  return ErrorReader(compiled.document, root, example, &compiled.sources).read(results);
}

}  // namespace

std::vector<ExampleValue> example_values(Workspace& workspace, NodeRef holder) {
  std::vector<ExampleValue> out;
  if (NodeRef example = holder["example"]) out.push_back({"example", example});
  for (auto [name, entry] : holder["examples"].members()) {
    auto example = workspace.deref(entry);
    if (!example) continue;
    if (NodeRef value = (*example)["value"]) out.push_back({"examples." + std::string(name), value});
  }
  return out;
}

std::string ExampleViolation::message(std::string_view what) const {
  if (pointer.empty()) return std::string(what) + " " + problem;
  return std::string(what) + ": " + subject + " " + problem + " at " + pointer;
}

std::vector<ExampleOutcome> validate_examples(Workspace& workspace, const SpecInfo& spec,
                                              std::span<const ExampleCheck> checks) {
  std::vector<ExampleOutcome> outcomes(checks.size(), std::optional<ExampleViolation>());
  PatternCheck patterns;
  valijson::Validator validator;  // one instance, so compiled `pattern` regexes are shared between examples
  for (Direction direction : {Direction::none, Direction::request, Direction::response}) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < checks.size(); ++i) {
      if (checks[i].direction == direction) members.push_back(i);
    }
    if (members.empty()) continue;
    Translator translator(workspace, spec.version, direction, patterns);
    std::vector<std::size_t> roots;
    std::vector<NodeRef> schemas;
    for (std::size_t i : members) {
      schemas.push_back(checked_schema(workspace, checks[i].schema, spec.version));
      roots.push_back(translator.add_root(schemas.back()));
    }
    Json translated = translator.finish();
    auto together = compile(std::move(translated), translator.take_sources(), schemas.front());
    if (together) {
      // Shared examples (components/examples) often meet the same schema many times: check each pair once.
      std::unordered_map<std::pair<NodeKey, std::size_t>, std::size_t, PairHash> done;
      for (std::size_t k = 0; k < members.size(); ++k) {
        NodeRef example = checks[members[k]].example;
        auto [first, inserted] = done.try_emplace({NodeKey{&example.document(), example.id()}, roots[k]}, members[k]);
        outcomes[members[k]] = inserted
                                   ? check_one(validator, **together, roots[k], translator.root_name(roots[k]), example)
                                   : outcomes[first->second];
      }
      continue;
    }
    // One schema valijson refuses must not stop the others: compile each on its own, once.
    std::unordered_map<NodeKey, std::pair<Result<std::unique_ptr<Compiled>>, std::string>, NodeKeyHash> alone;
    for (std::size_t k = 0; k < members.size(); ++k) {
      NodeKey key{&schemas[k].document(), schemas[k].id()};
      auto found = alone.find(key);
      if (found == alone.end()) {
        Translator single(workspace, spec.version, direction, patterns);
        std::size_t root = single.add_root(schemas[k]);
        Json alone_translated = single.finish();
        auto compiled = compile(std::move(alone_translated), single.take_sources(), schemas[k]);
        found = alone.emplace(key, std::pair(std::move(compiled), single.root_name(root))).first;
      }
      const auto& [compiled, name] = found->second;
      if (!compiled) {
        outcomes[members[k]] = std::unexpected(compiled.error());
      } else {
        outcomes[members[k]] = check_one(validator, **compiled, 0, name, checks[members[k]].example);
      }
    }
  }
  return outcomes;
}

struct SchemaValidator::State {
  struct Entry {
    Result<std::unique_ptr<Compiled>> compiled;
    std::string name;  // the root's property in the compiled document
  };
  struct KeyHash {
    std::size_t operator()(const std::pair<NodeKey, Direction>& key) const {
      return NodeKeyHash()(key.first) ^ (static_cast<std::size_t>(key.second) * 0x85EBCA6Bu);
    }
  };

  State(Workspace& workspace_in, OasVersion version_in) : workspace(workspace_in), version(version_in) {}

  Workspace& workspace;
  OasVersion version;
  std::mutex mutex;  // guards patterns and entries; compiled entries are read-only once made
  PatternCheck patterns;
  std::unordered_map<std::pair<NodeKey, Direction>, std::unique_ptr<Entry>, KeyHash> entries;

  // The compiled form of `schema` read in `direction`, made on first use (under the lock, so once).
  const Entry& entry(NodeRef schema, Direction direction) {
    std::lock_guard lock(mutex);
    auto [slot, inserted] = entries.try_emplace({NodeKey{&schema.document(), schema.id()}, direction});
    if (inserted) {
      Translator translator(workspace, version, direction, patterns, Translator::Sources::record);
      std::size_t root = translator.add_root(schema);
      Json translated = translator.finish();
      auto compiled = compile(std::move(translated), translator.take_sources(), schema);
      slot->second = std::make_unique<Entry>(Entry{std::move(compiled), translator.root_name(root)});
    }
    return *slot->second;
  }
};

SchemaValidator::SchemaValidator(Workspace& workspace, const SpecInfo& spec)
    : state_(std::make_unique<State>(workspace, spec.version)) {}

SchemaValidator::~SchemaValidator() = default;

Result<std::vector<ExampleViolation>> SchemaValidator::check(NodeRef schema, Direction direction, NodeRef value,
                                                             std::size_t limit) {
  std::vector<ExampleViolation> out;
  schema = checked_schema(state_->workspace, schema, state_->version);
  if (!schema.is_mapping()) {
    // `true`, `{}` written as a non-mapping, or `false`: only `false` rejects anything.
    if (schema.is_bool() && !schema.as_bool()) {
      ExampleViolation violation;
      violation.problem = "is not allowed: the schema is 'false'";
      violation.value = value;
      violation.schema = schema;
      out.push_back(std::move(violation));
    }
    return out;
  }
  const State::Entry& entry = state_->entry(schema, direction);
  if (!entry.compiled) return std::unexpected(entry.compiled.error());
  const Compiled& compiled = **entry.compiled;
  if (nesting_exceeds(value, max_example_depth)) {
    return fail("value-too-deep", "the value nests deeper than " + std::to_string(max_example_depth) + " levels",
                value.position(), "it is not checked against its schema");
  }
  // One validator per thread: it caches compiled `pattern` regexes, and its validate() is not safe to share.
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  try {
    NodeAdapter adapter(value);
    const valijson::Subschema& root = *compiled.roots.at(entry.name);
    if (validator.validate(root, adapter, nullptr)) return out;
    validator.validate(root, adapter, &results);
  } catch (const std::exception& error) {
    return fail("value-not-checked", std::string("the value could not be checked: ") + error.what(), value.position());
  }
  if (results.numErrors() == 0) return out;
  return ErrorReader(compiled.document, 0, value, &compiled.sources).read_all(results, std::max<std::size_t>(limit, 1));
}

}  // namespace apictl::contract
