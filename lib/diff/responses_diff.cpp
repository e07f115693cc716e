// Responses: status codes, media types, headers, and the response body schemas.
#include <string>

#include "diff/families.hpp"
#include "diff/schema_diff.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

bool is_success(std::string_view status) { return status.size() == 3 && status[0] == '2'; }

void diff_headers(Comparison& comparison, const OperationPair& op, std::string_view status, NodeRef before,
                  NodeRef after) {
  Side& base = comparison.base();
  Side& revision = comparison.revision();
  std::string where = " of response " + in_quotes(status);
  for (auto [name, written] : before.members()) {
    NodeRef header = base.deref(written);
    std::string subject = "response " + std::string(status) + " header " + std::string(name);
    std::string label = "header " + in_quotes(name) + where;
    NodeRef now_written = after[name];
    if (!now_written) {
      bool required = header["required"].as_bool();
      comparison.emit(required ? "required-response-header-removed" : "optional-response-header-removed", op.key,
                      label + " removed", subject, header, {});
      continue;
    }
    NodeRef now = revision.deref(now_written);
    if (header["required"].as_bool() && !now["required"].as_bool()) {
      comparison.emit("response-header-became-optional", op.key, label + " became optional", subject,
                      header["required"], now);
    }
    compare_schemas(comparison, SchemaScope{op.key, SchemaSite::response_header, subject, label}, header["schema"],
                    now["schema"]);
  }
  for (auto [name, written] : after.members()) {
    if (before[name]) continue;
    comparison.emit("response-header-added", op.key, "header " + in_quotes(name) + where + " added",
                    "response " + std::string(status) + " header " + std::string(name), {}, written);
  }
}

void diff_content(Comparison& comparison, const OperationPair& op, std::string_view status, NodeRef before,
                  NodeRef after) {
  for (auto [media_type, media] : before.members()) {
    std::string subject = "response " + std::string(status) + " " + std::string(media_type);
    NodeRef now = after[media_type];
    if (!now) {
      comparison.emit("response-media-type-removed", op.key,
                      "media type " + in_quotes(media_type) + " of response " + in_quotes(status) + " removed", subject,
                      media, {});
      continue;
    }
    NodeRef schema_before = media["schema"];
    NodeRef schema_after = now["schema"];
    if (schema_before && !schema_after) {
      comparison.emit("response-body-media-type-schema-removed", op.key,
                      "schema of response " + in_quotes(status) + " media type " + in_quotes(media_type) + " removed",
                      subject, schema_before, now);
    } else if (!schema_before && schema_after) {
      comparison.emit("response-body-media-type-schema-added", op.key,
                      "schema of response " + in_quotes(status) + " media type " + in_quotes(media_type) + " added",
                      subject, media, schema_after);
    }
    compare_schemas(
        comparison,
        SchemaScope{op.key, SchemaSite::response_body, subject, "response " + std::string(status) + " body",
                    media_type.find("xml") != std::string_view::npos, op.revision.node["x-stability-level"]},
        schema_before, schema_after);
  }
  for (auto [media_type, media] : after.members()) {
    if (before[media_type]) continue;
    comparison.emit("response-media-type-added", op.key,
                    "media type " + in_quotes(media_type) + " of response " + in_quotes(status) + " added",
                    "response " + std::string(status) + " " + std::string(media_type), {}, media);
  }
}

}  // namespace

void diff_responses(Comparison& comparison, const OperationPair& op) {
  NodeRef before = comparison.base().deref(op.base.node["responses"]);
  NodeRef after = comparison.revision().deref(op.revision.node["responses"]);
  for (auto [status, written] : before.members()) {
    std::string subject = "response " + std::string(status);
    NodeRef now_written = after[status];
    if (!now_written) {
      comparison.emit(is_success(status) ? "response-success-status-removed" : "response-non-success-status-removed",
                      op.key, "response " + in_quotes(status) + " removed", subject, written, {});
      continue;
    }
    NodeRef response = comparison.base().deref(written);
    NodeRef now = comparison.revision().deref(now_written);
    diff_headers(comparison, op, status, response["headers"], now["headers"]);
    diff_content(comparison, op, status, response["content"], now["content"]);
  }
  for (auto [status, written] : after.members()) {
    if (before[status]) continue;
    comparison.emit(is_success(status) ? "response-success-status-added" : "response-non-success-status-added", op.key,
                    "response " + in_quotes(status) + " added", "response " + std::string(status), {}, written);
  }
}

}  // namespace apictl::diff
