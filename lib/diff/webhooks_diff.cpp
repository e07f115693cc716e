// Webhooks and callbacks: requests the API sends. Their messages travel the other way round, so the request
// body the API sends is compared as a response its receivers read, and the receivers' responses as request
// bodies the API must accept.
#include <cctype>
#include <string>

#include "contract/openapi.hpp"
#include "diff/families.hpp"
#include "diff/lifecycle.hpp"
#include "diff/schema_diff.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

bool is_xml(std::string_view media_type) { return media_type.find("xml") != std::string_view::npos; }

// One request the API sends: a webhook's operation, or a callback's operation inside an API operation.
struct SentRequest {
  const OperationKey& key;  // the webhook, or the operation declaring the callback
  std::string name;         // "webhook 'newPet'", "callback 'onEvent' POST {$request.body#/url}"
  NodeRef base;
  NodeRef revision;
};

// Schemas only: a media type or status code added or removed on a sent request has no oasdiff id.
void diff_sent_request(Comparison& comparison, const SentRequest& sent) {
  Side& base = comparison.base();
  Side& revision = comparison.revision();
  NodeRef stability = sent.revision["x-stability-level"];
  NodeRef body_before = base.deref(sent.base["requestBody"])["content"];
  NodeRef body_after = revision.deref(sent.revision["requestBody"])["content"];
  for (auto [media_type, media] : body_before.members()) {
    NodeRef now = body_after[media_type];
    if (!now) continue;
    std::string label = sent.name + " request body";
    compare_schemas(comparison,
                    SchemaScope{sent.key, SchemaSite::response_body, label + " " + std::string(media_type), label,
                                is_xml(media_type), stability},
                    media["schema"], now["schema"]);
  }
  NodeRef responses_before = base.deref(sent.base["responses"]);
  NodeRef responses_after = revision.deref(sent.revision["responses"]);
  for (auto [status, written] : responses_before.members()) {
    NodeRef content_before = base.deref(written)["content"];
    NodeRef content_after = revision.deref(responses_after[status])["content"];
    for (auto [media_type, media] : content_before.members()) {
      NodeRef now = content_after[media_type];
      if (!now) continue;
      std::string label = sent.name + " response " + in_quotes(status);
      compare_schemas(comparison,
                      SchemaScope{sent.key, SchemaSite::request_body, label + " " + std::string(media_type), label,
                                  is_xml(media_type), stability},
                      media["schema"], now["schema"]);
    }
  }
}

// The callbacks an operation declares in both contracts, matched by name, expression and method.
void diff_callbacks(Comparison& comparison, const OperationPair& op) {
  Side& base = comparison.base();
  Side& revision = comparison.revision();
  NodeRef after = op.revision.node["callbacks"];
  for (auto [name, written] : op.base.node["callbacks"].members()) {
    NodeRef callback_before = base.deref(written);
    NodeRef callback_after = revision.deref(after[name]);
    for (auto [expression, item] : callback_before.members()) {
      NodeRef item_before = base.deref(item);
      NodeRef item_after = revision.deref(callback_after[expression]);
      for (std::string_view method : contract::http_methods) {
        NodeRef operation_before = item_before[method];
        NodeRef operation_after = item_after[method];
        if (!operation_before.is_mapping() || !operation_after.is_mapping()) continue;
        std::string upper;
        for (char c : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        diff_sent_request(
            comparison, SentRequest{op.key, "callback " + in_quotes(name) + " " + upper + " " + std::string(expression),
                                    operation_before, operation_after});
      }
    }
  }
}

}  // namespace

void diff_webhooks_and_callbacks(Comparison& comparison) {
  for (const OperationPair& pair : comparison.operations()) {
    if (!pair.in_base() || !pair.in_revision()) continue;
    if (may_change_freely(pair.base.node, pair.revision.node)) continue;
    if (pair.key.webhook) {
      diff_sent_request(
          comparison, SentRequest{pair.key, "webhook " + in_quotes(pair.key.path), pair.base.node, pair.revision.node});
    }
    diff_callbacks(comparison, pair);
  }
}

}  // namespace apictl::diff
