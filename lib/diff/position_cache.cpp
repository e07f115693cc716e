// Source positions with memoised JSON pointers.
#include "diff/position_cache.hpp"

#include <vector>

namespace apictl::diff {

using contract::NodeRef;

SourcePosition PositionCache::of(NodeRef node) {
  if (!node) return {};
  return SourcePosition{node.document().path(), node.line(), node.column(), pointer(node)};
}

const std::string& PositionCache::pointer(NodeRef node) {
  static const std::string root;
  // The nodes from `node` up to the first one whose pointer is known (or the root), then their pointers
  // top-down, each its parent's plus one reference token.
  std::vector<NodeRef> missing;
  const std::string* known = &root;
  for (NodeRef at = node; at.parent(); at = at.parent()) {
    if (auto found = pointers_.find(NodeKey{&at.document(), at.id()}); found != pointers_.end()) {
      known = &found->second;
      break;
    }
    missing.push_back(at);
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    NodeRef up = it->parent();
    std::uint32_t index = it->document().node(it->id()).index_in_parent;
    std::string text = *known;
    text += '/';
    text += up.is_mapping() ? contract::escape_pointer_token(up.entry(index).key) : std::to_string(index);
    known = &pointers_.emplace(NodeKey{&it->document(), it->id()}, std::move(text)).first->second;
  }
  return *known;
}

}  // namespace apictl::diff
