// Planning the contract edit of `apictl add endpoint`: checks against the document, then insertions made by
// ContractEditor, then a re-parse of the result to be sure it reads back with the operation in it.
#include "scaffold/operation_insert.hpp"

#include <algorithm>
#include <set>

#include "contract/contract_edit.hpp"
#include "contract/openapi.hpp"
#include "contract/parse.hpp"
#include "contract/schema_sample.hpp"
#include "scaffold/filters.hpp"

namespace apictl::scaffold {

namespace {

using contract::EditValue;
using contract::NodeRef;

std::string pascal(std::string_view text) { return apply_filter("pascal", text).value_or(std::string(text)); }

std::string default_summary(std::string_view method, const contract::PathTemplate& path) {
  std::string summary = pascal(method);
  for (const contract::PathSegment& segment : path.segments) {
    for (const contract::PathPart& part : segment) summary += (part.parameter ? " by " : " ") + part.text;
  }
  return path.segments.empty() ? summary + " /" : summary;
}

std::string default_tag(const contract::PathTemplate& path) {
  auto literals = path.literal_segments();
  return literals.empty() ? "default" : literals.front();
}

int success_status(std::string_view method, bool has_body) {
  if (method == "post") return 201;
  if (method == "delete" && !has_body) return 204;
  return 200;
}

std::string status_description(int status) {
  if (status == 201) return "Created.";
  if (status == 204) return "Done; no content.";
  return "Success.";
}

EditValue json_body(const std::string& schema) {
  return EditValue{{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + schema}}}}}};
}

// Every operationId in paths and webhooks, with where it stands.
std::vector<NodeRef> operation_ids(contract::Workspace& workspace) {
  std::vector<NodeRef> ids;
  auto spec = contract::detect_version(workspace.root());
  if (!spec) return ids;
  contract::for_each_operation(workspace, *spec, [&](const contract::Operation& operation) {
    if (NodeRef id = operation.node["operationId"]; id.is_string()) ids.push_back(id);
  });
  return ids;
}

}  // namespace

std::string created_schema_description(std::string_view name) {
  return "Added by apictl add endpoint. Describe " + std::string(name) + " and give it its properties.";
}

std::string path_parameter_description(std::string_view name) {
  return "The " + std::string(name) + " of the resource.";
}

nlohmann::ordered_json created_schema(const std::string& name) {
  return EditValue{
      {"description", created_schema_description(name)},
      {"type", "object"},
      {"required", {"name"}},
      {"properties", {{"name", {{"type", "string"}, {"description", "A name for the " + name}}}}},
  };
}

std::string default_operation_id(std::string_view method, const contract::PathTemplate& path) {
  std::string id(method);
  for (const contract::PathSegment& segment : path.segments) {
    for (const contract::PathPart& part : segment) id += (part.parameter ? "By" : "") + pascal(part.text);
  }
  return path.segments.empty() ? id + "Root" : id;
}

