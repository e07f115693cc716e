// The contract walker: an explicit work stack over OpenAPI objects and schemas, with a visited set.
#include "contract/schemas.hpp"

#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace apictl::contract {

namespace {

enum class Kind {
  path_item,
  operation,
  callback,
  parameter,
  header,
  request_body,
  response,
  media_type,
  encoding,
  example,
  schema
};

struct Work {
  NodeRef node;
  Kind kind;
  Direction direction;
};

// How a schema keyword holds subschemas.
enum class SchemaKey { none, single, map, list, ref };

// A switch on the first letter instead of a table scan: the walk looks at every key of every schema.
SchemaKey schema_key(std::string_view key) {
  if (key.empty()) return SchemaKey::none;
  auto is = [&](std::string_view name) { return key == name; };
  switch (key.front()) {
    case '$':
      if (is("$ref")) return SchemaKey::ref;
      return is("$defs") ? SchemaKey::map : SchemaKey::none;
    case 'a':
      if (is("allOf") || is("anyOf")) return SchemaKey::list;
      return is("additionalProperties") || is("additionalItems") ? SchemaKey::single : SchemaKey::none;
    case 'c':
      return is("contains") || is("contentSchema") ? SchemaKey::single : SchemaKey::none;
    case 'd':
      return is("definitions") || is("dependentSchemas") || is("dependencies") ? SchemaKey::map : SchemaKey::none;
    case 'e':
      return is("else") ? SchemaKey::single : SchemaKey::none;
    case 'i':
      return is("items") || is("if") ? SchemaKey::single : SchemaKey::none;
    case 'n':
      return is("not") ? SchemaKey::single : SchemaKey::none;
    case 'o':
      return is("oneOf") ? SchemaKey::list : SchemaKey::none;
    case 'p':
      if (is("properties") || is("patternProperties")) return SchemaKey::map;
      if (is("prefixItems")) return SchemaKey::list;
      return is("propertyNames") ? SchemaKey::single : SchemaKey::none;
    case 't':
      return is("then") ? SchemaKey::single : SchemaKey::none;
    case 'u':
      return is("unevaluatedItems") || is("unevaluatedProperties") ? SchemaKey::single : SchemaKey::none;
    default:
      return SchemaKey::none;
  }
}

bool is_extension(std::string_view key) { return key.starts_with("x-"); }

class Walker {
 public:
  Walker(Workspace& workspace, const SpecInfo& spec, const ContractVisitor& visitor)
      : workspace_(workspace), spec_(spec), visitor_(visitor) {}

  void run() {
    NodeRef root = workspace_.root().root();
    NodeRef components = root["components"];
    // Pushed in reverse, so paths come out first and the walk follows document order where it can.
    push_map(components["mediaTypes"], Kind::media_type, Direction::none);
    push_map(components["pathItems"], Kind::path_item, Direction::none);
    push_map(components["callbacks"], Kind::callback, Direction::none);
    push_map(components["examples"], Kind::example, Direction::none);
    push_map(components["headers"], Kind::header, Direction::response);
    push_map(components["requestBodies"], Kind::request_body, Direction::request);
    push_map(components["parameters"], Kind::parameter, Direction::request);
    push_map(components["responses"], Kind::response, Direction::response);
    push_map(components["schemas"], Kind::schema, Direction::none);
    push_map(root["webhooks"], Kind::path_item, Direction::none);
    push_map(root["paths"], Kind::path_item, Direction::none, true);
    while (!stack_.empty()) {
      Work work = stack_.back();
      stack_.pop_back();
      visit(work);
    }
  }

 private:
  void push(NodeRef node, Kind kind, Direction direction) {
    // Parameters, media types and examples never sit inside schemas: without a schema visitor, skip them all.
    if (!node || (kind == Kind::schema && !visitor_.schema)) return;
    stack_.push_back({node, kind, direction});
  }

  // Members of a map of named objects; extensions are skipped where the OpenAPI object allows them.
  void push_map(NodeRef map, Kind kind, Direction direction, bool skip_extensions = false) {
    if (!map.is_mapping()) return;
    for (std::size_t i = map.size(); i-- > 0;) {
      if (skip_extensions && is_extension(map.entry(i).key)) continue;
      push(map.at(i), kind, direction);
    }
  }

