// Document: one parsed JSON or YAML file as a tree in which every node knows its line, column and JSON pointer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::contract {

enum class NodeKind : std::uint8_t { null, boolean, integer, number, string, sequence, mapping };

std::string_view kind_name(NodeKind kind);  // "object", "array", "string", ... as JSON Schema names them

using NodeId = std::uint32_t;
inline constexpr NodeId no_node = UINT32_MAX;

struct NodeData {
  NodeKind kind = NodeKind::null;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  NodeId parent = no_node;
  std::uint32_t index_in_parent = 0;
  std::uint32_t first = 0;  // containers: first slot in Document::entries_
  std::uint32_t count = 0;  // containers: number of entries
  std::string_view text;    // scalars: the decoded string, or the literal of a number or boolean
};

// One member of a mapping (key set) or item of a sequence (key empty).
struct Entry {
  std::string_view key;
  std::uint32_t key_line = 0;
  std::uint32_t key_column = 0;
  NodeId value = no_node;
};

class Document;

// A light handle on one node; an empty handle stands for "absent" so lookups chain: op["responses"]["200"].
class NodeRef {
 public:
  NodeRef() = default;
  NodeRef(const Document* document, NodeId id) : document_(document), id_(id) {}

  explicit operator bool() const { return document_ != nullptr && id_ != no_node; }
  bool operator==(const NodeRef& other) const { return document_ == other.document_ && id_ == other.id_; }

  const Document& document() const { return *document_; }
  NodeId id() const { return id_; }
  NodeKind kind() const;  // null for an empty handle
  bool is_mapping() const { return *this && kind() == NodeKind::mapping; }
  bool is_sequence() const { return *this && kind() == NodeKind::sequence; }
  bool is_string() const { return *this && kind() == NodeKind::string; }
  bool is_bool() const { return *this && kind() == NodeKind::boolean; }
  bool is_null() const { return *this && kind() == NodeKind::null; }
  bool is_number() const { return *this && (kind() == NodeKind::integer || kind() == NodeKind::number); }
  bool is_integer() const { return *this && kind() == NodeKind::integer; }
  bool is_scalar() const { return *this && kind() != NodeKind::mapping && kind() != NodeKind::sequence; }

  // Scalar text: the string value, or the literal of a number/boolean/null. Empty for containers.
  std::string_view text() const;
  std::optional<double> as_number() const;
  std::optional<std::int64_t> as_integer() const;
  bool as_bool(bool fallback = false) const;

  std::size_t size() const;                 // entries of a mapping or sequence, 0 for scalars
  NodeRef get(std::string_view key) const;  // mapping member; empty when absent or not a mapping
  NodeRef operator[](std::string_view key) const { return get(key); }
  NodeRef at(std::size_t index) const;  // i-th entry value of a sequence or mapping
  const Entry& entry(std::size_t index) const;

  NodeRef parent() const;
  std::string_view key() const;  // key naming this node in its parent mapping, "" otherwise
  std::uint32_t line() const;
  std::uint32_t column() const;
  std::string pointer() const;          // JSON pointer from the document root
  SourcePosition position() const;      // file:line:col and pointer of the value
  SourcePosition key_position() const;  // file:line:col of the key naming this node (the value's if none)

  class Iterator;
  struct Range {
    const Document* document;
    const Entry* begin_entry;
    const Entry* end_entry;
    Iterator begin() const;
    Iterator end() const;
  };
  // Members of a mapping or items of a sequence (key empty); empty range for scalars.
  Range members() const;

 private:
  const NodeData& data() const;
  const Document* document_ = nullptr;
  NodeId id_ = no_node;
};

// A mapping member or sequence item (key empty); the key's own position is value.key_position().
struct Member {
  std::string_view key;
  NodeRef value;
};

class NodeRef::Iterator {
 public:
  Iterator(const Document* document, const Entry* entry) : document_(document), entry_(entry) {}
  Member operator*() const { return Member{entry_->key, NodeRef(document_, entry_->value)}; }
  Iterator& operator++() {
    ++entry_;
    return *this;
  }
  bool operator!=(const Iterator& other) const { return entry_ != other.entry_; }
  bool operator==(const Iterator& other) const { return entry_ == other.entry_; }

