// Helpers shared by the governance rules: path and URL templates, parameter lists, servers, and description text.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "contract/openapi.hpp"
#include "lint/rule.hpp"

namespace apictl::lint::rules {

// The names inside the `{...}` expressions of a path or server URL template, in order (repeats kept);
// `{}` gives an empty name. An unclosed `{` ends the scan.
std::vector<std::string_view> template_names(std::string_view text);

// The template with every `{name}` replaced by `{}`: paths that differ only in parameter names compare equal.
std::string without_template_names(std::string_view text);

// Reports when `owner` lacks a non-blank string `field`: at the owner's key when the field is absent, at the
// value when it is blank. `owner_label` names the owner in the message ("info", "GET /pets", "tag 'pets'").
void require_text(LintContext& context, contract::NodeRef owner, std::string_view field, std::string_view owner_label,
                  std::string hint);

// True for a response key that is a status code or range of the class `digit`: "200", "2XX" and "2xx" for '2'.
bool is_status_in_class(std::string_view code, char digit);

// "GET /pets/{id}" or "POST webhook 'newPet'": how messages name an operation.
std::string operation_label(const contract::Operation& operation);

// Where `node` is, as seen from a finding in `from`: "line 12" in the same file, "common.yaml:12" otherwise.
std::string place_of(contract::NodeRef node, const contract::Document& from);

// Calls `visit(path, written, item)` for every entry of the root's `paths`: the key, the Path Item as written,
// and the Path Item after following its $ref (entries whose ref does not resolve are skipped).
void for_each_path_item(
    LintContext& context,
    const std::function<void(std::string_view path, contract::NodeRef written, contract::NodeRef item)>& visit);

// One entry of a `parameters` list with its $ref followed.
struct ParameterUse {
  contract::NodeRef written;    // the list item as written: a Parameter Object or a $ref to one
  contract::NodeRef parameter;  // the Parameter Object itself
  std::string_view name;
  std::string_view in;
};
// The entries of a `parameters` list that resolve to a Parameter Object with a string `name` and `in`.
std::vector<ParameterUse> parameter_uses(contract::Workspace& workspace, contract::NodeRef list);

// Calls `visit` for every Server Object: top level, Path Item level and operation level (paths and webhooks).
void for_each_server(LintContext& context, const std::function<void(contract::NodeRef server)>& visit);

// Calls `visit` for every string under a `description` or `title` keyword in structure position (not in
// examples, defaults, enums, consts or x- extensions) across the root document and every file its $refs reach.
void for_each_description_text(LintContext& context, const std::function<void(contract::NodeRef text)>& visit);

}  // namespace apictl::lint::rules
