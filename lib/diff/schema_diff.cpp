// The schema comparator: walks two schemas in parallel and emits <context>-<atom> changes.
#include "diff/schema_diff.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "diff/check_ids.hpp"
#include "diff/lifecycle.hpp"

namespace apictl::diff {

namespace {

using contract::NodeRef;

// Comparing stops after this many schema pairs in one compare_schemas call: a guard against pathological
// contracts, never reached by real ones (unchanged subtrees are skipped by their hash, pairs seen are not
// queued again).
constexpr std::size_t max_pairs_per_site = 200'000;

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string join_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "/" + std::string(name);
}

std::set<std::string> string_set(NodeRef list) {
  std::set<std::string> out;
  for (auto item : list.members()) {
    if (item.value.is_scalar()) out.emplace(item.value.text());
  }
  return out;
}

// A scalar or container as short text for messages and set comparison; containers by their hash elsewhere.
std::string literal(NodeRef node) {
  if (!node) return "";
  if (node.is_string()) return "'" + std::string(node.text()) + "'";
  if (node.is_scalar()) return std::string(node.text());
  return node.is_mapping() ? "{...}" : "[...]";
}

// Whether two lists give the same literal() item by item, so the same set of values, without building it.
bool same_literals(NodeRef from, NodeRef to) {
  if (from.size() != to.size()) return false;
  auto left = from.members();
  auto right = to.members();
  for (auto l = left.begin(), r = right.begin(); l != left.end(); ++l, ++r) {
    NodeRef a = (*l).value;
    NodeRef b = (*r).value;
    // literal() is "'text'" for strings, the text for other scalars, and the kind alone for containers.
    bool a_string = a.is_string();
    bool a_scalar = a.is_scalar();
    if (a_string != b.is_string() || a_scalar != b.is_scalar()) return false;
    if (a_scalar ? a.text() != b.text() : a.is_mapping() != b.is_mapping()) return false;
  }
  return true;
}

struct TypeInfo {
  std::set<std::string> types;  // without "null"
  bool nullable = false;
  std::string format;
};

template <typename Schema>  // a NodeRef or a SchemaView
TypeInfo type_info(const Schema& schema) {
  TypeInfo info;
  NodeRef type = schema["type"];
  if (type.is_string()) info.types.emplace(type.text());
  for (auto item : type.members()) info.types.emplace(item.value.text());
  if (info.types.erase("null") > 0) info.nullable = true;
  if (schema["nullable"].as_bool()) info.nullable = true;  // 3.0's form
  info.format = std::string(schema["format"].text());
  return info;
}

std::string type_text(const TypeInfo& info) {
  std::string out;
  for (const auto& type : info.types) out += (out.empty() ? "" : ", ") + type;
  if (out.empty()) out = "any";
  if (!info.format.empty()) out += "/" + info.format;
  return out;
}

// Formats that accept every value of another: int32 -> int64, float -> double, or no format at all.
bool format_widens(std::string_view from, std::string_view to) {
  if (to.empty()) return true;
  return (from == "int32" && to == "int64") || (from == "float" && to == "double");
}

bool is_annotation_keyword(std::string_view key) {
  return key == "description" || key == "title" || key == "example" || key == "examples" || key == "$comment" ||
         key == "externalDocs" || key == "deprecated" || key.starts_with("x-");
}

// Numeric keywords and the atom oasdiff names them by.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> numeric_keywords = {{
    {"maximum", "max"},
    {"minimum", "min"},
    {"exclusiveMaximum", "exclusive-max"},
    {"exclusiveMinimum", "exclusive-min"},
    {"maxLength", "max-length"},
    {"minLength", "min-length"},
    {"maxItems", "max-items"},
    {"minItems", "min-items"},
    {"maxContains", "max-contains"},
    {"minContains", "min-contains"},
}};

// Keywords holding a subschema whose appearance or disappearance is a change of its own.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> subschema_keywords = {{
    {"contains", "contains"},
    {"if", "if"},
    {"then", "then"},
    {"else", "else"},
    {"propertyNames", "property-names"},
    {"unevaluatedItems", "unevaluated-items"},
    {"unevaluatedProperties", "unevaluated-properties"},
    {"contentSchema", "content-schema"},
}};

// A schema seen through its allOf: the schema itself first, then every allOf member (transitively, $refs
// followed), without copying anything. A keyword reads from the first part that has it; properties and
// required are the union. Used when only one side has allOf, so `{allOf: [$ref: Pet], nullable: true}` and a
// nullable Pet compare by meaning; when both sides have allOf, its lists are compared member by member.
class SchemaView {
 public:
  SchemaView(NodeRef node, const Side& side, bool merge_all_of) {
    parts_.push_back(node);
    if (!merge_all_of) return;
    std::set<std::pair<const contract::Document*, contract::NodeId>> seen{{&node.document(), node.id()}};
    for (std::size_t next = 0; next < parts_.size() && parts_.size() < max_parts; ++next) {
      for (auto member : parts_[next]["allOf"].members()) {
        NodeRef part = side.deref(member.value);
        if (part.is_mapping() && seen.emplace(&part.document(), part.id()).second) parts_.push_back(part);
      }
    }
  }