 private:
  const Document* document_;
  const Entry* entry_;
};

// Escapes one reference token for a JSON pointer (~ as ~0, / as ~1).
std::string escape_pointer_token(std::string_view token);

class Document {
 public:
  explicit Document(std::string path, std::string source = {});
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& path() const { return path_; }
  std::string_view source() const { return source_; }
  NodeRef root() const { return NodeRef(this, nodes_.empty() ? no_node : 0); }
  std::size_t node_count() const { return nodes_.size(); }

  // Evaluates a JSON pointer ("" or "/a/b~1c/0"); empty NodeRef when it leads nowhere.
  NodeRef find(std::string_view pointer) const;

  const NodeData& node(NodeId id) const { return nodes_[id]; }
  const Entry* entries() const { return entries_.data(); }
  NodeId find_member(NodeId mapping, std::string_view key) const;
  // Mappings up to this size are searched linearly; larger ones through a hash index.
  static constexpr std::uint32_t linear_lookup_limit = 16;

 private:
  friend class DocumentBuilder;
  std::string path_;
  std::string source_;
  std::vector<NodeData> nodes_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> text_blocks_;
  // Hash indexes of the mappings with more than linear_lookup_limit members, built while parsing, so lookups in
  // `paths` or `components/schemas` stay O(1) and a finished Document can be read from several threads.
  std::unordered_map<NodeId, std::unordered_map<std::string_view, NodeId>> member_index_;
};

// Limits that keep hostile input bounded in time and memory.
struct ParseLimits {
  std::uint32_t max_depth = 1000;
  std::uint64_t max_nodes = 50'000'000;  // also caps YAML alias expansion
};

// Builds a Document from parser events; shared by the JSON and YAML parsers so both give the same model.
class DocumentBuilder {
 public:
  DocumentBuilder(Document& document, ParseLimits limits = {});

  // Each returns a Diagnostic when a limit is hit or a key repeats.
  Result<void> begin_mapping(std::uint32_t line, std::uint32_t column);
  Result<void> begin_sequence(std::uint32_t line, std::uint32_t column);
  // Sets the key of the next value inside the open mapping.
  Result<void> key(std::string_view text, std::uint32_t line, std::uint32_t column);
  Result<void> scalar(NodeKind kind, std::string_view text, std::uint32_t line, std::uint32_t column);
  Result<void> end_container();
  // Copies an already built node (YAML aliases); counted against max_nodes.
  Result<void> copy_of(NodeId source, std::uint32_t line, std::uint32_t column);

  std::uint64_t subtree_size(NodeId id) const;

 private:
  struct Open {
    NodeId id;
    std::size_t pending_start;
  };
  Result<NodeId> add_node(NodeKind kind, std::string_view text, std::uint32_t line, std::uint32_t column);
  std::string_view store(std::string_view text);
  SourcePosition position(std::uint32_t line, std::uint32_t column) const;

  Document& document_;
  ParseLimits limits_;
  std::vector<Open> open_;
  std::vector<Entry> pending_;
  bool have_key_ = false;
  Entry next_key_;
  char* block_cursor_ = nullptr;
  std::size_t block_left_ = 0;
};

// The hottest accessors are defined here so every rule's tight loops can inline them.
inline const NodeData& NodeRef::data() const { return document_->node(id_); }
inline NodeKind NodeRef::kind() const { return *this ? data().kind : NodeKind::null; }
inline std::string_view NodeRef::text() const { return *this ? data().text : std::string_view{}; }
inline std::size_t NodeRef::size() const {
  if (!*this) return 0;
  const NodeData& node = data();
  return (node.kind == NodeKind::mapping || node.kind == NodeKind::sequence) ? node.count : 0;
}
inline NodeRef NodeRef::at(std::size_t index) const {
  if (index >= size()) return {};
  return NodeRef(document_, document_->entries()[data().first + index].value);
}
inline const Entry& NodeRef::entry(std::size_t index) const { return document_->entries()[data().first + index]; }
inline NodeRef NodeRef::get(std::string_view key) const {
  if (!is_mapping()) return {};
  NodeId found = document_->find_member(id_, key);
  return found == no_node ? NodeRef{} : NodeRef(document_, found);
}

}  // namespace apictl::contract
