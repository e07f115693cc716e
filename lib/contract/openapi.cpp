// OpenAPI version detection and operation walking.
#include "contract/openapi.hpp"

namespace apictl::contract {

std::string_view version_name(OasVersion version) {
  switch (version) {
    case OasVersion::swagger_2_0:
      return "2.0";
    case OasVersion::v3_0:
      return "3.0";
    case OasVersion::v3_1:
      return "3.1";
    case OasVersion::v3_2:
      return "3.2";
  }
  return "3.0";
}

Result<SpecInfo> detect_version(const Document& document) {
  NodeRef root = document.root();
  if (!root.is_mapping()) {
    std::string_view kind = root ? kind_name(root.kind()) : "empty";
    std::string article = kind == "array" || kind == "integer" ? "an " : kind == "empty" ? "" : "a ";
    return fail("not-openapi",
                "the document is " + article + std::string(kind) + ", but an OpenAPI document is an object",
                root.position(), "the top level must hold fields such as 'openapi', 'info' and 'paths'");
  }
  SpecInfo spec;
  if (NodeRef swagger = root["swagger"]; swagger && !root["openapi"]) {
    spec.version = OasVersion::swagger_2_0;
    spec.version_text = swagger.text();
    spec.version_node = swagger;
    return spec;
  }
  NodeRef openapi = root["openapi"];
  if (!openapi) {
    return fail("not-openapi", "no 'openapi' field at the top level", SourcePosition{document.path(), 1, 1, ""},
                "start the document with e.g. 'openapi: 3.1.0'");
  }
  spec.version_node = openapi;
  spec.version_text = openapi.text();
  std::string_view text = openapi.text();
  if (!openapi.is_string()) {
    return fail("unsupported-version", "'openapi' must be a string such as \"3.1.0\"", openapi.position(),
                "quote the version: openapi: \"3.1.0\"");
  }
  if (text.starts_with("3.0.") || text == "3.0") {
    spec.version = OasVersion::v3_0;
  } else if (text.starts_with("3.1.") || text == "3.1") {
    spec.version = OasVersion::v3_1;
  } else if (text.starts_with("3.2.") || text == "3.2") {
    spec.version = OasVersion::v3_2;
  } else {
    return fail("unsupported-version", "OpenAPI version '" + std::string(text) + "' is not supported",
                openapi.position(), "apictl reads OpenAPI 3.0, 3.1 and 3.2 documents");
  }
  return spec;
}

bool is_http_method(std::string_view key, OasVersion version) {
  for (auto method : http_methods) {
    if (key == method) return true;
  }
  return version == OasVersion::v3_2 && key == "query";
}

void for_each_operation(Workspace& workspace, const SpecInfo& spec,
                        const std::function<void(const Operation&)>& visit) {
  auto walk = [&](NodeRef container, bool webhook) {
    for (auto [path, written] : container.members()) {
      auto item = workspace.deref(written);
      if (!item || !item->is_mapping()) continue;
      for (auto [method, written_operation] : item->members()) {
        if (!is_http_method(method, spec.version)) continue;
        // Bundler-style contracts put a $ref where the operation goes (no-misplaced-refs warns); follow it.
        auto operation = workspace.deref(written_operation);
        if (!operation || !operation->is_mapping()) continue;
        visit(Operation{path, method, *operation, *item, written, webhook});
      }
    }
  };
  NodeRef root = workspace.root().root();
  walk(root["paths"], false);
  walk(root["webhooks"], true);
}

}  // namespace apictl::contract
