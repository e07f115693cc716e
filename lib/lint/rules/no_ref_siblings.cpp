// no-ref-siblings: nothing stands beside a $ref where OpenAPI ignores it (every Reference Object in 3.0;
// from 3.1 on, Reference Objects outside schemas, which may only add summary and description).
#include <set>
#include <utility>

#include "contract/references.hpp"
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// A Path Item's $ref is one of its fields, so its siblings are not ignored.
bool is_path_item(contract::NodeRef holder) {
  contract::NodeRef map = holder.parent();
  std::string_view key = map.key();
  return key == "paths" || key == "webhooks" || key == "pathItems" || map.parent().key() == "callbacks";
}

}  // namespace

void check_no_ref_siblings(LintContext& context) {
  bool v3_0 = context.spec().version == contract::OasVersion::v3_0;
  // From 3.1 on a schema's $ref is a keyword like any other, so schema refs are left alone.
  std::set<std::pair<const contract::Document*, contract::NodeId>> schema_refs;
  if (!v3_0) {
    context.for_each_schema([&](const contract::SchemaVisit& visit) {
      if (visit.schema["$ref"]) schema_refs.emplace(&visit.schema.document(), visit.schema.id());
    });
  }
  for (const auto& reference : context.references()) {
    contract::NodeRef holder = reference.ref.parent();
    if (holder.size() < 2 || is_path_item(holder)) continue;
    if (!v3_0 && schema_refs.contains({&holder.document(), holder.id()})) continue;
    for (auto member : holder.members()) {
      std::string_view key = member.key;
      if (key == "$ref" || key == "x-apictl-ignore") continue;
      if (!v3_0 && (key == "summary" || key == "description")) continue;
      if (v3_0) {
        context.report_key(
            member.value,
            "'" + std::string(key) + "' beside $ref is ignored: in OpenAPI 3.0 a $ref replaces its whole object",
            "move it into the referenced definition; for a schema, wrap the reference: allOf: [{$ref: ...}]");
      } else {
        context.report_key(member.value,
                           "'" + std::string(key) +
                               "' beside $ref is ignored: a Reference Object may only add summary and description",
                           "move it into the referenced definition");
      }
    }
  }
}

}  // namespace apictl::lint::rules
