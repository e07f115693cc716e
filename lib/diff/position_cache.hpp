// PositionCache: the source positions of the nodes a report names, each JSON pointer built once.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "contract/document.hpp"
#include "diagnostic.hpp"

namespace apictl::diff {

// NodeRef::position() walks to the root for every call; a diff names thousands of nodes in a few schemas, so
// here a node's pointer is its parent's (remembered) plus one token. Same result as NodeRef::position().
class PositionCache {
 public:
  // Empty for an absent node.
  SourcePosition of(contract::NodeRef node);

 private:
  const std::string& pointer(contract::NodeRef node);

  struct NodeKey {
    const contract::Document* document;
    contract::NodeId id;
    bool operator==(const NodeKey&) const = default;
  };
  struct NodeKeyHash {
    std::size_t operator()(const NodeKey& key) const {
      return std::hash<const void*>{}(key.document) ^ (std::uint64_t{key.id} * 0x9e3779b97f4a7c15ULL);
    }
  };
  std::unordered_map<NodeKey, std::string, NodeKeyHash> pointers_;
};

}  // namespace apictl::diff
