// Helpers shared by the governance rules.
#include "lint/rules/rule_helpers.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "contract/references.hpp"

namespace apictl::lint::rules {

using contract::NodeRef;

std::vector<std::string_view> template_names(std::string_view text) {
  std::vector<std::string_view> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open)) {
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.push_back(text.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return names;
}

std::string without_template_names(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] != '{') continue;
    std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) continue;
    out += '}';
    i = close;
  }
  return out;
}

void require_text(LintContext& context, NodeRef owner, std::string_view field, std::string_view owner_label,
                  std::string hint) {
  if (!owner.is_mapping()) return;
  NodeRef value = owner[field];
  std::string name = std::string(owner_label) + " ";
  if (!value) {
    context.report_key(owner, name + "has no '" + std::string(field) + "'", std::move(hint));
  } else if (value.is_string() && value.text().find_first_not_of(" \t\r\n") == std::string_view::npos) {
    context.report(value, name + "has an empty '" + std::string(field) + "'", std::move(hint));
  }
}

bool is_status_in_class(std::string_view code, char digit) {
  if (code.size() != 3 || code[0] != digit) return false;
  bool range = (code[1] == 'X' || code[1] == 'x') && (code[2] == 'X' || code[2] == 'x');
  bool exact = code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9';
  return range || exact;
}

std::string operation_label(const contract::Operation& operation) {
  std::string method(operation.method);
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (operation.webhook) return method + " webhook '" + std::string(operation.path) + "'";
  return method + " " + std::string(operation.path);
}

std::string place_of(NodeRef node, const contract::Document& from) {
  // The key's line: for a Path Item or an operation the value starts a line later than the name a reader looks for.
  std::string line = std::to_string(node.key_position().line);
  if (&node.document() == &from) return "line " + line;
  return node.document().path() + ":" + line;
}

void for_each_path_item(LintContext& context,
                        const std::function<void(std::string_view, NodeRef, NodeRef)>& visit) {
  for (auto [path, written] : context.root()["paths"].members()) {
    auto item = context.workspace().deref(written);
    if (!item || !item->is_mapping()) continue;
    visit(path, written, *item);
  }
}

std::vector<ParameterUse> parameter_uses(contract::Workspace& workspace, NodeRef list) {
  std::vector<ParameterUse> uses;
  for (auto item : list.members()) {
    auto parameter = workspace.deref(item.value);
    if (!parameter || !parameter->is_mapping()) continue;
    NodeRef name = (*parameter)["name"];
    NodeRef in = (*parameter)["in"];
    if (!name.is_string() || !in.is_string()) continue;
    uses.push_back(ParameterUse{item.value, *parameter, name.text(), in.text()});
  }
  return uses;
}

void for_each_server(LintContext& context, const std::function<void(NodeRef)>& visit) {
  auto visit_list = [&](NodeRef servers) {
    for (auto server : servers.members()) {
      if (server.value.is_mapping()) visit(server.value);
    }
  };
  NodeRef root = context.root();
  visit_list(root["servers"]);
  for (std::string_view container : {"paths", "webhooks"}) {
    for (auto entry : root[container].members()) {
      auto item = context.workspace().deref(entry.value);
      if (!item || !item->is_mapping()) continue;
      visit_list((*item)["servers"]);
      for (auto [method, operation] : item->members()) {
        if (contract::is_http_method(method, context.spec().version)) visit_list(operation["servers"]);
      }
    }
  }
}

namespace {

// Keys whose value maps user-chosen names to objects, so the keys one level down are names, not keywords.
// The same distinction the reference walk in contract/references.cpp makes.
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

void for_each_description_text(contract::Workspace& workspace, const std::function<void(NodeRef)>& visit) {
  std::set<const contract::Document*> walked;
  // External refs load new documents as the walk meets them; keep going until every loaded one is walked.
  for (std::size_t index = 0;; ++index) {
    auto documents = workspace.documents();
    if (index >= documents.size()) break;
    if (!walked.insert(documents[index]).second) continue;
    std::vector<Frame> stack{{documents[index]->root(), false, false}};
    while (!stack.empty()) {
      Frame frame = stack.back();
      stack.pop_back();
      NodeRef node = frame.node;
      if (node.is_sequence()) {
        for (std::size_t i = node.size(); i-- > 0;) stack.push_back({node.at(i), false, false});
        continue;
      }
      if (!node.is_mapping()) continue;
      for (std::size_t i = node.size(); i-- > 0;) {
        std::string_view key = node.entry(i).key;
        NodeRef value = node.at(i);
        if (frame.names) {
          stack.push_back({value, false, false});
        } else if (key == "description" || key == "title") {
          if (value.is_string()) visit(value);
        } else if (key == "$ref") {
          // Only refs into other files matter here: they bring documents the loop above has not walked yet.
          if (value.is_string() && !value.text().starts_with('#')) (void)workspace.resolve(value);
        } else if (contract::is_data_keyword(key) || (frame.example_item && key == "value") ||
                   (key == "examples" && value.is_sequence())) {
          continue;
        } else if (key == "examples" && value.is_mapping()) {
          for (std::size_t j = value.size(); j-- > 0;) stack.push_back({value.at(j), false, true});
        } else {
          stack.push_back({value, holds_names(key) && value.is_mapping(), false});
        }
      }
    }
  }
}

}  // namespace apictl::lint::rules