  NodeRef node() const { return parts_.front(); }
  // Where a change to the schema as a whole is reported.
  operator NodeRef() const { return node(); }  // NOLINT(google-explicit-constructor)
  bool merged() const { return parts_.size() > 1; }
  NodeRef operator[](std::string_view key) const {
    for (NodeRef part : parts_) {
      if (NodeRef value = part[key]) return value;
    }
    return {};
  }
  // Properties of every part, the first definition of a name winning, in part order.
  std::vector<std::pair<std::string_view, NodeRef>> properties() const {
    std::vector<std::pair<std::string_view, NodeRef>> out;
    std::set<std::string_view> names;
    for (NodeRef part : parts_) {
      for (auto [name, value] : part["properties"].members()) {
        if (names.insert(name).second) out.emplace_back(name, value);
      }
    }
    return out;
  }
  std::set<std::string> required() const {
    std::set<std::string> out;
    for (NodeRef part : parts_) out.merge(string_set(part["required"]));
    return out;
  }

 private:
  static constexpr std::size_t max_parts = 256;
  std::vector<NodeRef> parts_;
};

// Where the comparison is inside the site's schema.
struct Place {
  std::string path;        // property path: "" for the site's schema, "name", "address/street", "items"
  bool read_only = false;  // the property is readOnly in the revision
  bool write_only = false;
  // Named by the site's own prefix (request-body-*, request-parameter-*): the site's schema, and the items of
  // a parameter's array, which oasdiff reports as the parameter's.
  bool site_level = true;
  bool top() const { return site_level; }
};

// How messages name the place (of `place`'s kind, at `path`): "request body", "response property 'owner/name'",
// "property 'a' of header 'X'".
std::string describe(const SchemaScope& scope, const Place& place, const std::string& path) {
  if (place.top()) return path.empty() ? scope.label : scope.label + " " + path;
  if (scope.site == SchemaSite::query_parameter || scope.site == SchemaSite::header_parameter ||
      scope.site == SchemaSite::response_header) {
    return "property " + in_quotes(path) + " of " + scope.label;
  }
  bool request = scope.site != SchemaSite::response_body;
  return std::string(request ? "request property " : "response property ") + in_quotes(path);
}

// One difference found below a site's schema, before it is attached to an operation.
struct SchemaFinding {
  std::string_view id;  // a CheckInfo's, which lives as long as the program
  Place place;
  std::string phrase;
  std::string detail;  // distinguishes findings at one place (an enum value, a subschema name)
  NodeRef base;
  NodeRef revision;
};

struct PairResult;

// A pair below another, to compare next.
struct Queued {
  NodeRef base;
  NodeRef revision;
  Place place;                                 // relative to the pair above
  mutable const PairResult* result = nullptr;  // what the pair yields, once looked up
};

// What one schema pair yields, at paths relative to the pair.
struct PairResult {
  std::vector<SchemaFinding> findings;
  std::vector<Queued> children;
};

// Every pair compared in one diff, by all that decides what it yields: the site's kind, XML, the operation's
// stability, both schemas, and the kind of place (not its path, which only prefixes what is found).
struct LocalMemo {
  using Key = std::tuple<SchemaSite, bool, std::string_view, const contract::Document*, contract::NodeId,
                         const contract::Document*, contract::NodeId, bool, bool, bool>;
  std::map<Key, PairResult> pairs;
};

// A finding of a pair, at the path where one site's walk reached it.
struct Found {
  const SchemaFinding* finding;  // inside LocalMemo, which outlives it
  std::string path;
};

// Finds the differences between two schemas. What it finds depends only on the schemas and the site's kind,
// not on the operation, so compare_schemas reuses it for every operation that reaches the same pair.
class SchemaComparer {
 public:
  SchemaComparer(Comparison& comparison, const SchemaScope& scope, LocalMemo& memo)
      : comparison_(comparison), scope_(scope), memo_(memo) {}

  // Breadth first, so each change is reported at the shortest property path that reaches it; every
  // (base, revision, place kind) pair is compared once per site, which bounds the work on recursive and densely
  // linked schemas (Stripe's expandable objects) and makes cycles terminate. What one pair yields is computed
  // once per diff (LocalMemo) and replayed under each path that reaches it.
  std::vector<Found> run(NodeRef base, NodeRef revision) {
    if (auto pair = comparable(base, revision)) visit(pair->first, pair->second, root_, 0);
    for (std::size_t next = 0; next < walk_.size() && next < max_pairs_per_site; ++next) {
      const Step step = walk_[next];  // a copy: visit() grows walk_
      const PairResult* local = step.via->result;
      if (local == nullptr) {
        local = &local_result(step.base, step.revision, step.via->place);
        step.via->result = local;
      }
      if (!local->findings.empty()) {
        const std::string& path = path_of(next);
        for (const SchemaFinding& finding : local->findings) {
          findings_.push_back(Found{&finding, join(path, finding.place.path)});
        }
      }
      for (const Queued& child : local->children) visit(child.base, child.revision, child, next);
    }
    return std::move(findings_);
  }

 private:
  // A pair on this site's walk, reached through `via` from the pair at walk_[parent].
  struct Step {
    NodeRef base;
    NodeRef revision;
    const Queued* via;
    std::size_t parent;
  };

  static std::string join(const std::string& path, const std::string& relative) {
    if (path.empty()) return relative;
    return relative.empty() ? path : path + "/" + relative;
  }

  // The property path of walk_[index]: built only for pairs with findings.
  // Remembered per pair: the findings of a walk sit below a few pairs, each path a step longer than its parent's.
  const std::string& path_of(std::size_t index) {
    if (auto known = paths_.find(index); known != paths_.end()) return known->second;
    std::string path =
        index == 0 ? walk_[0].via->place.path : join(path_of(walk_[index].parent), walk_[index].via->place.path);
    return paths_.emplace(index, std::move(path)).first->second;
  }

