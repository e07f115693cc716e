// Finding every real $ref in a contract: Reference Objects and schema refs, not `$ref` keys inside
// example values, defaults, enums or x- extensions, which are data.
#pragma once

#include <functional>
#include <vector>

#include "contract/workspace.hpp"

namespace apictl::contract {

struct Reference {
  NodeRef ref;             // the "$ref" string node
  Result<NodeRef> target;  // what it resolves to, or why it does not
};

// True when `key`, seen as a keyword (not as a name in a map of names), holds data rather than OpenAPI
// structure: example, default, enum, const, and x- extensions.
bool is_data_keyword(std::string_view key);

// Calls `visit(key, value)` for every mapping member of `document` in structure position: members of maps of
// names (properties, schemas, paths, ...) are descended into but not visited as keywords, and data subtrees
// (is_data_keyword, Example `value`, Schema `examples` lists) are skipped. Document order, iterative.
void for_each_keyword(const Document& document, const std::function<void(std::string_view key, NodeRef value)>& visit);

// Walks the root document and every JSON/YAML file reached through $refs (loading each once), and
// resolves every reference it meets. Order is stable: document order, root first.
std::vector<Reference> collect_references(Workspace& workspace);

}  // namespace apictl::contract
