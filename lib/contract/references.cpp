// Reference collection: a keyword-aware walk that tells structure from data.
#include "contract/references.hpp"

#include <set>

namespace apictl::contract {

namespace {

// Keys whose value is a map from user-chosen names to objects, so the next level's keys are names.
bool holds_names(std::string_view key) {
  static const std::set<std::string_view> keys = {
      "properties", "patternProperties", "$defs",         "definitions", "schemas",         "responses",
      "parameters", "examples",          "requestBodies", "headers",     "securitySchemes", "links",
      "callbacks",  "pathItems",         "paths",         "webhooks",    "content",         "encoding",
      "variables",  "dependentSchemas",  "mapping",       "scopes",      "mediaTypes",      "dependencies"};
  return keys.contains(key);
}

struct Frame {
  NodeRef node;
  bool names;         // the node's keys are names, not keywords
  bool example_item;  // the node is an entry of an `examples` map: its `value` is data
};

}  // namespace

void for_each_keyword(const Document& document, const std::function<void(std::string_view key, NodeRef value)>& visit) {
  std::vector<Frame> stack{{document.root(), false, false}};
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    NodeRef node = frame.node;
    if (node.is_sequence()) {
      // Items of a sequence are objects in keyword position (allOf entries, parameters, ...).
      for (std::size_t i = node.size(); i-- > 0;) stack.push_back({node.at(i), false, false});
      continue;
    }
    if (!node.is_mapping()) continue;
    if (!frame.names) {
      for (auto [key, value] : node.members()) visit(key, value);
    }
    // Push in reverse so children are walked in document order.
    for (std::size_t i = node.size(); i-- > 0;) {
      std::string_view key = node.entry(i).key;
      NodeRef value = node.at(i);
      if (frame.names) {
        stack.push_back({value, false, false});
      } else if (key == "$ref" || is_data_keyword(key) || (frame.example_item && key == "value") ||
                 (key == "examples" && value.is_sequence())) {
        continue;  // data, or a reference string
      } else if (key == "examples" && value.is_mapping()) {
        for (std::size_t j = value.size(); j-- > 0;) stack.push_back({value.at(j), false, true});
      } else {
        stack.push_back({value, holds_names(key) && value.is_mapping(), false});
      }
    }
  }
}

bool is_data_keyword(std::string_view key) {
  return key == "example" || key == "default" || key == "enum" || key == "const" || key.starts_with("x-");
}

std::vector<Reference> collect_references(Workspace& workspace) {
  std::vector<Reference> out;
  std::set<const Document*> walked;
  // Resolving may load new documents; keep walking until every loaded one has been walked.
  for (std::size_t index = 0;; ++index) {
    auto documents = workspace.documents();
    if (index >= documents.size()) break;
    const Document* document = documents[index];
    if (!walked.insert(document).second) continue;
    std::vector<NodeRef> refs;
    for_each_keyword(*document, [&](std::string_view key, NodeRef value) {
      if (key == "$ref") refs.push_back(value);
    });
    for (NodeRef ref : refs) out.push_back(Reference{ref, workspace.resolve(ref)});
  }
  return out;
}

}  // namespace apictl::contract