  void push_list(NodeRef list, Kind kind, Direction direction) {
    if (!list.is_sequence()) return;
    for (std::size_t i = list.size(); i-- > 0;) push(list.at(i), kind, direction);
  }

  // One bit per node and document: cheaper than hashing, and documents are walked densely.
  bool first_visit(NodeRef node) {
    if (&node.document() != last_document_) {
      last_document_ = &node.document();
      last_seen_ = &visited_[last_document_];
      if (last_seen_->empty()) last_seen_->resize(last_document_->node_count());
    }
    auto& seen = *last_seen_;
    if (seen[node.id()]) return false;
    seen[node.id()] = true;
    return true;
  }

  void visit(const Work& work) {
    if (work.kind == Kind::schema) {
      visit_schema(work.node);
      return;
    }
    NodeRef node = work.node;
    if (!node.is_mapping() || !first_visit(node)) return;
    if (NodeRef ref = node["$ref"]) {
      // A Path Item's $ref is a field beside others; everywhere else the Reference Object stands for its target.
      auto target = workspace_.resolve(ref);
      if (target) push(*target, work.kind, work.direction);
      if (work.kind != Kind::path_item) return;
    }
    switch (work.kind) {
      case Kind::path_item:
        visit_path_item(node);
        break;
      case Kind::operation:
        if (visitor_.operation) visitor_.operation(node);
        visit_operation(node);
        break;
      case Kind::callback:
        push_map(node, Kind::path_item, Direction::none, true);
        break;
      case Kind::parameter:
        if (visitor_.parameter) visitor_.parameter(node);
        visit_schema_holder(node, Direction::request);
        break;
      case Kind::header:
        if (visitor_.header) visitor_.header(node);
        visit_schema_holder(node, work.direction);
        break;
      case Kind::request_body:
        push_map(node["content"], Kind::media_type, Direction::request);
        break;
      case Kind::response:
        push_map(node["content"], Kind::media_type, Direction::response);
        push_map(node["headers"], Kind::header, Direction::response);
        break;
      case Kind::media_type:
        visit_media_type(node, work.direction);
        break;
      case Kind::encoding:
        push_map(node["headers"], Kind::header, Direction::request);
        break;
      case Kind::example:
        if (visitor_.example) visitor_.example(node);
        break;
      case Kind::schema:
        break;
    }
  }

  void visit_path_item(NodeRef item) {
    for (std::size_t i = item.size(); i-- > 0;) {
      std::string_view key = item.entry(i).key;
      if (is_http_method(key, spec_.version)) push(item.at(i), Kind::operation, Direction::none);
    }
    push_map(item["additionalOperations"], Kind::operation, Direction::none);
    push_list(item["parameters"], Kind::parameter, Direction::request);
  }

  void visit_operation(NodeRef operation) {
    push_map(operation["callbacks"], Kind::callback, Direction::none);
    push_map(operation["responses"], Kind::response, Direction::response, true);
    push(operation["requestBody"], Kind::request_body, Direction::request);
    push_list(operation["parameters"], Kind::parameter, Direction::request);
  }

  // Parameters and headers: a `schema` or a `content` map, and examples.
  void visit_schema_holder(NodeRef holder, Direction direction) {
    push_map(holder["examples"], Kind::example, Direction::none);
    push_map(holder["content"], Kind::media_type, direction);
    push(holder["schema"], Kind::schema, Direction::none);
  }

  void visit_media_type(NodeRef media_type, Direction direction) {
    if (visitor_.media_type) visitor_.media_type(media_type, direction);
    push_map(media_type["encoding"], Kind::encoding, direction);
    push_list(media_type["prefixEncoding"], Kind::encoding, direction);
    push(media_type["itemEncoding"], Kind::encoding, direction);
    push_map(media_type["examples"], Kind::example, Direction::none);
    push(media_type["itemSchema"], Kind::schema, Direction::none);
    push(media_type["schema"], Kind::schema, Direction::none);
  }

