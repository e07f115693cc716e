// Order-insensitive, $ref-transparent hashing of schemas (and any other contract value).
#include "diff/schema_hash.hpp"

#include <algorithm>
#include <string_view>

namespace apictl::diff {

namespace {

using contract::NodeKind;
using contract::NodeRef;

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) {
  // splitmix64 finaliser over the combination: cheap and well spread.
  std::uint64_t x = hash ^ (value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2));
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool is_annotation(std::string_view key) {
  return key == "description" || key == "title" || key == "example" || key == "examples" || key == "$comment" ||
         key == "externalDocs" || key == "summary";
}

// Lists whose order carries no meaning.
bool is_set_keyword(std::string_view key) { return key == "required" || key == "enum" || key == "type"; }

std::uint64_t node_key(NodeRef node) { return mix(reinterpret_cast<std::uintptr_t>(&node.document()), node.id()); }

}  // namespace

std::uint64_t SchemaHasher::hash(NodeRef node) { return hash_value(node, false); }

SchemaHasher::Table& SchemaHasher::table(const contract::Document& document) {
  if (&document != last_document_) {
    last_table_ = &memo_[&document];
    if (last_table_->hashes.empty()) {
      last_table_->hashes.resize(document.node_count(), 0);
      last_table_->open.resize(document.node_count(), false);
    }
    last_document_ = &document;
  }
  return *last_table_;
}

std::uint64_t SchemaHasher::hash_value(NodeRef node, bool unordered_items) {
  if (!node) return 0;
  if (node.is_mapping()) {
    if (NodeRef ref = node["$ref"]; ref.is_string()) {
      NodeRef target = refs_.resolve(ref);
      if (!target) return mix(hash_text("$ref"), hash_text(ref.text()));
      node = target;
    }
  }
  Table& memo = table(node.document());
  const contract::NodeId id = node.id();
  if (memo.hashes[id] != 0 && !unordered_items) return memo.hashes[id];
  std::uint64_t key = node_key(node);
  // The flag spares a search of the stack for every node; only a node on it (a cycle) is looked for.
  if (memo.open[id]) {
    auto on_stack = std::ranges::find(stack_, key);
    return mix(hash_text("cycle"), static_cast<std::uint64_t>(stack_.end() - on_stack));
  }
  std::uint64_t result = 0;
  switch (node.kind()) {
    case NodeKind::mapping: {
      stack_.push_back(key);
      memo.open[id] = true;
      std::uint64_t sum = 0;  // a sum of member hashes ignores key order
      for (auto [member, value] : node.members()) {
        if (is_annotation(member)) continue;
        sum += mix(hash_text(member), hash_value(value, is_set_keyword(member)));
      }
      stack_.pop_back();
      memo.open[id] = false;
      result = mix(hash_text("{}"), sum);
      break;
    }
    case NodeKind::sequence: {
      stack_.push_back(key);
      memo.open[id] = true;
      std::uint64_t combined = hash_text("[]");
      for (auto item : node.members()) {
        std::uint64_t item_hash = hash_value(item.value, false);
        combined = unordered_items ? combined + mix(1, item_hash) : mix(combined, item_hash);
      }
      stack_.pop_back();
      memo.open[id] = false;
      result = combined;
      break;
    }
    case NodeKind::integer:
    case NodeKind::number: {
      // 1 and 1.0 mean the same number.
      auto number = node.as_number();
      result = mix(hash_text("#"), number ? std::hash<double>{}(*number) : hash_text(node.text()));
      break;
    }
    default:
      result = mix(static_cast<std::uint64_t>(node.kind()) + 1, hash_text(node.text()));
  }
  // 0 marks "not hashed": a hash that happens to be 0 is stored as 1.
  if (!unordered_items) memo.hashes[id] = result == 0 ? 1 : result;
  return result == 0 ? 1 : result;
}

}  // namespace apictl::diff
