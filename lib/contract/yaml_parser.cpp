// YAML parsing: libyaml's event API feeding DocumentBuilder, with plain scalars typed by the YAML 1.2 core schema.
//
// Choices worth knowing:
// - Plain scalars resolve by the 1.2 core schema (null ~ null Null NULL and empty; true/false in three spellings;
//   decimal, 0o and 0x integers; floats with .inf and .nan). `yes`, `no`, `on`, `off` stay strings. Quoted and
//   block scalars are strings. Booleans and nulls are stored in their JSON spelling; numbers keep their literal.
// - Keys must be scalars; a key's text is used whatever its type, so `200:` is the key "200".
// - Aliases copy the anchored node (DocumentBuilder::copy_of). Besides ParseLimits::max_nodes, the nodes aliases
//   add are capped at max(alias_floor, alias_ratio x the nodes written out), which stops a "billion laughs"
//   after a few megabytes instead of at max_nodes.
// - Merge keys (`<<: *base`) are ordinary keys: the OpenAPI layer sees a "<<" member, not a merged mapping.
// - One document per file: a second one is an error.
#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "contract/parse.hpp"
#include "contract/parse_detail.hpp"

namespace apictl::contract {

namespace {

constexpr std::uint64_t alias_floor = 500'000;
constexpr std::uint64_t alias_ratio = 10;

bool is_decimal(char c) { return c >= '0' && c <= '9'; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_decimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

template <typename Predicate>
std::size_t count_while(std::string_view text, std::size_t from, Predicate predicate) {
  std::size_t at = from;
  while (at < text.size() && predicate(text[at])) ++at;
  return at - from;
}

template <typename Predicate>
bool all_of_nonempty(std::string_view text, Predicate predicate) {
  return !text.empty() && count_while(text, 0, predicate) == text.size();
}

// The numeric part of the YAML 1.2 core schema; nullopt when the text is not a number.
std::optional<NodeKind> resolve_number(std::string_view text) {
  if (text.starts_with("0o"))
    return all_of_nonempty(text.substr(2), is_octal) ? std::optional(NodeKind::integer) : std::nullopt;
  if (text.starts_with("0x"))
    return all_of_nonempty(text.substr(2), is_hex) ? std::optional(NodeKind::integer) : std::nullopt;
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return NodeKind::number;
  std::string_view body = text;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) body.remove_prefix(1);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return NodeKind::number;
  // [0-9]+ is an integer; ( \.[0-9]+ | [0-9]+ (\.[0-9]*)? ) ( [eE] [-+]? [0-9]+ )? a float.
  std::size_t at = 0;
  std::size_t whole = count_while(body, at, is_decimal);
  at += whole;
  bool fraction = at < body.size() && body[at] == '.';
  std::size_t fraction_digits = 0;
  if (fraction) {
    fraction_digits = count_while(body, ++at, is_decimal);
    at += fraction_digits;
  }
  if (whole == 0 && fraction_digits == 0) return std::nullopt;
  bool exponent = at < body.size() && (body[at] == 'e' || body[at] == 'E');
  if (exponent) {
    ++at;
    if (at < body.size() && (body[at] == '-' || body[at] == '+')) ++at;
    std::size_t digits = count_while(body, at, is_decimal);
    if (digits == 0) return std::nullopt;
    at += digits;
  }
  if (at != body.size()) return std::nullopt;
  return fraction || exponent ? NodeKind::number : NodeKind::integer;
}

// Type of a plain scalar by the YAML 1.2 core schema.
NodeKind resolve_plain(std::string_view text) {
  if (text.empty()) return NodeKind::null;
  switch (text[0]) {  // most plain scalars are words: the first character settles them
    case '~':
    case 'n':
    case 'N':
      return text == "~" || text == "null" || text == "Null" || text == "NULL" ? NodeKind::null : NodeKind::string;
    case 't':
    case 'T':
      return text == "true" || text == "True" || text == "TRUE" ? NodeKind::boolean : NodeKind::string;
    case 'f':
    case 'F':
      return text == "false" || text == "False" || text == "FALSE" ? NodeKind::boolean : NodeKind::string;
    case '-':
    case '+':
    case '.':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return resolve_number(text).value_or(NodeKind::string);
    default:
      return NodeKind::string;
  }
}

// Scalar text as the document stores it: booleans and nulls in their JSON spelling, everything else verbatim.
std::string_view stored_text(NodeKind kind, std::string_view text) {
  if (kind == NodeKind::null) return "null";
  if (kind == NodeKind::boolean) return text[0] == 't' || text[0] == 'T' ? "true" : "false";
  return text;
}

std::string_view as_view(const yaml_char_t* text) {
  return text == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(text));
}

// Byte offset of a libyaml mark (0-based line, column counted in characters) in the text; error paths only.
std::size_t offset_of(std::string_view text, const yaml_mark_t& mark) {
  std::size_t at = 0;
  for (std::size_t line = 0; line < mark.line && at < text.size(); ++at) {
    if (text[at] == '\n' || (text[at] == '\r' && (at + 1 == text.size() || text[at + 1] != '\n'))) ++line;
  }
  for (std::size_t column = 0; column < mark.column && at < text.size(); ++column) {
    do ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  }
  return at;
}

struct Explained {
  std::string message;
  std::string hint;
  bool at_context = false;  // the context mark (where the construct began) is the better place to point at
};

// libyaml's problem strings, said the way a person reading the file would want them.
Explained explain(std::string_view problem, std::string_view context, char at) {
  if (problem == "found character that cannot start any token" ||
      problem.find("tab character") != std::string_view::npos) {
    if (at == '\t') return {"a tab character cannot indent YAML", "indent with spaces only"};
    return {std::string("'") + at + "' cannot start a plain value", "put the value in quotes"};
  }
  if (problem == "mapping values are not allowed in this context") {
    return {"unexpected ':' here", "check the indentation, or quote a value that contains ': '"};
  }
  if (problem == "did not find expected key") {
    return {"expected a key at this indentation", "check the indentation of this line against the lines above"};
  }
  if (problem == "did not find expected '-' indicator") {
    return {"expected a '- ' list item at this indentation", "check the indentation of this line"};
  }
  if (problem == "block sequence entries are not allowed in this context") {
    return {"a '- ' list item is not allowed here", "check the indentation of this line"};
  }
  if (problem == "could not find expected ':'") {
    return {"expected ':' after this key", "write 'key: value', or quote a text that spans lines", true};
  }
  if (problem == "found unexpected end of stream" && context.find("quoted scalar") != std::string_view::npos) {
    return {"unterminated quoted string", "add the closing quote", true};
  }
  if (problem == "found unexpected end of stream") return {"unexpected end of the file", ""};
  if (problem == "did not find expected node content") return {"expected a value", ""};
  if (problem == "did not find expected ',' or ']'") {
    return {"expected ',' or ']' in a flow sequence", "close the '[' ... ']' list"};
  }
  if (problem == "did not find expected ',' or '}'") {
    return {"expected ',' or '}' in a flow mapping", "close the '{' ... '}' mapping"};
  }
  if (problem == "found incompatible YAML document") {
    return {"unsupported YAML version", "write '%YAML 1.2' or leave the directive out"};
  }
  if (problem == "found undefined tag handle") {
    return {"undefined tag handle", "declare it with a %TAG directive, or remove the tag"};
  }
  if (problem == "found unknown escape character") {
    return {"unknown escape sequence in a double-quoted string",
            "use single quotes for text with backslashes, or escape the backslash as \\\\"};
  }
  return {std::string(problem), ""};
}

// What libyaml's context ("while parsing a block mapping") was reading, in the user's words; "" to leave it out.
std::string_view context_noun(std::string_view context) {
  static constexpr std::pair<std::string_view, std::string_view> nouns[] = {{"block mapping", "mapping"},
                                                                            {"block collection", "list"},
                                                                            {"flow mapping", "'{' mapping"},
                                                                            {"flow sequence", "'[' list"},
                                                                            {"quoted scalar", "quoted text"},
                                                                            {"block scalar", "block text"},
                                                                            {"simple key", "key"},
                                                                            {"plain scalar", "value"},
                                                                            {"node", "value"},
                                                                            {"anchor", "anchor"},
                                                                            {"alias", "alias"},
                                                                            {"tag", "tag"}};
  for (auto [libyaml, ours] : nouns) {
    if (context.ends_with(libyaml)) return ours;
  }
  return {};
}

class YamlLoader {
 public:
  YamlLoader(Document& document, std::string_view text, ParseLimits limits)
      : document_(document), builder_(document, limits), text_(text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~YamlLoader() { yaml_parser_delete(&parser_); }
  YamlLoader(const YamlLoader&) = delete;
  YamlLoader& operator=(const YamlLoader&) = delete;

  Result<void> run() {
    while (true) {
      Event event;
      if (!yaml_parser_parse(&parser_, &event.data)) return std::unexpected(syntax_error());
      Result<void> done = handle(event.data);
      if (!done || event.data.type == YAML_STREAM_END_EVENT) return done;
    }
  }

 private:
  struct Event {  // owns what libyaml allocated for one event
    yaml_event_t data{};
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    ~Event() { yaml_event_delete(&data); }
  };
  struct Frame {
    bool mapping;
    bool want_key;
    NodeId id;
    std::string anchor;
  };
  struct Anchor {
    NodeId node = no_node;  // no_node: the anchor names a key, whose text and type follow
    std::uint64_t size = 1;
    std::string key_text;
    NodeKind key_kind = NodeKind::string;
  };

  Result<void> handle(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1) {
          return fail("parse-error", "more than one YAML document in the file", position(event.start_mark),
                      "a contract file holds one document: remove the extra '---' or split the file");
        }
        return {};
      case YAML_SCALAR_EVENT:
        return on_scalar(event);
      case YAML_ALIAS_EVENT:
        return on_alias(event);
      case YAML_MAPPING_START_EVENT:
        return on_start(event, true, event.data.mapping_start.anchor);
      case YAML_SEQUENCE_START_EVENT:
        return on_start(event, false, event.data.sequence_start.anchor);
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        return on_end();
      case YAML_STREAM_END_EVENT:
        if (documents_ == 0) {
          return fail("empty-file", "the file holds no YAML document, only comments or directives",
                      SourcePosition{document_.path(), 1, 1, {}},
                      "an OpenAPI document needs at least 'openapi', 'info' and 'paths' (or 'webhooks')");
        }
        return {};
      default:
        return {};
    }
  }