  // Both schemas, $refs followed, when they are objects that differ in meaning; nullopt otherwise.
  std::optional<std::pair<NodeRef, NodeRef>> comparable(NodeRef base, NodeRef revision) {
    base = comparison_.base().deref(base);
    revision = comparison_.revision().deref(revision);
    if (!base.is_mapping() || !revision.is_mapping()) return std::nullopt;
    if (comparison_.base().hasher.hash(base) == comparison_.revision().hasher.hash(revision)) return std::nullopt;
    return std::pair{base, revision};
  }

  void visit(NodeRef base, NodeRef revision, const Queued& via, std::size_t parent) {
    const Place& place = via.place;
    SeenKey key{&base.document(), &revision.document(), base.id(), revision.id(),
                static_cast<std::uint8_t>(place.site_level | place.read_only << 1 | place.write_only << 2)};
    if (!seen_.insert(key).second) return;
    walk_.push_back(Step{base, revision, &via, parent});
  }

  // What comparing one pair yields, at paths relative to it: its own findings and the pairs below it to compare.
  const PairResult& local_result(NodeRef base, NodeRef revision, const Place& place) {
    LocalMemo::Key key{scope_.site,     scope_.xml,           scope_.stability.text(), &base.document(),
                       base.id(),       &revision.document(), revision.id(),           place.site_level,
                       place.read_only, place.write_only};
    auto [entry, inserted] = memo_.pairs.try_emplace(key);
    if (inserted) {
      current_ = &entry->second;
      compare(base, revision, Place{"", place.read_only, place.write_only, place.site_level});
      current_ = nullptr;
    }
    return entry->second;
  }

  // Called by compare(): a pair below the one being compared.
  void descend(NodeRef base, NodeRef revision, Place place) {
    if (auto pair = comparable(base, revision)) {
      current_->children.push_back(Queued{pair->first, pair->second, std::move(place)});
    }
  }

  void compare(NodeRef base_node, NodeRef revision_node, const Place& place) {
    // allOf is merged into a view only when one side has it: that is a refactoring, not a list change.
    bool one_sided_all_of = static_cast<bool>(base_node["allOf"]) != static_cast<bool>(revision_node["allOf"]);
    SchemaView base(base_node, comparison_.base(), one_sided_all_of);
    SchemaView revision(revision_node, comparison_.revision(), one_sided_all_of);
    if (place.top() && wrapped_in_one_of(base, revision, place)) return;
    if (!place.top()) {
      compare_deprecation(base_node, revision_node, place);
      compare_stability(base_node, revision_node, place);
    }
    compare_type(base, revision, place);
    compare_enum(base, revision, place);
    compare_numbers(base, revision, place);
    compare_pattern(base, revision, place);
    compare_values(base, revision, place);
    compare_subschema_keywords(base, revision, place);
    compare_dependent_required(base, revision, place);
    compare_discriminator(base, revision, place);
    // One-sided allOf members are merged, not reported, except annotation-only ones (oasdiff's INFO ids).
    compare_composition("allOf", "all-of", base, revision, place, one_sided_all_of);
    compare_composition("anyOf", "any-of", base, revision, place);
    compare_composition("oneOf", "one-of", base, revision, place);
    compare_properties(base, revision, place);
    if (base["items"] && revision["items"]) {
      descend(base["items"], revision["items"], child_place(place, "items", revision["items"]));
    }
    if (base["additionalProperties"].is_mapping() && revision["additionalProperties"].is_mapping()) {
      descend(base["additionalProperties"], revision["additionalProperties"],
              child_place(place, "additionalProperties", revision["additionalProperties"]));
    }
  }

  bool request() const {
    return scope_.site != SchemaSite::response_body && scope_.site != SchemaSite::response_header;
  }

  // The id prefixes to try for an atom at `place`, most specific first (static lists: asked for every atom).
  std::span<const std::string_view> prefixes(const Place& place) const {
    static constexpr std::string_view request_body[] = {"request-body"};
    static constexpr std::string_view request_read_only[] = {"request-read-only-property", "request-property"};
    static constexpr std::string_view request_property[] = {"request-property"};
    static constexpr std::string_view request_parameter[] = {"request-parameter"};
    static constexpr std::string_view request_parameter_property[] = {"request-parameter-property"};
    static constexpr std::string_view request_header_property[] = {"request-header-property",
                                                                   "request-parameter-property"};
    static constexpr std::string_view response_body[] = {"response-body", "response-mediatype"};
    static constexpr std::string_view response_write_only[] = {"response-write-only-property", "response-property"};
    static constexpr std::string_view response_property[] = {"response-property"};
    static constexpr std::string_view response_header[] = {"response-header"};
    switch (scope_.site) {
      case SchemaSite::request_body:
        if (place.top()) return request_body;
        if (place.read_only) return request_read_only;
        return request_property;
      case SchemaSite::query_parameter:
        return place.top() ? std::span<const std::string_view>(request_parameter) : request_parameter_property;
      case SchemaSite::header_parameter:
        return place.top() ? std::span<const std::string_view>(request_parameter) : request_header_property;
      case SchemaSite::response_body:
        if (place.top()) return response_body;
        if (place.write_only) return response_write_only;
        return response_property;
      case SchemaSite::response_header:
        return place.top() ? std::span<const std::string_view>(response_header) : std::span<const std::string_view>();
    }
    return {};
  }

  // Emits the first `<prefix>-<atom>` the registry knows.
  void emit_atom(const Place& place, std::string_view atom, std::string_view phrase, std::string_view detail,
                 NodeRef base, NodeRef revision) {
    for (std::string_view prefix : prefixes(place)) {
      if (emit_check(find_check(prefix, atom), place, phrase, detail, base, revision)) return;
    }
  }

