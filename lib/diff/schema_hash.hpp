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

  contract::Workspace& workspace_;
  std::unordered_map<std::uint64_t, std::uint64_t> memo_;  // (document, node) -> hash
  std::vector<std::uint64_t> stack_;                       // nodes being hashed, for cycles
};

}  // namespace apictl::diff