  bool key_expected() const { return !frames_.empty() && frames_.back().mapping && frames_.back().want_key; }
  void value_done() {
    if (!frames_.empty() && frames_.back().mapping) frames_.back().want_key = true;
  }
  // libyaml's marks are 0-based; columns count characters, as ours do.
  static detail::LineColumn line_column(const yaml_mark_t& mark) {
    return {static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
  }
  SourcePosition position(detail::LineColumn at) const {
    return SourcePosition{document_.path(), at.line, at.column, {}};
  }
  SourcePosition position(const yaml_mark_t& mark) const { return position(line_column(mark)); }

  Result<void> on_start(const yaml_event_t& event, bool mapping, const yaml_char_t* anchor) {
    auto at = line_column(event.start_mark);
    if (key_expected()) {
      return fail("parse-error", std::string("a ") + (mapping ? "mapping" : "sequence") + " cannot be a key",
                  position(at), "only scalar keys (names, numbers) are supported");
    }
    auto begun = mapping ? builder_.begin_mapping(at.line, at.column) : builder_.begin_sequence(at.line, at.column);
    if (!begun) return begun;
    frames_.push_back(
        Frame{mapping, true, static_cast<NodeId>(document_.node_count() - 1), std::string(as_view(anchor))});
    return {};
  }

  Result<void> on_end() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (auto ended = builder_.end_container(); !ended) return ended;
    if (!frame.anchor.empty()) anchors_[frame.anchor] = Anchor{frame.id, document_.node_count() - frame.id, {}, {}};
    value_done();
    return {};
  }