  bool emit_id(std::string_view id, const Place& place, std::string_view phrase, std::string_view detail, NodeRef base,
               NodeRef revision) {
    return emit_check(find_check(id), place, phrase, detail, base, revision);
  }

  // Records a finding of `check`; false when there is no such check.
  bool emit_check(const CheckInfo* check, const Place& place, std::string_view phrase, std::string_view detail,
                  NodeRef base, NodeRef revision) {
    if (check == nullptr) return false;
    current_->findings.push_back(
        SchemaFinding{check->id, place, std::string(phrase), std::string(detail), base, revision});
    return true;
  }

  Place child_place(const Place& parent, std::string_view name, NodeRef revision_schema) {
    NodeRef schema = comparison_.revision().deref(revision_schema);
    bool parameter_items = name == "items" && parent.top() &&
                           (scope_.site == SchemaSite::query_parameter || scope_.site == SchemaSite::header_parameter);
    return Place{join_path(parent.path, name), schema["readOnly"].as_bool(), schema["writeOnly"].as_bool(),
                 parameter_items};
  }

  bool wrapped_in_one_of(const SchemaView& base, const SchemaView& revision, const Place& place) {
    NodeRef options = revision["oneOf"];
    if (base["oneOf"] || !options.is_sequence() || revision["type"] || revision["properties"]) return false;
    if (!base["type"] && !base["properties"]) return false;
    emit_atom(place, "wrapped-in-one-of", "now wrapped in oneOf", "", base, options);
    return true;
  }

  void compare_deprecation(NodeRef base, NodeRef revision, const Place& place) {
    NodeRef sunset = revision["x-sunset"];
    switch (judge_deprecation(base, revision, scope_.stability, comparison_.options())) {
      case Deprecation::none:
      case Deprecation::invalid_stability:  // reported once for the operation
        break;
      case Deprecation::deprecated:
        emit_atom(place, "deprecated", "deprecated", "", base, revision["deprecated"]);
        break;
      case Deprecation::deprecated_with_sunset:
        emit_atom(place, "deprecated-with-sunset", "deprecated with sunset " + std::string(sunset.text()), "", base,
                  sunset);
        break;
      case Deprecation::sunset_missing:
        emit_atom(place, "deprecated-sunset-missing", "deprecated without x-sunset; the policy requires one", "", base,
                  revision["deprecated"]);
        break;
      case Deprecation::sunset_invalid:
        emit_atom(place, "deprecated-sunset-invalid", "x-sunset " + in_quotes(sunset.text()) + " is not a date", "",
                  base, sunset);
        break;
      case Deprecation::sunset_too_small:
        emit_atom(place, "sunset-date-too-small",
                  "x-sunset " + std::string(sunset.text()) + " is sooner than the policy allows", "", base, sunset);
        break;
      case Deprecation::reactivated:
        emit_atom(place, "reactivated", "no longer deprecated", "", base["deprecated"], revision);
        break;
    }
  }

  // x-stability-level of a body property; absent means stable, as for operations.
  void compare_stability(NodeRef base, NodeRef revision, const Place& place) {
    if (scope_.site != SchemaSite::request_body && scope_.site != SchemaSite::response_body) return;
    NodeRef before = base["x-stability-level"];
    NodeRef after = revision["x-stability-level"];
    for (NodeRef level : {before, after}) {
      if (!parse_stability(level)) {
        emit_id("api-invalid-stability-level", place,
                "x-stability-level " + in_quotes(level.text()) + " is not draft, alpha, beta or stable", "",
                level == before ? level : NodeRef{}, level == after ? level : NodeRef{});
        return;
      }
    }
    auto from = *parse_stability(before);
    auto to = *parse_stability(after);
    if (from == to) return;
    emit_atom(place, to < from ? "stability-decreased" : "stability-increased",
              "stability level changed from " + in_quotes(before ? before.text() : "stable") + " to " +
                  in_quotes(after ? after.text() : "stable"),
              "", before ? before : base, after ? after : revision);
  }

