// Document model: node storage, lookups, JSON pointers and the builder the parsers feed.
#include "contract/document.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace apictl::contract {

std::string_view kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::null:
      return "null";
    case NodeKind::boolean:
      return "boolean";
    case NodeKind::integer:
      return "integer";
    case NodeKind::number:
      return "number";
    case NodeKind::string:
      return "string";
    case NodeKind::sequence:
      return "array";
    case NodeKind::mapping:
      return "object";
  }
  return "null";
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// ---- NodeRef ----

// Number literals are kept as written; YAML's core schema adds 0o17, 0x1F, +5, .inf and .nan to JSON's forms.
// Digits are read by hand: libstdc++ 12's from_chars with a base other than 10 misreads octal and hex when
// translation units instantiate its helpers differently (seen here), and the loop is simple enough.
static std::optional<std::int64_t> parse_integer_literal(std::string_view text) {
  bool negative = false;
  int base = 10;
  if (text.starts_with("0o") || text.starts_with("0x")) {
    base = text[1] == 'o' ? 8 : 16;
    text.remove_prefix(2);
  } else if (text.starts_with("+") || text.starts_with("-")) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t magnitude = 0;
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  for (char c : text) {
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : 99;
    if (digit >= base) return std::nullopt;
    if (magnitude > (limit - static_cast<std::uint64_t>(digit)) / static_cast<std::uint64_t>(base)) return std::nullopt;
    magnitude = magnitude * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
  }
  if (negative) return magnitude == (std::uint64_t{1} << 63) ? INT64_MIN : -static_cast<std::int64_t>(magnitude);
  return static_cast<std::int64_t>(magnitude);
}

std::optional<double> NodeRef::as_number() const {
  if (!is_number()) return std::nullopt;
  std::string_view text = data().text;
  if (is_integer()) {
    if (auto value = parse_integer_literal(text)) return static_cast<double>(*value);
  }
  bool negative = text.starts_with("-");
  std::string_view body = text.starts_with("+") || negative ? text.substr(1) : text;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  if (text.starts_with("+")) text.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> NodeRef::as_integer() const {
  if (!is_integer()) return std::nullopt;
  return parse_integer_literal(data().text);
}

bool NodeRef::as_bool(bool fallback) const {
  if (!is_bool()) return fallback;
  return data().text == "true";
}

NodeRef NodeRef::parent() const {
  if (!*this || data().parent == no_node) return {};
  return NodeRef(document_, data().parent);
}

std::string_view NodeRef::key() const {
  NodeRef up = parent();
  if (!up.is_mapping()) return {};
  return up.entry(data().index_in_parent).key;
}

std::uint32_t NodeRef::line() const { return *this ? data().line : 0; }
std::uint32_t NodeRef::column() const { return *this ? data().column : 0; }

std::string NodeRef::pointer() const {
  if (!*this) return {};
  std::vector<std::string> tokens;
  for (NodeRef node = *this; node.parent(); node = node.parent()) {
    NodeRef up = node.parent();
    if (up.is_mapping()) {
      tokens.push_back(escape_pointer_token(up.entry(node.data().index_in_parent).key));
    } else {
      tokens.push_back(std::to_string(node.data().index_in_parent));
    }
  }
  std::string out;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    out += '/';
    out += *it;
  }
  return out;
}

SourcePosition NodeRef::position() const {
  if (!*this) return {};
  return SourcePosition{document_->path(), data().line, data().column, pointer()};
}

SourcePosition NodeRef::key_position() const {
  NodeRef up = parent();
  if (!up.is_mapping()) return position();
  const Entry& named = up.entry(data().index_in_parent);
  return SourcePosition{document_->path(), named.key_line, named.key_column, pointer()};
}

NodeRef::Range NodeRef::members() const {
  if (size() == 0) return Range{document_, nullptr, nullptr};
  const Entry* first = document_->entries() + data().first;
  return Range{document_, first, first + data().count};
}

NodeRef::Iterator NodeRef::Range::begin() const { return Iterator(document, begin_entry); }
NodeRef::Iterator NodeRef::Range::end() const { return Iterator(document, end_entry); }

// ---- Document ----

Document::Document(std::string path, std::string source) : path_(std::move(path)), source_(std::move(source)) {}

NodeId Document::find_member(NodeId mapping, std::string_view key) const {
  const NodeData& node = nodes_[mapping];
  if (node.count > linear_lookup_limit) {
    const auto& index = member_index_.at(mapping);
    auto found = index.find(key);
    return found == index.end() ? no_node : found->second;
  }
  // Comparing sizes and first bytes before memcmp skips most candidates cheaply.
  const Entry* entry = entries_.data() + node.first;
  for (std::uint32_t i = 0; i < node.count; ++i, ++entry) {
    if (entry->key.size() == key.size() && (key.empty() || entry->key.front() == key.front()) && entry->key == key) {
      return entry->value;
    }
  }
  return no_node;
}

