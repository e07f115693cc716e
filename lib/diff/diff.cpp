// Runs every check family over a pair of contracts and collects their changes.
#include "diff/diff.hpp"

#include <algorithm>

#include "contract/openapi.hpp"
#include "contract/spec_source.hpp"
#include "diff/comparison.hpp"
#include "diff/families.hpp"
#include "diff/lifecycle.hpp"

namespace apictl::diff {

Result<std::unique_ptr<contract::Workspace>> open_contract(const std::string& spec) {
  auto source = contract::resolve_spec(spec);
  if (!source) return std::unexpected(source.error());
  return contract::open_spec(*source);
}

namespace {

Result<contract::SpecInfo> openapi_3(const contract::Document& document) {
  auto spec = contract::detect_version(document);
  if (!spec) return std::unexpected(spec.error());
  if (spec->version == contract::OasVersion::swagger_2_0) {
    return fail("unsupported-version", "Swagger 2.0 documents cannot be diffed",
                SourcePosition{document.path(), spec->version_node.line(), spec->version_node.column(), "/swagger"},
                "convert it to OpenAPI 3 first (e.g. with swagger2openapi)");
  }
  return spec;
}

}  // namespace

Result<DiffResult> diff_contracts(contract::Workspace& base, contract::Workspace& revision,
                                  const DiffOptions& options) {
  auto base_spec = openapi_3(base.root());
  if (!base_spec) return std::unexpected(base_spec.error());
  auto revision_spec = openapi_3(revision.root());
  if (!revision_spec) return std::unexpected(revision_spec.error());

  Side base_side(base, *base_spec);
  Side revision_side(revision, *revision_spec);
  Comparison comparison(base_side, revision_side, options);
  for (const CheckFamily& family : check_families()) {
    if (family.document) family.document(comparison);
    if (!family.operation) continue;
    for (const OperationPair& pair : comparison.operations()) {
      // Webhooks are requests the API sends: their contents are compared, directions inverted, by the
      // webhooks and callbacks family (webhooks_diff.cpp), not by the request/response families.
      if (!pair.in_base() || !pair.in_revision() || pair.key.webhook) continue;
      if (!family.checks_unstable_operations && may_change_freely(pair.base.node, pair.revision.node)) continue;
      family.operation(comparison, pair);
    }
  }

  DiffResult result;
  result.base = {base.root().path(), std::string(base_spec->version_text), base.files().on_disk()};
  result.revision = {revision.root().path(), std::string(revision_spec->version_text), revision.files().on_disk()};
  comparison.take_changes(result);
  return result;
}

bool has_changes_at(const DiffResult& result, Level threshold) {
  return std::ranges::any_of(result.changes, [&](const Change& change) { return change.level >= threshold; });
}

}  // namespace apictl::diff