  void compare_type(const SchemaView& base, const SchemaView& revision, const Place& place) {
    TypeInfo from = type_info(base);
    TypeInfo to = type_info(revision);
    if (from.nullable != to.nullable) {
      emit_atom(place, to.nullable ? "became-nullable" : "became-not-nullable",
                to.nullable ? "became nullable" : "became not nullable", "",
                base["nullable"] ? base["nullable"] : base["type"],
                revision["nullable"] ? revision["nullable"] : revision["type"]);
    }
    if (from.types == to.types && from.format == to.format) return;
    // A side without `type` accepts anything; oasdiff reports only changes between named types.
    if (from.types.empty() || to.types.empty()) return;
    NodeRef base_node = base["type"] ? base["type"] : base;
    NodeRef revision_node = revision["type"] ? revision["type"] : revision;
    std::string phrase = "type/format changed from " + in_quotes(type_text(from)) + " to " + in_quotes(type_text(to));
    if (from.types.size() > 1 || to.types.size() > 1) {
      bool widened = std::ranges::includes(to.types, from.types);
      bool narrowed = std::ranges::includes(from.types, to.types);
      if (widened != narrowed) {
        emit_atom(place, widened ? "list-of-types-widened" : "list-of-types-narrowed", phrase, "", base_node,
                  revision_node);
        return;
      }
    }
    bool same_types = from.types == to.types;
    bool integer_to_number =
        from.types == std::set<std::string>{"integer"} && to.types == std::set<std::string>{"number"};
    bool number_to_integer =
        from.types == std::set<std::string>{"number"} && to.types == std::set<std::string>{"integer"};
    std::string_view atom = "type-changed";
    bool parameter = scope_.site == SchemaSite::query_parameter || scope_.site == SchemaSite::header_parameter;
    bool scalar_to = to.types.size() == 1 &&
                     (to.types.contains("number") || to.types.contains("integer") || to.types.contains("boolean"));
    bool object_string =
        (from.types == std::set<std::string>{"object"} && to.types == std::set<std::string>{"string"}) ||
        (from.types == std::set<std::string>{"string"} && to.types == std::set<std::string>{"object"});
    if (scope_.xml && object_string) {
      // In XML an element with text and one with children are written alike.
      atom = "type-compatible";
    } else if (parameter && from.types == std::set<std::string>{"string"} && scalar_to) {
      // Parameters travel as text: a string parameter accepted every number; a number one accepts fewer.
      atom = "type-specialized";
    } else if ((same_types && format_widens(from.format, to.format)) || (integer_to_number && to.format.empty())) {
      atom = "type-generalized";
    } else if ((same_types && format_widens(to.format, from.format)) || (number_to_integer && from.format.empty())) {
      atom = "type-specialized";
    }
    for (std::string_view prefix : prefixes(place)) {
      if (emit_check(find_check(prefix, atom), place, phrase, "", base_node, revision_node)) return;
    }
    emit_atom(place, "type-changed", phrase, "", base_node, revision_node);
  }

  void compare_enum(const SchemaView& base, const SchemaView& revision, const Place& place) {
    for (std::string_view keyword : {std::string_view("enum"), std::string_view("x-extensible-enum")}) {
      std::string atom_prefix = keyword == "enum" ? "" : "x-extensible-";
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      if (!from && !to) continue;
      if (!from && to.is_sequence()) {
        if (keyword == "enum") emit_atom(place, "became-enum", "became an enum", "", base, to);
        continue;
      }
      if (!to) continue;                      // enum removed: every value is accepted now; oasdiff has no id for it
      if (same_literals(from, to)) continue;  // most enums are unchanged: no sets to build
      std::set<std::string> before;
      std::set<std::string> after;
      for (auto item : from.members()) before.insert(literal(item.value));
      for (auto item : to.members()) after.insert(literal(item.value));
      for (const auto& value : before) {
        if (!after.contains(value)) {
          emit_atom(place, atom_prefix + "enum-value-removed", "enum value " + value + " removed", value, from, to);
        }
      }
      for (const auto& value : after) {
        if (!before.contains(value)) {
          emit_atom(place, atom_prefix + "enum-value-added", "enum value " + value + " added", value, from, to);
        }
      }
    }
  }

  void compare_numbers(const SchemaView& base, const SchemaView& revision, const Place& place) {
    for (auto [keyword, atom] : numeric_keywords) {
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      // 3.0's boolean exclusiveMaximum/Minimum modifies maximum/minimum; not a bound of its own.
      if (from.is_bool() || to.is_bool()) continue;
      auto before = from.as_number();
      auto after = to.as_number();
      std::string name(keyword);
      if (before && after) {
        if (*before == *after) continue;
        bool increased = *after > *before;
        emit_atom(place, std::string(atom) + (increased ? "-increased" : "-decreased"),
                  name + (increased ? " increased" : " decreased") + " from " + std::string(from.text()) + " to " +
                      std::string(to.text()),
                  "", from, to);
      } else if (after) {
        emit_atom(place, std::string(atom) + "-set", name + " set to " + std::string(to.text()), "", base, to);
      } else if (before) {
        emit_atom(place, std::string(atom) + "-unset", name + " " + std::string(from.text()) + " removed", "", from,
                  revision);
      }
    }
  }

  void compare_pattern(const SchemaView& base, const SchemaView& revision, const Place& place) {
    // An empty pattern constrains nothing: the same as none.
    NodeRef from = base["pattern"].text().empty() ? NodeRef{} : base["pattern"];
    NodeRef to = revision["pattern"].text().empty() ? NodeRef{} : revision["pattern"];
    if (from.text() == to.text() && static_cast<bool>(from) == static_cast<bool>(to)) return;
    if (!from) {
      emit_atom(place, "pattern-added", "pattern " + in_quotes(to.text()) + " added", "", base, to);
    } else if (!to) {
      emit_atom(place, "pattern-removed", "pattern " + in_quotes(from.text()) + " removed", "", from, revision);
    } else {
      // ".*" accepts everything the old pattern did.
      bool any_string = to.text() == ".*" || to.text() == "^.*$";
      emit_atom(place, any_string ? "pattern-generalized" : "pattern-changed",
                "pattern changed from " + in_quotes(from.text()) + " to " + in_quotes(to.text()), "", from, to);
    }
  }

  // default and const: added, removed or changed.
  void compare_values(const SchemaView& base, const SchemaView& revision, const Place& place) {
    for (auto [keyword, atom] : {std::pair<std::string_view, std::string_view>{"default", "default-value"},
                                 std::pair<std::string_view, std::string_view>{"const", "const"}}) {
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      if (!from && !to) continue;
      std::string name(keyword);
      if (!from) {
        emit_atom(place, std::string(atom) + "-added", name + " " + literal(to) + " added", "", base, to);
      } else if (!to) {
        emit_atom(place, std::string(atom) + "-removed", name + " " + literal(from) + " removed", "", from, revision);
      } else if (comparison_.base().hasher.hash(from) != comparison_.revision().hasher.hash(to)) {
        emit_atom(place, std::string(atom) + "-changed", name + " changed from " + literal(from) + " to " + literal(to),
                  "", from, to);
      }
    }
  }