  void visit_schema(NodeRef schema) {
    if (!schema.is_mapping() || !first_visit(schema)) return;
    if (visitor_.schema) {
      NodeRef map = schema.parent();
      bool component = map.key() == "schemas" && map.parent().key() == "components";
      visitor_.schema(SchemaVisit{schema, component});
    }
    // Reverse document order on the stack gives document order out of it.
    for (std::size_t i = schema.size(); i-- > 0;) {
      NodeRef value = schema.at(i);
      switch (schema_key(schema.entry(i).key)) {
        case SchemaKey::ref:
          if (auto target = workspace_.resolve(value)) push(*target, Kind::schema, Direction::none);
          break;
        case SchemaKey::single:
          // `items` may also be a list of schemas (drafts before 2020-12).
          if (value.is_sequence()) {
            push_list(value, Kind::schema, Direction::none);
          } else {
            push(value, Kind::schema, Direction::none);
          }
          break;
        case SchemaKey::map:  // `dependencies` also holds lists of names, which visit_schema skips
          push_map(value, Kind::schema, Direction::none);
          break;
        case SchemaKey::list:
          push_list(value, Kind::schema, Direction::none);
          break;
        case SchemaKey::none:
          break;
      }
    }
  }

  Workspace& workspace_;
  const SpecInfo& spec_;
  const ContractVisitor& visitor_;
  std::vector<Work> stack_;
  std::unordered_map<const Document*, std::vector<bool>> visited_;
  const Document* last_document_ = nullptr;
  std::vector<bool>* last_seen_ = nullptr;
};

}  // namespace

ComposedSchemas composed_schemas(Workspace& workspace, const SpecInfo& spec, NodeRef schema, Composition through) {
  ComposedSchemas out;
  std::vector<NodeRef> pending{schema};
  std::set<std::pair<const Document*, NodeId>> seen;  // compositions are small; a per-document bitmap is not
  while (!pending.empty()) {
    NodeRef node = pending.back();
    pending.pop_back();
    if (!node.is_mapping() || !seen.emplace(&node.document(), node.id()).second) continue;
    if (NodeRef ref = node["$ref"]) {
      auto target = workspace.resolve(ref);
      if (target) pending.push_back(*target);
      out.complete = out.complete && target.has_value();
      if (spec.version == OasVersion::v3_0) continue;
    }
    out.schemas.push_back(node);
    // Pushed in reverse, so allOf parts come out first, each list in document order.
    std::vector<std::string_view> keys{"allOf"};
    if (through == Composition::all_any_one_of) keys = {"oneOf", "anyOf", "allOf"};
    for (std::string_view key : keys) {
      NodeRef list = node[key];
      for (std::size_t i = list.is_sequence() ? list.size() : 0; i-- > 0;) pending.push_back(list.at(i));
    }
  }
  return out;
}

void walk_contract(Workspace& workspace, const SpecInfo& spec, const ContractVisitor& visitor) {
  Walker(workspace, spec, visitor).run();
}

void for_each_schema(Workspace& workspace, const SpecInfo& spec, const std::function<void(const SchemaVisit&)>& visit) {
  ContractVisitor visitor;
  visitor.schema = visit;
  walk_contract(workspace, spec, visitor);
}

ContractObjects collect_contract_objects(Workspace& workspace, const SpecInfo& spec) {
  ContractObjects objects;
  ContractVisitor visitor;
  visitor.schema = [&](const SchemaVisit& visit) { objects.schemas.push_back(visit); };
  visitor.operation = [&](NodeRef node) { objects.operations.push_back(node); };
  visitor.parameter = [&](NodeRef node) { objects.parameters.push_back(node); };
  visitor.header = [&](NodeRef node) { objects.headers.push_back(node); };
  visitor.media_type = [&](NodeRef node, Direction direction) { objects.media_types.emplace_back(node, direction); };
  visitor.example = [&](NodeRef node) { objects.examples.push_back(node); };
  walk_contract(workspace, spec, visitor);
  return objects;
}

void replay(const ContractObjects& objects, const ContractVisitor& visitor) {
  if (visitor.schema) {
    for (const auto& visit : objects.schemas) visitor.schema(visit);
  }
  if (visitor.operation) {
    for (NodeRef node : objects.operations) visitor.operation(node);
  }
  if (visitor.parameter) {
    for (NodeRef node : objects.parameters) visitor.parameter(node);
  }
  if (visitor.header) {
    for (NodeRef node : objects.headers) visitor.header(node);
  }
  if (visitor.media_type) {
    for (const auto& [node, direction] : objects.media_types) visitor.media_type(node, direction);
  }
  if (visitor.example) {
    for (NodeRef node : objects.examples) visitor.example(node);
  }
}

}  // namespace apictl::contract
