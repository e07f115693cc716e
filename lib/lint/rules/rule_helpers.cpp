// Helpers shared by the governance rules.
#include "lint/rules/rule_helpers.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <utility>

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

void for_each_path_item(LintContext& context, const std::function<void(std::string_view, NodeRef, NodeRef)>& visit) {
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

void for_each_description_text(LintContext& context, const std::function<void(NodeRef)>& visit) {
  for (NodeRef text : context.description_texts()) visit(text);
}

}  // namespace apictl::lint::rules