  void compare_subschema_keywords(const SchemaView& base, const SchemaView& revision, const Place& place) {
    for (auto [keyword, atom] : subschema_keywords) {
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      if (static_cast<bool>(from) == static_cast<bool>(to)) continue;
      std::string name(keyword);
      if (to) {
        emit_atom(place, std::string(atom) + "-added", name + " added", "", base, to);
      } else {
        emit_atom(place, std::string(atom) + "-removed", name + " removed", "", from, revision);
      }
    }
    for (auto [keyword, atom] :
         {std::pair<std::string_view, std::string_view>{"contentMediaType", "content-media-type"},
          std::pair<std::string_view, std::string_view>{"contentEncoding", "content-encoding"}}) {
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      if (from.text() != to.text()) {
        emit_atom(place, std::string(atom) + "-changed",
                  std::string(keyword) + " changed from " + literal(from) + " to " + literal(to), "", from, to);
      }
    }
    for (auto [keyword, atom] :
         {std::pair<std::string_view, std::string_view>{"patternProperties", "pattern-property"},
          std::pair<std::string_view, std::string_view>{"dependentSchemas", "dependent-schema"}}) {
      NodeRef from = base[keyword];
      NodeRef to = revision[keyword];
      for (auto [name, value] : from.members()) {
        if (!to[name])
          emit_atom(place, std::string(atom) + "-removed", std::string(keyword) + " " + in_quotes(name) + " removed",
                    name, value, to);
      }
      for (auto [name, value] : to.members()) {
        if (!from[name])
          emit_atom(place, std::string(atom) + "-added", std::string(keyword) + " " + in_quotes(name) + " added", name,
                    from, value);
      }
    }
    std::size_t before = base["prefixItems"].size();
    std::size_t after = revision["prefixItems"].size();
    if (before != after) {
      emit_atom(place, after > before ? "prefix-items-added" : "prefix-items-removed",
                "prefixItems changed from " + std::to_string(before) + " to " + std::to_string(after) + " items", "",
                base["prefixItems"], revision["prefixItems"]);
    }
  }

  void compare_dependent_required(const SchemaView& base, const SchemaView& revision, const Place& place) {
    NodeRef from = base["dependentRequired"];
    NodeRef to = revision["dependentRequired"];
    for (auto [name, value] : from.members()) {
      NodeRef now = to[name];
      if (!now) {
        emit_atom(place, "dependent-required-removed", "dependentRequired of " + in_quotes(name) + " removed", name,
                  value, to);
      } else if (string_set(value) != string_set(now)) {
        emit_atom(place, "dependent-required-changed", "dependentRequired of " + in_quotes(name) + " changed", name,
                  value, now);
      }
    }
    for (auto [name, value] : to.members()) {
      if (!from[name]) {
        emit_atom(place, "dependent-required-added", "dependentRequired of " + in_quotes(name) + " added", name, from,
                  value);
      }
    }
  }

  void compare_discriminator(const SchemaView& base, const SchemaView& revision, const Place& place) {
    NodeRef from = base["discriminator"];
    NodeRef to = revision["discriminator"];
    if (!from && !to) return;
    if (!from || !to) {
      emit_atom(place, to ? "discriminator-added" : "discriminator-removed",
                to ? "discriminator added" : "discriminator removed", "", from ? from : base, to ? to : revision);
      return;
    }
    if (from["propertyName"].text() != to["propertyName"].text()) {
      emit_atom(place, "discriminator-property-name-changed",
                "discriminator property changed from " + in_quotes(from["propertyName"].text()) + " to " +
                    in_quotes(to["propertyName"].text()),
                "", from["propertyName"], to["propertyName"]);
    }
    NodeRef old_mapping = from["mapping"];
    NodeRef new_mapping = to["mapping"];
    for (auto [value, target] : old_mapping.members()) {
      NodeRef now = new_mapping[value];
      if (!now) {
        emit_atom(place, "discriminator-mapping-deleted", "discriminator mapping " + in_quotes(value) + " deleted",
                  value, target, new_mapping);
      } else if (now.text() != target.text()) {
        emit_atom(place, "discriminator-mapping-changed",
                  "discriminator mapping " + in_quotes(value) + " changed from " + in_quotes(target.text()) + " to " +
                      in_quotes(now.text()),
                  value, target, now);
      }
    }
    for (auto [value, target] : new_mapping.members()) {
      if (!old_mapping[value]) {
        emit_atom(place, "discriminator-mapping-added", "discriminator mapping " + in_quotes(value) + " added", value,
                  old_mapping, target);
      }
    }
  }

  std::string subschema_name(NodeRef subschema, std::size_t index) const {
    if (NodeRef ref = subschema["$ref"]; ref.is_string()) {
      std::string_view text = ref.text();
      return std::string(text.substr(text.rfind('/') == std::string_view::npos ? 0 : text.rfind('/') + 1));
    }
    return "#" + std::to_string(index);
  }

  bool annotation_only(NodeRef subschema, Side& side) const {
    NodeRef schema = side.deref(subschema);
    if (!schema.is_mapping()) return false;
    for (auto [key, value] : schema.members()) {
      if (!is_annotation_keyword(key)) return false;
    }
    return true;
  }