Result<PlannedOperation> plan_operation(contract::Workspace& workspace, const NewOperation& operation) {
  const contract::Document& document = workspace.root();
  auto spec = contract::detect_version(document);
  if (!spec) return std::unexpected(spec.error());
  if (spec->version == contract::OasVersion::swagger_2_0) {
    return fail("unsupported-version", "apictl add endpoint edits OpenAPI 3 documents, not Swagger 2.0",
                spec->version_node.position(), "convert the contract to OpenAPI 3 first");
  }
  const std::string& method = operation.method;
  if (!operation.request_schema.empty() && (method == "get" || method == "head")) {
    return fail("usage",
                "a " + apply_filter("upper", method).value_or(method) +
                    " request has no body, so --request-schema does not apply",
                {}, "drop --request-schema, or use POST, PUT or PATCH");
  }
  if (!operation.response_schema.empty() && method == "head") {
    return fail("usage", "a HEAD response has no body, so --response-schema does not apply", {},
                "drop --response-schema");
  }

  NodeRef root = document.root();
  NodeRef paths = root["paths"];
  NodeRef path_item;
  if (paths && !paths.is_mapping() && !paths.is_null()) {
    return fail("bad-contract", "'paths' is not a mapping", paths.position(), "fix the contract, then try again");
  }
  for (const contract::Member& member : paths.members()) {
    if (member.key == operation.path.text) {
      path_item = member.value;
      continue;
    }
    auto existing = contract::parse_path_template(member.key);
    if (existing && existing->shape() == operation.path.shape()) {
      return fail("identical-path",
                  "the contract has '" + std::string(member.key) + "', the same path with other parameter names",
                  member.value.key_position(),
                  "use its parameter names: apictl add endpoint " + apply_filter("upper", method).value_or(method) +
                      " " + std::string(member.key));
    }
  }
  if (path_item) {
    if (path_item["$ref"]) {
      return fail("unsupported-style", "the path item of '" + operation.path.text + "' is a $ref",
                  path_item.key_position(), "add the operation in the file it points to");
    }
    if (NodeRef existing = path_item[method]) {
      return fail("duplicate-operation",
                  apply_filter("upper", method).value_or(method) + " " + operation.path.text + " already exists",
                  existing.key_position(), "edit it there, or choose another method or path");
    }
  }

  PlannedOperation plan;
  auto ids = operation_ids(workspace);
  auto taken = [&](const std::string& id) {
    return std::ranges::find_if(ids, [&](NodeRef node) { return node.text() == id; });
  };
  if (!operation.operation_id.empty()) {
    if (auto clash = taken(operation.operation_id); clash != ids.end()) {
      return fail("duplicate-operation-id", "operationId '" + operation.operation_id + "' is already used",
                  clash->position(), "choose another --operation-id");
    }
    plan.operation_id = operation.operation_id;
  } else {
    std::string base = default_operation_id(method, operation.path);
    plan.operation_id = base;
    for (int suffix = 2; taken(plan.operation_id) != ids.end(); ++suffix)
      plan.operation_id = base + std::to_string(suffix);
  }
  plan.summary = operation.summary.empty() ? default_summary(method, operation.path) : operation.summary;
  plan.description = "Added by apictl add endpoint. Say what it does, what it answers and when it fails.";
  plan.tag = operation.tag.empty() ? default_tag(operation.path) : operation.tag;
  plan.status = success_status(method, !operation.response_schema.empty());
  plan.status_description = status_description(plan.status);

  for (const auto& [status, ref] : operation.extra_responses) {
    if (status == std::to_string(plan.status)) continue;
    if (!document.find(ref.substr(1))) {
      return fail("bad-contract",
                  "the template adds the response '" + ref + "' to every operation, but the contract has none",
                  SourcePosition{document.path(), 0, 0, {}},
                  "declare it under components/responses (the template's contract has it), then try again");
    }
  }

  // Schemas: reused when present, else created once.
  NodeRef components = root["components"];
  NodeRef schemas = components["schemas"];
  std::vector<std::pair<std::string, EditValue>> new_schemas;
  for (const std::string* name : {&operation.request_schema, &operation.response_schema}) {
    if (name->empty() || schemas[*name]) continue;
    if (std::ranges::find(plan.created_schemas, *name) != plan.created_schemas.end()) continue;
    plan.created_schemas.push_back(*name);
    new_schemas.emplace_back(*name, created_schema(*name));
  }
  auto example_of = [&](const std::string& name) -> nlohmann::ordered_json {
    if (name.empty()) return nullptr;
    if (NodeRef schema = schemas[name]) return contract::sample_for_schema(workspace, schema);
    return nlohmann::ordered_json{{"name", "example"}};
  };
  plan.request_example = example_of(operation.request_schema);
  plan.response_example = example_of(operation.response_schema);

  // The operation, in the order the built-in templates write theirs.
  EditValue body = EditValue::object();
  body["operationId"] = plan.operation_id;
  body["tags"] = EditValue::array({plan.tag});
  body["summary"] = plan.summary;
  body["description"] = plan.description;
  if (!operation.path.parameters.empty()) {
    EditValue parameters = EditValue::array();
    for (const std::string& name : operation.path.parameters) {
      parameters.push_back(EditValue{{"name", name},
                                     {"in", "path"},
                                     {"required", true},
                                     {"description", path_parameter_description(name)},
                                     {"schema", {{"type", "string"}}}});
    }
    body["parameters"] = parameters;
  }
  if (!operation.request_schema.empty()) {
    body["requestBody"] = EditValue{{"required", true}, {"content", json_body(operation.request_schema)}};
  }
  EditValue success{{"description", plan.status_description}};
  if (!operation.response_schema.empty()) success["content"] = json_body(operation.response_schema);
  EditValue responses{{std::to_string(plan.status), success}};
  for (const auto& [status, ref] : operation.extra_responses) {
    if (!responses.contains(status)) responses[status] = EditValue{{"$ref", ref}};
  }
  body["responses"] = responses;

  contract::ContractEditor editor(document);
  std::vector<std::pair<std::string, EditValue>> root_members;
  auto add = [&](Result<TextInsertion> insertion) -> Result<void> {
    if (!insertion) return std::unexpected(insertion.error());
    plan.insertions.push_back(std::move(*insertion));
    return {};
  };

  // A top-level tag for the operation's tag, unless declared.
  NodeRef tags = root["tags"];
  bool declared = false;
  for (const contract::Member& tag : tags.members()) declared = declared || tag.value["name"].text() == plan.tag;
  if (!declared) {
    std::string about = operation.tag.empty() ? "Operations on /" + plan.tag : "Operations tagged " + plan.tag;
    EditValue tag{{"name", plan.tag}, {"description", about}};
    plan.tag_added = true;
    if (tags) {
      if (auto ok = add(editor.append_item(tags, tag)); !ok) return std::unexpected(ok.error());
    } else {
      root_members.emplace_back("tags", EditValue::array({tag}));
    }
  }

  if (path_item) {
    if (auto ok = add(editor.append_members(path_item, {{method, body}})); !ok) return std::unexpected(ok.error());
  } else if (paths.is_mapping()) {
    EditValue item{{method, body}};
    if (auto ok = add(editor.append_members(paths, {{operation.path.text, item}})); !ok)
      return std::unexpected(ok.error());
  } else if (paths) {
    return fail("unsupported-style", "'paths' is empty", paths.position(),
                "remove the empty 'paths:' (apictl add endpoint then adds it), or write one path under it");
  } else {
    root_members.emplace_back("paths", EditValue{{operation.path.text, EditValue{{method, body}}}});
  }

  if (!new_schemas.empty()) {
    EditValue schema_map = EditValue::object();
    for (const auto& [name, schema] : new_schemas) schema_map[name] = schema;
    if (schemas.is_mapping()) {
      if (auto ok = add(editor.append_members(schemas, new_schemas)); !ok) return std::unexpected(ok.error());
    } else if (components.is_mapping() && !schemas) {
      if (auto ok = add(editor.append_members(components, {{"schemas", schema_map}})); !ok) {
        return std::unexpected(ok.error());
      }
    } else if (!components) {
      root_members.emplace_back("components", EditValue{{"schemas", schema_map}});
    } else {
      return fail("unsupported-style", "'components' or 'components/schemas' is not a mapping with entries",
                  (schemas ? schemas : components).position(), "give it one entry, then try again");
    }
  }
  if (!root_members.empty()) {
    if (auto ok = add(editor.append_members(root, root_members)); !ok) return std::unexpected(ok.error());
  }

  // The edited text must read back, with the operation where it belongs.
  std::string edited = apply_insertions(document.source(), plan.insertions);
  auto reparsed = contract::parse_document(document.path(), edited);
  if (!reparsed) {
    Diagnostic error = reparsed.error();
    error.message = "the edited contract would not parse (" + error.message + "); nothing was written";
    error.hint = "please report this with the contract; add the operation by hand meanwhile";
    return std::unexpected(error);
  }
  NodeRef added = (*reparsed)->root()["paths"][operation.path.text][method]["operationId"];
  if (added.text() != plan.operation_id) {
    return fail("edit-failed",
                "the edited contract does not hold the new operation where expected; nothing was written",
                SourcePosition{document.path(), 0, 0, {}}, "please report this with the contract");
  }
  return plan;
}

}  // namespace apictl::scaffold
