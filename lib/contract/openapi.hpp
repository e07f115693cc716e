// OpenAPI view of a Workspace: which version a document is, and walking its operations.
#pragma once

#include <array>
#include <functional>
#include <string_view>

#include "contract/workspace.hpp"

namespace apictl::contract {

enum class OasVersion { swagger_2_0, v3_0, v3_1, v3_2 };

std::string_view version_name(OasVersion version);  // "2.0", "3.0", "3.1", "3.2"

struct SpecInfo {
  OasVersion version = OasVersion::v3_0;
  std::string_view version_text;  // the `openapi` (or `swagger`) value as written, e.g. "3.0.3"
  NodeRef version_node;
};

// Reads `openapi` / `swagger` from the root. Errors: the root is not a mapping, the field is missing,
// or names a version apictl does not know (code "not-openapi" / "unsupported-version").
Result<SpecInfo> detect_version(const Document& document);

// HTTP methods that may key an operation in a Path Item (3.2 adds `query`).
inline constexpr std::array<std::string_view, 8> http_methods = {"get",     "put",  "post",  "delete",
                                                                 "options", "head", "patch", "trace"};
bool is_http_method(std::string_view key, OasVersion version);

struct Operation {
  std::string_view path;    // "/pets/{id}", or the webhook name
  std::string_view method;  // "get", ...
  NodeRef node;             // the Operation Object
  NodeRef path_item;        // the Path Item Object (after following its $ref)
  NodeRef path_key;         // the Path Item as written under `paths` (for the key's location)
  bool webhook = false;
};

// Calls `visit` for every operation under `paths` and `webhooks` (Path Item $refs followed; unresolvable
// ones skipped — the unresolved-ref rule reports them).
void for_each_operation(Workspace& workspace, const SpecInfo& spec, const std::function<void(const Operation&)>& visit);

}  // namespace apictl::contract