NodeRef Document::find(std::string_view pointer) const {
  NodeRef node = root();
  if (pointer.empty()) return node;
  if (pointer.front() != '/') return {};
  std::size_t at = 1;
  while (node) {
    std::size_t end = pointer.find('/', at);
    std::string_view raw = pointer.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    std::string token;
    token.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    if (node.is_mapping()) {
      node = node.get(token);
    } else if (node.is_sequence()) {
      std::size_t index = 0;
      auto [ptr, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (token.empty() || error != std::errc{} || ptr != token.data() + token.size()) return {};
      node = node.at(index);
    } else {
      return {};
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return node;
}

// ---- DocumentBuilder ----

DocumentBuilder::DocumentBuilder(Document& document, ParseLimits limits) : document_(document), limits_(limits) {
  // Real contracts hold one node per 40-50 bytes of text. Reserving for one per 32 bytes spares the copies of
  // a growing vector; pages not written to are never touched, so a generous guess costs no memory.
  std::size_t expected_nodes = std::min<std::uint64_t>(document_.source_.size() / 32, limits_.max_nodes);
  document_.nodes_.reserve(expected_nodes);
  document_.entries_.reserve(expected_nodes);
}

SourcePosition DocumentBuilder::position(std::uint32_t line, std::uint32_t column) const {
  return SourcePosition{document_.path_, line, column, {}};
}

std::string_view DocumentBuilder::store(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > block_left_) {
    constexpr std::size_t block_size = 1 << 20;
    std::size_t size = std::max(block_size, text.size());
    document_.text_blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));  // no zeroing: it is overwritten
    block_cursor_ = document_.text_blocks_.back().get();
    block_left_ = size;
  }
  std::memcpy(block_cursor_, text.data(), text.size());
  std::string_view stored(block_cursor_, text.size());
  block_cursor_ += text.size();
  block_left_ -= text.size();
  return stored;
}

Result<NodeId> DocumentBuilder::add_node(NodeKind kind, std::string_view text, std::uint32_t line,
                                         std::uint32_t column) {
  auto& nodes = document_.nodes_;
  if (nodes.size() >= limits_.max_nodes) {
    return fail("too-large", "document expands to more than " + std::to_string(limits_.max_nodes) + " nodes",
                position(line, column), "YAML aliases that repeat large nodes (a 'billion laughs') are refused");
  }
  if (!open_.empty()) {
    const NodeData& parent = nodes[open_.back().id];
    if (parent.kind == NodeKind::mapping && !have_key_) {
      return fail("parse-error", "a mapping value has no key", position(line, column));
    }
  } else if (!nodes.empty()) {
    return fail("parse-error", "more than one top-level value", position(line, column),
                "a contract file holds exactly one document");
  }
  NodeId id = static_cast<NodeId>(nodes.size());
  NodeData node;
  node.kind = kind;
  node.line = line;
  node.column = column;
  node.text = store(text);
  if (!open_.empty()) {
    node.parent = open_.back().id;
    node.index_in_parent = static_cast<std::uint32_t>(pending_.size() - open_.back().pending_start);
    Entry entry;
    if (have_key_) {
      entry = next_key_;
      have_key_ = false;
    } else {
      entry.key_line = line;
      entry.key_column = column;
    }
    entry.value = id;
    pending_.push_back(entry);
  }
  nodes.push_back(node);
  return id;
}

Result<void> DocumentBuilder::begin_mapping(std::uint32_t line, std::uint32_t column) {
  if (open_.size() >= limits_.max_depth) {
    return fail("too-deep", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                position(line, column), "flatten the structure or move parts into components");
  }
  auto id = add_node(NodeKind::mapping, {}, line, column);
  if (!id) return std::unexpected(id.error());
  open_.push_back(Open{*id, pending_.size()});
  return {};
}

Result<void> DocumentBuilder::begin_sequence(std::uint32_t line, std::uint32_t column) {
  if (open_.size() >= limits_.max_depth) {
    return fail("too-deep", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                position(line, column), "flatten the structure or move parts into components");
  }
  auto id = add_node(NodeKind::sequence, {}, line, column);
  if (!id) return std::unexpected(id.error());
  open_.push_back(Open{*id, pending_.size()});
  return {};
}

Result<void> DocumentBuilder::key(std::string_view text, std::uint32_t line, std::uint32_t column) {
  if (open_.empty() || document_.nodes_[open_.back().id].kind != NodeKind::mapping || have_key_) {
    return fail("parse-error", "unexpected key", position(line, column));
  }
  next_key_ = Entry{store(text), line, column, no_node};
  have_key_ = true;
  return {};
}

