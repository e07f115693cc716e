// Responses: status codes, media types, headers, and the response body schemas.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

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

// A media type name as oasdiff compares them: type, subtype and `+` suffixes, parameters ignored.
struct MediaTypeName {
  std::string type;
  std::string subtype;
  std::vector<std::string> suffixes;
};

std::optional<MediaTypeName> parse_media_type_name(std::string_view name) {
  std::string text(name.substr(0, name.find(';')));
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::erase_if(text, [](unsigned char c) { return std::isspace(c) != 0; });
  auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return std::nullopt;
  MediaTypeName out{text.substr(0, slash), {}, {}};
  std::string_view rest = std::string_view(text).substr(slash + 1);
  auto plus = rest.find('+');
  out.subtype = std::string(rest.substr(0, plus));
  while (plus != std::string_view::npos) {
    rest.remove_prefix(plus + 1);
    plus = rest.find('+');
    out.suffixes.emplace_back(rest.substr(0, plus));
  }
  return out;
}

// Whether `specific` may be sent where `general` was: application/problem+json where application/json was, or
// the same type with more suffixes.
bool media_type_contains(std::string_view general, std::string_view specific) {
  auto outer = parse_media_type_name(general);
  auto inner = parse_media_type_name(specific);
  if (!outer || !inner || outer->type != inner->type) return false;
  if (outer->suffixes.empty() && !inner->suffixes.empty() && inner->suffixes.back() == outer->subtype) return true;
  if (outer->subtype != inner->subtype || inner->suffixes.size() < outer->suffixes.size()) return false;
  return std::equal(outer->suffixes.begin(), outer->suffixes.end(), inner->suffixes.begin());
}

// A base media type the revision renamed to a related one (a base type and its suffixed refinement, either
// way): oasdiff pairs them and reports the rename instead of a removal and an addition.
std::map<std::string_view, std::string_view> renamed_media_types(NodeRef before, NodeRef after) {
  std::map<std::string_view, std::string_view> out;
  std::set<std::string_view> taken;
  for (const contract::Member& old_member : before.members()) {
    std::string_view removed = old_member.key;
    if (after[removed]) continue;
    for (const contract::Member& new_member : after.members()) {
      std::string_view added = new_member.key;
      if (before[added] || taken.contains(added)) continue;
      if (media_type_contains(removed, added) || media_type_contains(added, removed)) {
        out[removed] = added;
        taken.insert(added);
        break;
      }
    }
  }
  return out;
}

void diff_media_type(Comparison& comparison, const OperationPair& op, std::string_view status,
                     std::string_view media_type, NodeRef media, NodeRef now) {
  std::string subject = "response " + std::string(status) + " " + std::string(media_type);
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
  compare_schemas(comparison,
                  SchemaScope{op.key, SchemaSite::response_body, subject, "response " + std::string(status) + " body",
                              media_type.find("xml") != std::string_view::npos, op.revision.node["x-stability-level"]},
                  schema_before, schema_after);
}

void diff_content(Comparison& comparison, const OperationPair& op, std::string_view status, NodeRef before,
                  NodeRef after) {
  auto renamed = renamed_media_types(before, after);
  std::set<std::string_view> renamed_to;
  for (const auto& rename : renamed) renamed_to.insert(rename.second);
  for (auto [media_type, media] : before.members()) {
    if (NodeRef now = after[media_type]) {
      diff_media_type(comparison, op, status, media_type, media, now);
      continue;
    }
    if (auto rename = renamed.find(media_type); rename != renamed.end()) {
      std::string_view to = rename->second;
      // Clients parse what they accepted before: a more general name may carry what they cannot read.
      bool narrower = media_type_contains(media_type, to);
      std::string_view id = narrower && media_type_contains(to, media_type) ? "response-media-type-name-changed"
                            : narrower                                      ? "response-media-type-name-specialized"
                                                                            : "response-media-type-name-generalized";
      comparison.emit(id, op.key,
                      "media type of response " + in_quotes(status) + " changed from " + in_quotes(media_type) +
                          " to " + in_quotes(to),
                      "response " + std::string(status) + " " + std::string(media_type), media, after[to]);
      diff_media_type(comparison, op, status, to, media, after[to]);
      continue;
    }
    comparison.emit("response-media-type-removed", op.key,
                    "media type " + in_quotes(media_type) + " of response " + in_quotes(status) + " removed",
                    "response " + std::string(status) + " " + std::string(media_type), media, {});
  }
  for (auto [media_type, media] : after.members()) {
    if (before[media_type] || renamed_to.contains(media_type)) continue;
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
