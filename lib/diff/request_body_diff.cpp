// Request bodies: added, removed, required, media types, and the body schemas.
#include <string>

#include "diff/families.hpp"
#include "diff/schema_diff.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

bool is_xml(std::string_view media_type) { return media_type.find("xml") != std::string_view::npos; }

}  // namespace

void diff_request_body(Comparison& comparison, const OperationPair& op) {
  NodeRef before = comparison.base().deref(op.base.node["requestBody"]);
  NodeRef after = comparison.revision().deref(op.revision.node["requestBody"]);
  if (!before && !after) return;
  if (!before) {
    bool required = after["required"].as_bool();
    comparison.emit(required ? "request-body-added-required" : "request-body-added-optional", op.key,
                    required ? "required request body added" : "optional request body added", "request body", {},
                    after);
    return;
  }
  if (!after) {
    comparison.emit("request-body-removed", op.key, "request body removed", "request body", before, {});
    return;
  }
  bool required_before = before["required"].as_bool();
  bool required_after = after["required"].as_bool();
  if (required_before != required_after) {
    comparison.emit(required_after ? "request-body-became-required" : "request-body-became-optional", op.key,
                    required_after ? "request body became required" : "request body became optional", "request body",
                    before["required"], after["required"]);
  }
  NodeRef content_before = before["content"];
  NodeRef content_after = after["content"];
  for (auto [media_type, media] : content_before.members()) {
    std::string subject = "request body " + std::string(media_type);
    NodeRef now = content_after[media_type];
    if (!now) {
      comparison.emit("request-body-media-type-removed", op.key,
                      "request body media type " + in_quotes(media_type) + " removed", subject, media, {});
      continue;
    }
    NodeRef schema_before = media["schema"];
    NodeRef schema_after = now["schema"];
    if (schema_before && !schema_after) {
      comparison.emit("request-body-media-type-schema-removed", op.key,
                      "schema of request body media type " + in_quotes(media_type) + " removed", subject, schema_before,
                      now);
    } else if (!schema_before && schema_after) {
      comparison.emit("request-body-media-type-schema-added", op.key,
                      "schema of request body media type " + in_quotes(media_type) + " added", subject, media,
                      schema_after);
    }
    compare_schemas(comparison,
                    SchemaScope{op.key, SchemaSite::request_body, subject, "request body", is_xml(media_type),
                                op.revision.node["x-stability-level"]},
                    schema_before, schema_after);
  }
  for (auto [media_type, media] : content_after.members()) {
    if (content_before[media_type]) continue;
    comparison.emit("request-body-media-type-added", op.key,
                    "request body media type " + in_quotes(media_type) + " added",
                    "request body " + std::string(media_type), {}, media);
  }
}

}  // namespace apictl::diff
