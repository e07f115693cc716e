// SchemaHasher: a hash of what a schema means, so equal schemas are recognised without comparing them.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "contract/workspace.hpp"
#include "diff/ref_cache.hpp"

namespace apictl::diff {

// Equal hashes mean equal meaning: $refs are followed (a $ref and the same schema written inline hash alike),
// mapping keys are unordered, `required`/`enum`/`type` lists are sets, and annotations (description, title,
// examples) are left out. A cycle hashes as a back-reference by its distance, so recursion terminates.
// Memoised per node: each node of a contract is hashed once.
class SchemaHasher {
 public:
  explicit SchemaHasher(RefCache& refs) : refs_(refs) {}

  std::uint64_t hash(contract::NodeRef node);

 private:
  std::uint64_t hash_value(contract::NodeRef node, bool unordered_items);
  // What is known of a document's nodes, indexed by node id.
  struct Table {
    std::vector<std::uint64_t> hashes;  // 0 = not hashed yet
    std::vector<bool> open;             // on stack_, being hashed
  };
  // The table of `document`, made on first use; tables never move, nor do their vectors grow.
  Table& table(const contract::Document& document);

  RefCache& refs_;
  std::unordered_map<const contract::Document*, Table> memo_;
  const contract::Document* last_document_ = nullptr;  // most lookups stay in one document
  Table* last_table_ = nullptr;
  std::vector<std::uint64_t> stack_;  // nodes being hashed, for cycles
};

}  // namespace apictl::diff
