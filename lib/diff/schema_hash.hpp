// SchemaHasher: a hash of what a schema means, so equal schemas are recognised without comparing them.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "contract/workspace.hpp"

namespace apictl::diff {

// Equal hashes mean equal meaning: $refs are followed (a $ref and the same schema written inline hash alike),
// mapping keys are unordered, `required`/`enum`/`type` lists are sets, and annotations (description, title,
// examples) are left out. A cycle hashes as a back-reference by its distance, so recursion terminates.
// Memoised per node: each node of a contract is hashed once.
class SchemaHasher {
 public:
  explicit SchemaHasher(contract::Workspace& workspace) : workspace_(workspace) {}

  std::uint64_t hash(contract::NodeRef node);

 private:
  std::uint64_t hash_value(contract::NodeRef node, bool unordered_items);
  // The memo slot of `node`: a table per document, indexed by node id (0 = not hashed yet).
  std::uint64_t& memo(contract::NodeRef node);

  contract::Workspace& workspace_;
  std::unordered_map<const contract::Document*, std::vector<std::uint64_t>> memo_;
  const contract::Document* last_document_ = nullptr;  // most lookups stay in one document
  std::vector<std::uint64_t>* last_table_ = nullptr;
  std::vector<std::uint64_t> stack_;  // nodes being hashed, for cycles
};

}  // namespace apictl::diff