  // Matches the subschemas of allOf/anyOf/oneOf: same $ref, then same meaning, then (with as many left on
  // each side) by position; the rest were added or removed.
  void compare_composition(std::string_view keyword, std::string_view atom, const SchemaView& base,
                           const SchemaView& revision, const Place& place, bool only_annotations = false) {
    NodeRef from = base[keyword];
    NodeRef to = revision[keyword];
    if (!from.is_sequence() && !to.is_sequence()) return;
    std::vector<NodeRef> left;
    std::vector<NodeRef> right;
    for (auto item : from.members()) left.push_back(item.value);
    for (auto item : to.members()) right.push_back(item.value);
    std::vector<std::pair<NodeRef, NodeRef>> pairs;
    auto take = [&](auto&& same) {
      for (auto r = right.begin(); r != right.end();) {
        auto l = std::ranges::find_if(left, [&](NodeRef candidate) { return same(candidate, *r); });
        if (l == left.end()) {
          ++r;
          continue;
        }
        pairs.emplace_back(*l, *r);
        left.erase(l);
        r = right.erase(r);
      }
    };
    take([](NodeRef l, NodeRef r) {
      return l["$ref"].is_string() && r["$ref"].is_string() && l["$ref"].text() == r["$ref"].text();
    });
    take([&](NodeRef l, NodeRef r) {
      return comparison_.base().hasher.hash(l) == comparison_.revision().hasher.hash(r);
    });
    if (left.size() == right.size()) {
      for (std::size_t i = 0; i < left.size(); ++i) pairs.emplace_back(left[i], right[i]);
      left.clear();
      right.clear();
    }
    std::string name(keyword);
    for (std::size_t i = 0; i < left.size(); ++i) {
      NodeRef removed = left[i];
      std::string label = subschema_name(removed, i);
      bool annotation = atom == "all-of" && annotation_only(removed, comparison_.base());
      if (only_annotations && !annotation) continue;
      emit_atom(place, std::string(atom) + (annotation ? "-removed-annotation-only" : "-removed"),
                "subschema " + in_quotes(label) + " removed from " + name, label, removed, to);
    }
    for (std::size_t i = 0; i < right.size(); ++i) {
      NodeRef added = right[i];
      std::string label = subschema_name(added, i);
      bool annotation = atom == "all-of" && annotation_only(added, comparison_.revision());
      if (only_annotations && !annotation) continue;
      emit_atom(place, std::string(atom) + (annotation ? "-added-annotation-only" : "-added"),
                "subschema " + in_quotes(label) + " added to " + name, label, from, added);
    }
    for (auto [l, r] : pairs) descend(l, r, place);
  }

  // The ids of property-level events depend on the site and direction, and do not follow <context>-<atom>.
  void compare_properties(const SchemaView& base, const SchemaView& revision, const Place& place) {
    auto from = base.properties();
    auto to = revision.properties();
    if (from.empty() && to.empty()) return;
    std::map<std::string_view, NodeRef> old_properties(from.begin(), from.end());
    std::map<std::string_view, NodeRef> new_properties(to.begin(), to.end());
    std::set<std::string> required_before = base.required();
    std::set<std::string> required_after = revision.required();
    Side& base_side = comparison_.base();
    Side& revision_side = comparison_.revision();
    for (auto [name, written] : from) {
      std::string key(name);
      auto now = new_properties.find(name);
      Place child = child_place(place, name, now != new_properties.end() ? now->second : written);
      NodeRef before = base_side.deref(written);
      if (now != new_properties.end()) {
        NodeRef after = revision_side.deref(now->second);
        compare_required(required_before.contains(key), required_after.contains(key), before, after, child);
        compare_access(required_after.contains(key), before, after, child);
        descend(before, after, child);
      } else {
        property_removed(required_before.contains(key), before, child);
      }
    }
    for (auto [name, written] : to) {
      if (old_properties.contains(name)) continue;
      property_added(required_after.contains(std::string(name)), revision_side.deref(written),
                     child_place(place, name, written));
    }
  }

  bool header_site() const { return scope_.site == SchemaSite::header_parameter; }

  void property_removed(bool required, NodeRef before, const Place& place) {
    bool read_only = before["readOnly"].as_bool();
    bool write_only = before["writeOnly"].as_bool();
    std::string phrase = "removed";
    if (scope_.site == SchemaSite::request_body) {
      if (!read_only) emit_id("request-property-removed", place, phrase, "", before, {});
    } else if (scope_.site == SchemaSite::response_body) {
      std::string id = std::string("response-") + (required ? "required" : "optional") +
                       (write_only ? "-write-only" : "") + "-property-removed";
      emit_id(id, place, phrase, "", before, {});
    }
  }

  void property_added(bool required, NodeRef after, const Place& place) {
    bool read_only = after["readOnly"].as_bool();
    bool write_only = after["writeOnly"].as_bool();
    bool has_default = static_cast<bool>(after["default"]);
    std::string phrase = required ? "added as required" : "added as optional";
    if (scope_.site == SchemaSite::request_body) {
      if (read_only) return;
      std::string id =
          required ? (has_default ? "new-required-request-property-with-default" : "new-required-request-property")
                   : "new-optional-request-property";
      emit_id(id, place, phrase, "", {}, after);
    } else if (header_site()) {
      if (required) emit_id("new-required-request-header-property", place, phrase, "", {}, after);
    } else if (scope_.site == SchemaSite::response_body) {
      std::string id = std::string("response-") + (required ? "required" : "optional") +
                       (write_only ? "-write-only" : "") + "-property-added";
      emit_id(id, place, phrase, "", {}, after);
    }
  }

