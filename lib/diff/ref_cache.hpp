// RefCache: $refs resolved once per document and reference text, for the many places a diff follows them.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "contract/workspace.hpp"

namespace apictl::diff {

// Workspace::resolve caches per $ref node; a large contract repeats the same reference (`#/components/
// parameters/owner`) in a thousand nodes, each parsed, decoded and looked up again. What a $ref resolves to
// depends only on its document (relative files) and its text, so here each pair is worked out once.
class RefCache {
 public:
  explicit RefCache(contract::Workspace& workspace) : workspace_(workspace) {}

  // What Workspace::resolve(ref) gives; empty when it fails.
  contract::NodeRef resolve(contract::NodeRef ref);
  // What Workspace::deref(node) gives (a chain of $refs followed, a loop an error); empty when it fails.
  contract::NodeRef deref(contract::NodeRef node);

 private:
  using Key = std::pair<const contract::Document*, std::string_view>;  // the text lives in the document
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return std::hash<std::string_view>{}(key.second) ^ (std::hash<const void*>{}(key.first) << 1);
    }
  };
  contract::Workspace& workspace_;
  std::unordered_map<Key, contract::NodeRef, KeyHash> resolved_;
};

}  // namespace apictl::diff