Result<void> DocumentBuilder::scalar(NodeKind kind, std::string_view text, std::uint32_t line, std::uint32_t column) {
  auto id = add_node(kind, text, line, column);
  if (!id) return std::unexpected(id.error());
  return {};
}

Result<void> DocumentBuilder::end_container() {
  if (open_.empty()) return fail("parse-error", "unbalanced end of a container");
  Open closing = open_.back();
  NodeData& node = document_.nodes_[closing.id];
  std::size_t count = pending_.size() - closing.pending_start;
  if (node.kind == NodeKind::mapping) {
    if (have_key_) {
      return fail("parse-error", "key '" + std::string(next_key_.key) + "' has no value",
                  position(next_key_.key_line, next_key_.key_column));
    }
    auto begin = pending_.begin() + static_cast<std::ptrdiff_t>(closing.pending_start);
    auto duplicate = [&](const Entry& second, const Entry& first) {
      return fail("duplicate-key",
                  "duplicate key '" + std::string(second.key) + "' (first defined at line " +
                      std::to_string(first.key_line) + ", column " + std::to_string(first.key_column) + ")",
                  position(second.key_line, second.key_column), "remove or rename one of the two keys");
    };
    if (count <= Document::linear_lookup_limit) {
      for (auto it = begin; it != pending_.end(); ++it) {
        for (auto earlier = begin; earlier != it; ++earlier) {
          if (earlier->key == it->key) return duplicate(*it, *earlier);
        }
      }
    } else {
      // The duplicate check builds the mapping's lookup index; the finished Document is never modified again.
      std::unordered_map<std::string_view, NodeId> index;
      index.reserve(count);
      for (auto it = begin; it != pending_.end(); ++it) {
        auto [slot, inserted] = index.emplace(it->key, it->value);
        if (!inserted) {
          auto first = std::find_if(begin, it, [&](const Entry& entry) { return entry.key == it->key; });
          return duplicate(*it, *first);
        }
      }
      document_.member_index_.emplace(closing.id, std::move(index));
    }
  }
  node.first = static_cast<std::uint32_t>(document_.entries_.size());
  node.count = static_cast<std::uint32_t>(count);
  document_.entries_.insert(document_.entries_.end(),
                            pending_.begin() + static_cast<std::ptrdiff_t>(closing.pending_start), pending_.end());
  pending_.resize(closing.pending_start);
  open_.pop_back();
  return {};
}

std::uint64_t DocumentBuilder::subtree_size(NodeId id) const {
  std::uint64_t total = 0;
  std::vector<NodeId> stack{id};
  while (!stack.empty()) {
    NodeId current = stack.back();
    stack.pop_back();
    ++total;
    const NodeData& node = document_.nodes_[current];
    if (node.kind == NodeKind::mapping || node.kind == NodeKind::sequence) {
      for (std::uint32_t i = 0; i < node.count; ++i) stack.push_back(document_.entries_[node.first + i].value);
    }
  }
  return total;
}

Result<void> DocumentBuilder::copy_of(NodeId source, std::uint32_t line, std::uint32_t column) {
  if (document_.nodes_.size() + subtree_size(source) > limits_.max_nodes) {
    return fail("too-large", "YAML aliases expand to more than " + std::to_string(limits_.max_nodes) + " nodes",
                position(line, column), "aliases that repeat large nodes (a 'billion laughs') are refused");
  }
  // Replays the source subtree as builder events, iteratively so deep nodes cannot overflow the stack.
  struct Frame {
    NodeId id;
    std::uint32_t next;
  };
  std::vector<Frame> stack;
  auto emit = [&](NodeId id) -> Result<void> {
    const NodeData node = document_.nodes_[id];  // copy: nodes_ may grow
    if (node.kind == NodeKind::mapping) {
      if (auto ok = begin_mapping(node.line, node.column); !ok) return ok;
      stack.push_back(Frame{id, 0});
    } else if (node.kind == NodeKind::sequence) {
      if (auto ok = begin_sequence(node.line, node.column); !ok) return ok;
      stack.push_back(Frame{id, 0});
    } else {
      std::string text(node.text);
      if (auto ok = scalar(node.kind, text, node.line, node.column); !ok) return ok;
    }
    return {};
  };
  if (auto ok = emit(source); !ok) return ok;
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const NodeData node = document_.nodes_[frame.id];
    if (frame.next == node.count) {
      stack.pop_back();
      if (auto ok = end_container(); !ok) return ok;
      continue;
    }
    Entry entry = document_.entries_[node.first + frame.next];
    ++frame.next;
    if (node.kind == NodeKind::mapping) {
      std::string key_text(entry.key);
      if (auto ok = key(key_text, entry.key_line, entry.key_column); !ok) return ok;
    }
    if (auto ok = emit(entry.value); !ok) return ok;
  }
  return {};
}

}  // namespace apictl::contract
