// $ref resolution remembered by document and text.
#include "diff/ref_cache.hpp"

#include <algorithm>
#include <vector>

namespace apictl::diff {

using contract::NodeRef;

NodeRef RefCache::resolve(NodeRef ref) {
  if (!ref.is_string()) {  // not a reference Workspace::resolve accepts, whatever the text
    auto target = workspace_.resolve(ref);
    return target ? *target : NodeRef{};
  }
  Key key{&ref.document(), ref.text()};
  if (auto known = resolved_.find(key); known != resolved_.end()) return known->second;
  auto target = workspace_.resolve(ref);
  return resolved_.emplace(key, target ? *target : NodeRef{}).first->second;
}

NodeRef RefCache::deref(NodeRef node) {
  std::vector<NodeRef> seen;  // the chain so far: a loop is an error, as in Workspace::deref
  while (node.is_mapping()) {
    NodeRef ref = node.get("$ref");
    if (!ref) return node;
    if (std::ranges::find(seen, node) != seen.end()) return {};
    seen.push_back(node);
    node = resolve(ref);
    if (!node) return {};
  }
  return node;
}

}  // namespace apictl::diff