  Result<void> on_scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
    std::string_view anchor = as_view(scalar.anchor);
    auto at = line_column(event.start_mark);
    bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    auto kind = resolve(value, as_view(scalar.tag), plain, at);
    if (!kind) return std::unexpected(std::move(kind.error()));
    if (key_expected()) {
      if (auto keyed = builder_.key(value, at.line, at.column); !keyed) return keyed;
      frames_.back().want_key = false;
      if (!anchor.empty()) anchors_[std::string(anchor)] = Anchor{no_node, 1, std::string(value), *kind};
      return {};
    }
    if (auto added = builder_.scalar(*kind, stored_text(*kind, value), at.line, at.column); !added) return added;
    if (!anchor.empty())
      anchors_[std::string(anchor)] = Anchor{static_cast<NodeId>(document_.node_count() - 1), 1, {}, {}};
    value_done();
    return {};
  }

  // The scalar's type: explicit core tags are checked, `!` and `!!str` force a string, other tags are ignored.
  Result<NodeKind> resolve(std::string_view value, std::string_view tag, bool plain, detail::LineColumn at) {
    if (tag.empty()) return plain ? resolve_plain(value) : NodeKind::string;
    if (tag == "!" || tag == YAML_STR_TAG) return NodeKind::string;
    NodeKind wanted;
    if (tag == YAML_NULL_TAG) {
      wanted = NodeKind::null;
    } else if (tag == YAML_BOOL_TAG) {
      wanted = NodeKind::boolean;
    } else if (tag == YAML_INT_TAG) {
      wanted = NodeKind::integer;
    } else if (tag == YAML_FLOAT_TAG) {
      wanted = NodeKind::number;
    } else {
      return plain ? resolve_plain(value) : NodeKind::string;
    }
    NodeKind found = resolve_plain(value);
    if (found == wanted || (wanted == NodeKind::number && found == NodeKind::integer)) return wanted;
    return fail("parse-error", "'" + std::string(value) + "' is not a valid " + std::string(kind_name(wanted)),
                position(at), "remove the tag or fix the value");
  }

  Result<void> on_alias(const yaml_event_t& event) {
    std::string name(as_view(event.data.alias.anchor));
    auto at = line_column(event.start_mark);
    for (const Frame& frame : frames_) {
      if (frame.anchor == name) {
        return fail("parse-error", "alias '*" + name + "' refers to a node that contains it", position(at),
                    "recursive structures cannot be represented; use a $ref instead");
      }
    }
    auto found = anchors_.find(name);
    if (found == anchors_.end()) {
      return fail("parse-error", "alias '*" + name + "' has no anchor", position(at),
                  "define '&" + name + "' before using it");
    }
    const Anchor& anchor = found->second;
    NodeKind anchored = anchor.node == no_node ? anchor.key_kind : document_.node(anchor.node).kind;
    bool scalar_anchor = anchored != NodeKind::mapping && anchored != NodeKind::sequence;
    if (key_expected()) {
      if (!scalar_anchor) {
        return fail("parse-error", "alias '*" + name + "' names a mapping or sequence and cannot be a key",
                    position(at), "only scalar keys (names, numbers) are supported");
      }
      std::string text(anchor.node == no_node ? anchor.key_text : document_.node(anchor.node).text);
      if (auto keyed = builder_.key(text, at.line, at.column); !keyed) return keyed;
      frames_.back().want_key = false;
      return {};
    }
    if (anchor.node == no_node) {
      auto added = builder_.scalar(anchor.key_kind, stored_text(anchor.key_kind, anchor.key_text), at.line, at.column);
      if (!added) return added;
      value_done();
      return {};
    }
    std::uint64_t written = document_.node_count() - alias_nodes_;
    if (alias_nodes_ + anchor.size > std::max(alias_floor, alias_ratio * written)) {
      return fail("too-large",
                  "YAML aliases expand the document too much (" + std::to_string(alias_nodes_ + anchor.size) +
                      " nodes through aliases for " + std::to_string(written) + " written out)",
                  position(at),
                  "aliases that repeat large nodes (a 'billion laughs') are refused; use $ref to share parts");
    }
    if (auto copied = builder_.copy_of(anchor.node, at.line, at.column); !copied) return copied;
    alias_nodes_ += anchor.size;
    value_done();
    return {};
  }

  Diagnostic syntax_error() const {
    if (parser_.error == YAML_MEMORY_ERROR) {
      return Diagnostic{Severity::error, "too-large", "not enough memory to parse the document",
                        SourcePosition{document_.path(), 0, 0, {}}, ""};
    }
    std::string_view problem = parser_.problem != nullptr ? parser_.problem : "syntax error";
    if (parser_.error == YAML_READER_ERROR) {
      // Reader errors carry a byte offset instead of a mark. check_text has caught bad UTF-8 and NUL already,
      // so what is left are control characters YAML forbids (U+0001, U+007F, ...).
      auto at = detail::line_column_at(text_, parser_.problem_offset);
      SourcePosition where{document_.path(), at.line, at.column, {}};
      if (problem == "control characters are not allowed") {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(parser_.problem_value));
        return Diagnostic{Severity::error, "parse-error",
                          std::string("control character ") + code + " is not allowed in YAML", std::move(where),
                          "remove it, or write it as an escape in a double-quoted string"};
      }
      return Diagnostic{Severity::error, "invalid-utf8", "invalid UTF-8: " + std::string(problem), std::move(where),
                        "save the file as UTF-8"};
    }
    std::string_view context = parser_.context != nullptr ? parser_.context : "";
    std::size_t offset = offset_of(text_, parser_.problem_mark);
    auto [message, hint, at_context] = explain(problem, context, offset < text_.size() ? text_[offset] : ' ');
    yaml_mark_t mark = at_context && !context.empty() ? parser_.context_mark : parser_.problem_mark;
    bool same_place = parser_.context_mark.line == parser_.problem_mark.line &&
                      parser_.context_mark.column == parser_.problem_mark.column;
    if (std::string_view what = context_noun(context); !what.empty() && !at_context && !same_place) {
      if (!hint.empty()) hint += "; ";
      hint += "the " + std::string(what) + " starts at line " + std::to_string(parser_.context_mark.line + 1) +
              ", column " + std::to_string(parser_.context_mark.column + 1);
    }
    return Diagnostic{Severity::error, "parse-error", std::move(message), position(mark), std::move(hint)};
  }

  Document& document_;
  DocumentBuilder builder_;
  std::string_view text_;
  yaml_parser_t parser_;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, Anchor> anchors_;
  std::uint64_t alias_nodes_ = 0;  // nodes added by copying anchored nodes
  int documents_ = 0;
};

}  // namespace

Result<std::unique_ptr<Document>> parse_yaml(std::string path, std::string source, ParseLimits limits) try {
  auto document = std::make_unique<Document>(std::move(path), std::move(source));
  YamlLoader loader(*document, detail::strip_bom(document->source()), limits);
  if (auto loaded = loader.run(); !loaded) return std::unexpected(std::move(loaded.error()));
  return document;
} catch (const std::bad_alloc&) {
  return fail("too-large", "not enough memory to hold the document", {}, "");
}

}  // namespace apictl::contract