  void compare_required(bool before, bool after, NodeRef base, NodeRef revision, const Place& place) {
    if (before == after) return;
    std::string phrase = after ? "became required" : "became optional";
    bool read_only = revision["readOnly"].as_bool();
    bool write_only = revision["writeOnly"].as_bool();
    if (scope_.site == SchemaSite::request_body) {
      if (read_only) return;
      if (after) {
        emit_id(
            revision["default"] ? "request-property-became-required-with-default" : "request-property-became-required",
            place, phrase, "", base, revision);
      } else {
        emit_id("request-property-became-optional", place, phrase, "", base, revision);
      }
    } else if (header_site()) {
      if (after) emit_id("request-header-property-became-required", place, phrase, "", base, revision);
    } else if (scope_.site == SchemaSite::response_body) {
      std::string id = std::string(write_only ? "response-write-only-property-became-" : "response-property-became-") +
                       (after ? "required" : "optional");
      emit_id(id, place, phrase, "", base, revision);
    }
  }

  // readOnly / writeOnly flips, named by whether the property is required in the revision.
  void compare_access(bool required, NodeRef base, NodeRef revision, const Place& place) {
    if (scope_.site != SchemaSite::request_body && scope_.site != SchemaSite::response_body) return;
    std::string stem =
        std::string(request() ? "request-" : "response-") + (required ? "required" : "optional") + "-property-became-";
    for (auto [keyword, atom] : {std::pair<std::string_view, std::string_view>{"readOnly", "read-only"},
                                 std::pair<std::string_view, std::string_view>{"writeOnly", "write-only"}}) {
      bool before = base[keyword].as_bool();
      bool after = revision[keyword].as_bool();
      if (before == after) continue;
      emit_id(stem + (after ? "" : "not-") + std::string(atom), place,
              std::string("became ") + (after ? "" : "not ") + std::string(keyword), "", base[keyword],
              revision[keyword]);
    }
  }

  Comparison& comparison_;
  const SchemaScope& scope_;
  LocalMemo& memo_;
  PairResult* current_ = nullptr;  // where compare() records, inside memo_
  Queued root_;                    // how the walk reaches the site's schema itself: at path "", with no result cached
  std::vector<Step> walk_;
  std::vector<Found> findings_;
  std::unordered_map<std::size_t, std::string> paths_;  // path_of's
  // The pairs this walk has reached, with the kind of place: each is compared once.
  struct SeenKey {
    const contract::Document* base_document;
    const contract::Document* revision_document;
    contract::NodeId base;
    contract::NodeId revision;
    std::uint8_t place_kind;
    bool operator==(const SeenKey&) const = default;
  };
  struct SeenHash {
    std::size_t operator()(const SeenKey& key) const {
      std::uint64_t h = reinterpret_cast<std::uintptr_t>(key.base_document) * 0x9e3779b97f4a7c15ULL;
      h ^= reinterpret_cast<std::uintptr_t>(key.revision_document) + (h << 6) + (h >> 2);
      h ^= (std::uint64_t{key.base} << 32 | key.revision) * 0xbf58476d1ce4e5b9ULL + key.place_kind;
      return static_cast<std::size_t>(h ^ (h >> 31));
    }
  };
  std::unordered_set<SeenKey, SeenHash> seen_;
};

}  // namespace

// What one diff has compared so far: the findings below each site's schema pair, by what determines them, and
// what each pair below a site yields on its own.
struct SchemaMemo {
  using Key = std::tuple<SchemaSite, bool, std::string_view, const contract::Document*, contract::NodeId,
                         const contract::Document*, contract::NodeId>;
  std::map<Key, std::vector<Found>> findings;
  LocalMemo pairs;
  // The changes recorded for an entry of `findings` at a site (label, subject): another operation reaching the
  // same schemas at the same site has the same changes.
  std::map<std::tuple<const std::vector<Found>*, std::string, std::string>, std::vector<std::uint32_t>> recorded;
};

void compare_schemas(Comparison& comparison, const SchemaScope& scope, NodeRef base, NodeRef revision) {
  base = comparison.base().deref(base);
  revision = comparison.revision().deref(revision);
  if (!base.is_mapping() || !revision.is_mapping()) return;
  if (comparison.base().hasher.hash(base) == comparison.revision().hasher.hash(revision)) return;
  std::shared_ptr<SchemaMemo>& memo = comparison.schema_memo();
  if (!memo) memo = std::make_shared<SchemaMemo>();
  SchemaMemo::Key key{scope.site,           scope.xml,    scope.stability.text(), &base.document(), base.id(),
                      &revision.document(), revision.id()};
  auto [entry, inserted] = memo->findings.try_emplace(key);
  if (inserted) entry->second = SchemaComparer(comparison, scope, memo->pairs).run(base, revision);
  auto [recorded, first] = memo->recorded.try_emplace({&entry->second, scope.label, scope.subject});
  if (!first) {
    comparison.emit_again(recorded->second, scope.operation);
    return;
  }
  for (const auto& [finding, path] : entry->second) {
    // Each text built once at its final size: thousands of findings.
    std::string subject;
    subject.reserve(scope.subject.size() + 1 + path.size() + 1 + finding->detail.size());
    subject.append(scope.subject).append(" ").append(path);
    if (!finding->detail.empty()) subject.append("#").append(finding->detail);
    std::string message = describe(scope, finding->place, path);
    message.reserve(message.size() + 2 + finding->phrase.size());
    message.append(": ").append(finding->phrase);
    std::uint32_t change = comparison.emit(finding->id, scope.operation, std::move(message), std::move(subject),
                                           finding->base, finding->revision);
    if (change != Comparison::dropped) recorded->second.push_back(change);
  }
}

}  // namespace apictl::diff
