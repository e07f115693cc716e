// Structural validation of OpenAPI objects: fields, value kinds, required fields and each object's cross-field rules.
#include "contract/structure/structure_validator.hpp"
#include "util/spelling.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace apictl::contract::structure {

namespace {

static_assert(static_cast<int>(ObjectType::count) <= 64, "visited bits hold one bit per object type");

constexpr std::string_view misplaced_ref_hint =
    "OpenAPI allows a Reference Object only where the specification says so; inline the value here";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_status_code(std::string_view key) {
  if (key.size() != 3 || key[0] < '1' || key[0] > '5') return false;
  return (key[1] == 'X' && key[2] == 'X') || (is_digit(key[1]) && is_digit(key[2]));
}

bool is_component_name(std::string_view name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; });
}

// RFC 9110 token: 1*tchar.
bool is_token(std::string_view text) {
  constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
  return !text.empty() &&
         std::ranges::all_of(text, [&](char c) { return is_alnum(c) || specials.find(c) != std::string_view::npos; });
}

bool is_anchor(std::string_view text) {
  if (text.empty() || !(is_alnum(text[0]) || text[0] == '_') || is_digit(text[0])) return false;
  return std::ranges::all_of(text, [](char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// ^3\.N\.\d+(-.+)?$ for the document's minor version N.
bool is_full_version(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  if (digits == 0) return false;
  text.remove_prefix(digits);
  return text.empty() || (text.front() == '-' && text.size() > 1);
}

std::string join(std::span<const std::string_view> values) {
  std::string out;
  for (std::string_view value : values) {
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

// "'simple'" or "one of form, spaceDelimited, ...".
std::string choice_text(std::span<const std::string_view> values) {
  if (values.size() == 1) return fmt::format("'{}'", values.front());
  return "one of " + join(values);
}

std::string versions_text(VersionMask mask) {
  std::vector<std::string_view> names;
  if (mask & v3_0) names.push_back("3.0");
  if (mask & v3_1) names.push_back("3.1");
  if (mask & v3_2) names.push_back("3.2");
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string_view closest_field(const ObjectSpec& spec, std::string_view key, VersionMask mask) {
  std::vector<std::string_view> names;
  for (const FieldSpec& candidate : spec.fields) {
    if (candidate.versions & mask) names.push_back(candidate.name);
  }
  return closest_name(names, key);
}

// "(found 'body')" for strings, "(found integer 3)" otherwise: enum messages name the value itself.
std::string found_value(NodeRef node) { return node.is_string() ? fmt::format("'{}'", node.text()) : found(node); }

}  // namespace

std::string describe(NodeRef node) {
  NodeRef up = node.parent();
  if (!up) return "the document";
  if (up.is_mapping()) return fmt::format("'{}'", node.key());
  std::size_t index = 0;
  while (index < up.size() && !(up.at(index) == node)) ++index;
  return fmt::format("item {} of {}", index, describe(up));
}

std::string found(NodeRef node) {
  if (!node) return "nothing";
  if (NodeRef ref = node.get("$ref"); ref.is_string()) return fmt::format("a $ref to '{}'", ref.text());
  std::string_view kind = kind_name(node.kind());
  if (node.is_mapping() || node.is_sequence() || node.is_null()) return std::string(kind);
  std::string_view text = node.text();
  bool long_text = text.size() > 40;
  if (long_text) text = text.substr(0, 37);
  if (node.is_string()) return fmt::format("{} '{}{}'", kind, text, long_text ? "..." : "");
  return fmt::format("{} {}{}", kind, text, long_text ? "..." : "");
}

std::string with_article(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("AEIOUX").find(noun.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", noun);
}

bool nodes_equal(NodeRef a, NodeRef b) {
  if (a.is_number() && b.is_number()) return a.as_number() == b.as_number();
  if (a.kind() != b.kind()) return false;
  if (a.is_mapping()) {
    if (a.size() != b.size()) return false;
    for (auto member : a.members()) {
      NodeRef other = b.get(member.key);
      if (!other || !nodes_equal(member.value, other)) return false;
    }
    return true;
  }
  if (a.is_sequence()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!nodes_equal(a.at(i), b.at(i))) return false;
    }
    return true;
  }
  return a.text() == b.text();
}

std::vector<StructureIssue> validate_structure(Workspace& workspace, const SpecInfo& spec) {
  return StructureValidator(workspace, spec.version).run();
}

StructureValidator::StructureValidator(Workspace& workspace, OasVersion version)
    : workspace_(workspace), version_(version), bit_(version_bit(version)) {
  // Schema keywords are checked against JSON Schema 2020-12 and the OAS vocabulary; a document that declares
  // another default dialect gets its Schema Objects checked only for being objects or booleans.
  NodeRef dialect = workspace.root().root()["jsonSchemaDialect"];
  std::string_view uri = dialect.is_string() ? dialect.text() : std::string_view{};
  schema_keywords_ = uri.empty() || uri.starts_with("https://spec.openapis.org/oas/3.") ||
                     uri == "https://json-schema.org/draft/2020-12/schema";
}

StructureValidator::References StructureValidator::references_of(const FieldSpec& field) const {
  return (field.reference & bit_) ? References::allowed : References::forbidden;
}

std::vector<StructureIssue> StructureValidator::run() {
  visit(workspace_.root().root(), ObjectType::openapi, References::forbidden);
  return std::move(issues_);
}

void StructureValidator::report(NodeRef node, std::string message, std::string hint) {
  issues_.push_back(StructureIssue{node, Placement::value, std::move(message), std::move(hint)});
}

void StructureValidator::report_key(NodeRef node, std::string message, std::string hint) {
  issues_.push_back(StructureIssue{node, Placement::key, std::move(message), std::move(hint)});
}

void StructureValidator::report_misplaced_ref(NodeRef ref, std::string message, std::string hint) {
  issues_.push_back(StructureIssue{ref, Placement::key, std::move(message), std::move(hint), IssueKind::misplaced_ref});
}

void StructureValidator::wrong_kind(NodeRef node, std::string_view expected) {
  std::string hint;
  if (expected == "a string" && node.is_scalar() && !node.is_null()) hint = "quote the value so it is read as a string";
  if (node.key() == "$recursiveAnchor") {
    hint = "JSON Schema 2020-12 replaced '$recursiveAnchor: true' with '$dynamicAnchor'";
  }
  if (node.get("$ref").is_string()) hint = std::string(misplaced_ref_hint);
  report(node, fmt::format("{} must be {} (found {})", describe(node), expected, found(node)), std::move(hint));
}

StructureValidator::DocumentState& StructureValidator::state_of(const Document& document) {
  if (last_document_ != &document) {
    last_document_ = &document;
    last_state_ = &documents_[&document];
  }
  return *last_state_;
}

bool StructureValidator::first_visit(NodeRef node, ObjectType type) {
  DocumentState& state = state_of(node.document());
  if (state.visited.empty()) state.visited.resize(node.document().node_count());
  std::uint64_t bit = std::uint64_t{1} << static_cast<unsigned>(type);
  std::uint64_t& seen = state.visited[node.id()];
  if (seen & bit) return false;
  seen |= bit;
  return true;
}

// Unresolvable refs and cycles give an empty node: no-unresolved-refs reports them.
NodeRef StructureValidator::resolve(NodeRef ref) {
  auto target = workspace_.resolve(ref);
  return target ? *target : NodeRef{};
}

NodeRef StructureValidator::target_of(NodeRef node) {
  auto target = workspace_.deref(node);
  return target ? *target : NodeRef{};
}

void StructureValidator::follow(NodeRef ref, ObjectType type, References references) {
  NodeRef target = resolve(ref);
  if (!target) return;
  // `$ref: ''` or `$ref: other.yaml` names a whole OpenAPI document, which is never the object a position expects;
  // checking it as one would list every top-level field as unexpected.
  if (type != ObjectType::openapi && !target.parent() && target.get("openapi")) {
    report(ref, fmt::format("$ref '{}' leads to a whole OpenAPI document, not to {}", ref.text(),
                            with_article(object_spec(type).name)));
    return;
  }
  visit(target, type, references);
}

void StructureValidator::visit(NodeRef node, ObjectType type, References references) {
  // In 3.1+ a Schema Object's $ref is a keyword beside others, handled by visit_schema.
  if (references == References::allowed && (type != ObjectType::schema || bit_ == v3_0)) {
    if (NodeRef ref = node.get("$ref")) {
      // The Reference Object's other fields are ignored by the specification; only its target matters.
      if (!first_visit(node, type)) return;
      follow(ref, type, References::allowed);
      return;
    }
  }
  if (type == ObjectType::schema) {
    visit_schema(node);
    return;
  }
  // A Path Item's `$ref` is one of its fields; anywhere a Reference Object is not allowed a $ref is out of place. Its
  // target is still validated as what the position expects, so one misplaced $ref makes one finding.
  if (type != ObjectType::path_item) {
    if (NodeRef ref = node.get("$ref")) {
      if (!first_visit(node, type)) return;
      report_misplaced_ref(ref, fmt::format("a $ref cannot stand for {} here", with_article(object_spec(type).name)),
                           std::string(misplaced_ref_hint));
      follow(ref, type, References::forbidden);
      return;
    }
  }
  if (!node.is_mapping()) {
    std::string expected = with_article(object_spec(type).name);
    if (references == References::allowed) expected += " or a Reference Object";
    wrong_kind(node, expected);
    return;
  }
  if (!first_visit(node, type)) return;
  if (type == ObjectType::security_scheme) {
    visit_security_scheme(node);
    return;
  }
  check_fields(node, object_spec(type));
  check_object(node, type);
}

void StructureValidator::check_fields(NodeRef node, const ObjectSpec& spec) {
  for (auto member : node.members()) {
    std::string_view key = member.key;
    if (const FieldSpec* known = find_field(spec, key, bit_)) {
      check_value(member.value, *known);
    } else if (spec.extensions && key.starts_with("x-")) {
      continue;
    } else if ((spec.pattern == KeyPattern::path && key.starts_with('/')) ||
               (spec.pattern == KeyPattern::status_code && is_status_code(key)) ||
               spec.pattern == KeyPattern::any_name) {
      check_value(member.value, spec.patterned);
    } else if (!(spec.open & bit_)) {
      unexpected_field(member.value, key, spec);
    }
  }
  for (const FieldSpec& candidate : spec.fields) {
    if ((candidate.required & bit_) && (candidate.versions & bit_) && !node.get(candidate.name)) {
      report_key(node, fmt::format("missing required field '{}' in {}", candidate.name, spec.name));
    }
  }
}

void StructureValidator::unexpected_field(NodeRef value, std::string_view key, const ObjectSpec& spec) {
  std::string_view noun = &spec == &object_spec(ObjectType::schema) ? "keyword" : "field";
  if (const FieldSpec* elsewhere = find_field(spec, key, all_versions)) {
    report_key(value, fmt::format("{} '{}' of {} is not part of OpenAPI {}; it exists in OpenAPI {}", noun, key,
                                  spec.name, version_name(version_), versions_text(elsewhere->versions)));
    return;
  }
  std::string message = fmt::format("unexpected {} '{}' in {}", noun, key, spec.name);
  if (!spec.pattern_hint.empty()) {
    message += fmt::format("; {}", spec.pattern_hint);
  } else if (noun == "keyword") {
    // The keyword list is too long to be read in a message; the hint or the specification names them.
    message += fmt::format("; OpenAPI {} Schema Objects accept only the keywords the specification lists",
                           version_name(version_));
  } else if (std::string fields = field_list(spec, bit_); !fields.empty()) {
    message += fmt::format("; expected one of: {}", fields);
  }
  std::string hint;
  if (std::string_view close = closest_field(spec, key, bit_); !close.empty()) {
    hint = fmt::format("did you mean '{}'?", close);
  } else if (spec.pattern == KeyPattern::status_code && key.size() == 3 && key[0] >= '1' && key[0] <= '5' &&
             key.substr(1) == "xx") {
    hint = fmt::format("write the range in upper case: '{}XX'", key[0]);
  } else if (spec.extensions && !key.starts_with("x-")) {
    hint = "custom fields must start with 'x-'";
  }
  report_key(value, std::move(message), std::move(hint));
}

void StructureValidator::check_value(NodeRef value, const FieldSpec& field) {
  switch (field.shape) {
    case ValueShape::any:
      return;
    case ValueShape::string:
      if (!value.is_string()) return wrong_kind(value, "a string");
      if (field.text != TextRule::none && (field.text_versions & bit_)) check_text(value, field.text);
      return;
    case ValueShape::boolean:
      if (!value.is_bool()) wrong_kind(value, "a boolean");
      return;
    case ValueShape::number:
      if (value.is_bool() && field.name.starts_with("exclusive")) {
        // The draft-04 boolean form of 3.0; JSON Schema 2020-12 makes the keyword the bound itself.
        report(value, fmt::format("{} must be a number (found {})", describe(value), found(value)),
               fmt::format("in OpenAPI {} write the bound itself, e.g. '{}: 0' instead of '{}: 0' with '{}: true'",
                           version_name(version_), field.name, field.name == "exclusiveMinimum" ? "minimum" : "maximum",
                           field.name));
      } else if (!value.is_number()) {
        wrong_kind(value, "a number");
      }
      return;
    case ValueShape::positive_number:
      if (!value.is_number()) return wrong_kind(value, "a number");
      if (value.as_number().value_or(0) <= 0) {
        report(value, fmt::format("{} must be greater than 0 (found {})", describe(value), value.text()));
      }
      return;
    case ValueShape::non_negative_integer: {
      auto number = value.as_number();
      if (!value.is_number() || !number || std::floor(*number) != *number || *number < 0) {
        wrong_kind(value, "a non-negative integer");
      }
      return;
    }
    case ValueShape::string_enum:
      if (!value.is_string() || std::ranges::find(field.choices, value.text()) == field.choices.end()) {
        std::string hint;
        if (field.name == "type" && value.text() == "null") {
          hint = "OpenAPI 3.0 has no 'null' type; use 'nullable: true'";
        } else if (std::string_view close = closest_name(field.choices, value.text());
                   value.is_string() && !close.empty()) {
          hint = fmt::format("did you mean '{}'?", close);
        }
        report(value,
               fmt::format("{} must be {} (found {})", describe(value), choice_text(field.choices), found_value(value)),
               std::move(hint));
      }
      return;
    case ValueShape::string_array:
    case ValueShape::any_array:
    case ValueShape::array:
      return check_items(value, field);
    case ValueShape::string_map:
    case ValueShape::any_map:
    case ValueShape::boolean_map:
    case ValueShape::map:
      return check_members(value, field);
    case ValueShape::object:
      return visit(value, field.type, references_of(field));
    case ValueShape::schema_or_boolean:
    case ValueShape::schema_type:
    case ValueShape::string_array_map:
    case ValueShape::schema_dependencies:
      return check_schema_keyword(value, field);
  }
}

void StructureValidator::check_items(NodeRef list, const FieldSpec& field) {
  if (!list.is_sequence()) {
    if (field.shape == ValueShape::string_array) return wrong_kind(list, "an array of strings");
    if (field.shape == ValueShape::any_array) return wrong_kind(list, "an array");
    return wrong_kind(list, fmt::format("an array of {}s", object_spec(field.type).name));
  }
  if ((field.non_empty & bit_) && list.size() == 0) report(list, fmt::format("{} must not be empty", describe(list)));
  for (auto item : list.members()) {
    if (field.shape == ValueShape::array) {
      visit(item.value, field.type, references_of(field));
    } else if (field.shape == ValueShape::string_array && !item.value.is_string()) {
      wrong_kind(item.value, "a string");
    }
  }
  if (!(field.unique & bit_)) return;
  for (std::size_t j = 1; j < list.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (!nodes_equal(list.at(i), list.at(j))) continue;
      NodeRef repeated = list.at(j);
      std::string what = repeated.is_scalar() ? fmt::format(" ({})", found_value(repeated)) : "";
      report(repeated, fmt::format("{} repeats item {}{}; items must be unique", describe(repeated), i, what));
      break;
    }
  }
}

void StructureValidator::check_members(NodeRef map, const FieldSpec& field) {
  if (!map.is_mapping()) {
    switch (field.shape) {
      case ValueShape::string_map:
        return wrong_kind(map, "an object mapping names to strings");
      case ValueShape::boolean_map:
        return wrong_kind(map, "an object mapping names to booleans");
      case ValueShape::any_map:
        return wrong_kind(map, "an object");
      default:
        return wrong_kind(map, fmt::format("an object mapping names to {}s", object_spec(field.type).name));
    }
  }
  // A map of objects replaced by a $ref (`properties: {$ref: ...}`) is a common "$ref anywhere" habit; report it
  // once and check the target as the map instead of reporting "$ref" as an entry.
  if (NodeRef ref = map.get("$ref"); ref.is_string() && field.shape == ValueShape::map) {
    report_misplaced_ref(ref, fmt::format("a $ref cannot stand for the whole {} map", describe(map)),
                         "reference each entry instead; " + std::string(misplaced_ref_hint));
    NodeRef target = resolve(ref);
    if (target.is_mapping() && !target.get("$ref")) check_members(target, field);
    return;
  }
  bool check_names = field.text != TextRule::none && (field.text_versions & bit_);
  for (auto member : map.members()) {
    if (check_names) check_key(member.value, member.key, field.text);
    switch (field.shape) {
      case ValueShape::map:
        visit(member.value, field.type, references_of(field));
        break;
      case ValueShape::string_map:
        if (!member.value.is_string()) wrong_kind(member.value, "a string");
        break;
      case ValueShape::boolean_map:
        if (!member.value.is_bool()) wrong_kind(member.value, "a boolean");
        break;
      default:
        break;
    }
  }
}

void StructureValidator::check_text(NodeRef value, TextRule rule) {
  std::string_view text = value.text();
  switch (rule) {
    case TextRule::anchor:
      if (!is_anchor(text)) {
        report(value,
               fmt::format(
                   "{} must start with a letter or '_' and hold only letters, digits, '-', '.' and '_' (found '{}')",
                   describe(value), text));
      }
      return;
    case TextRule::schema_id:
      if (auto hash = text.find('#'); hash != std::string_view::npos && hash + 1 != text.size()) {
        report(value, fmt::format("{} must not have a fragment (found '{}')", describe(value), text),
               "use '$anchor' to name a location inside a schema");
      }
      return;
    case TextRule::no_fragment:
      if (text.find('#') != std::string_view::npos) {
        report(value, fmt::format("{} must not contain a fragment ('#') (found '{}')", describe(value), text));
      }
      return;
    default:
      return;
  }
}

void StructureValidator::check_key(NodeRef value, std::string_view key, TextRule rule) {
  switch (rule) {
    case TextRule::component_name:
      if (!is_component_name(key)) {
        report_key(value, fmt::format("component name '{}' must match ^[a-zA-Z0-9._-]+$", key),
                   "use only letters, digits, '.', '-' and '_' in component names");
      }
      return;
    case TextRule::token:
      if (!is_token(key)) {
        report_key(value, fmt::format("'{}' is not a valid header name", key),
                   "header names are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~");
      }
      return;
    case TextRule::method: {
      if (!is_token(key)) {
        report_key(value, fmt::format("'{}' is not a valid HTTP method name", key),
                   "method names are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~");
        return;
      }
      constexpr std::array<std::string_view, 9> fixed = {"GET",  "PUT",   "POST",  "DELETE", "OPTIONS",
                                                         "HEAD", "PATCH", "TRACE", "QUERY"};
      if (std::ranges::find(fixed, key) != fixed.end()) {
        std::string lower(key);
        std::ranges::transform(lower, lower.begin(), [](char c) { return static_cast<char>(c + 32); });
        report_key(value, fmt::format("'{}' must not be listed in 'additionalOperations'", key),
                   fmt::format("use the Path Item's '{}' field for this method", lower));
      }
      return;
    }
    default:
      return;
  }
}

void StructureValidator::check_object(NodeRef node, ObjectType type) {
  switch (type) {
    case ObjectType::openapi:
      return check_openapi(node);
    case ObjectType::license:
      return check_license(node);
    case ObjectType::server_variable:
      return check_server_variable(node);
    case ObjectType::path_item:
      // The fields of the referenced Path Item count as this one's; check them where they are written.
      if (NodeRef ref = node.get("$ref")) follow(ref, ObjectType::path_item, References::forbidden);
      return check_parameter_list(node["parameters"]);
    case ObjectType::operation:
      return check_parameter_list(node["parameters"]);
    case ObjectType::parameter:
      return check_parameter(node);
    case ObjectType::header:
      return check_header(node);
    case ObjectType::media_type:
      return check_media_type(node);
    case ObjectType::encoding:
      return check_encoding_exclusions(node, "an Encoding Object");
    case ObjectType::responses:
      return check_responses(node);
    case ObjectType::example:
      return check_example(node);
    case ObjectType::link:
      return check_link(node);
    case ObjectType::xml:
      return check_xml(node);
    default:
      return;
  }
}

void StructureValidator::check_openapi(NodeRef node) {
  NodeRef openapi = node["openapi"];
  std::string prefix = fmt::format("{}.", version_name(version_));
  if (openapi.is_string() && !is_full_version(openapi.text(), prefix)) {
    report(openapi, fmt::format("'openapi' must be a full version such as {}0 (found '{}')", prefix, openapi.text()));
  }
  if ((bit_ & since_3_1) && !node["paths"] && !node["components"] && !node["webhooks"]) {
    report_key(node, "the document needs at least one of 'paths', 'components' or 'webhooks'");
  }
}

void StructureValidator::check_license(NodeRef node) {
  if ((bit_ & since_3_1) && node["identifier"] && node["url"]) {
    report_key(node["url"], "'identifier' and 'url' cannot both be set in a License Object",
               "keep the SPDX 'identifier' or the 'url', not both");
  }
}

void StructureValidator::check_server_variable(NodeRef node) {
  // 3.1 made "the default value MUST exist in the enum's values" a requirement (3.0: SHOULD).
  NodeRef values = node["enum"];
  NodeRef fallback = node["default"];
  if (!(bit_ & since_3_1) || !values.is_sequence() || values.size() == 0 || !fallback.is_string()) return;
  for (auto item : values.members()) {
    if (item.value.is_string() && item.value.text() == fallback.text()) return;
  }
  report(fallback, fmt::format("default '{}' is not one of the variable's enum values", fallback.text()));
}

void StructureValidator::check_parameter_list(NodeRef list) {
  if (!(bit_ & v3_2) || !list.is_sequence()) return;
  NodeRef querystring;
  NodeRef query;
  for (auto item : list.members()) {
    NodeRef parameter = target_of(item.value);
    if (!parameter.is_mapping()) continue;
    std::string_view in = parameter["in"].text();
    if (in == "querystring") {
      if (querystring) {
        report(item.value,
               fmt::format("{} is a second 'querystring' parameter; a list may hold only one", describe(item.value)));
      }
      querystring = item.value;
    } else if (in == "query" && !query) {
      query = item.value;
    }
  }
  if (querystring && query) {
    NodeRef later = query.id() > querystring.id() && &query.document() == &querystring.document() ? query : querystring;
    report(later, "'query' and 'querystring' parameters cannot be used in the same list",
           "describe the whole query string with the 'querystring' parameter, or use only 'query' parameters");
  }
}

void StructureValidator::check_schema_or_content(NodeRef node, std::string_view object) {
  NodeRef schema = node["schema"];
  NodeRef content = node["content"];
  if (!schema && !content) {
    report_key(node, fmt::format("missing 'schema' or 'content' in {}; one of them must describe the value", object));
  } else if (schema && content) {
    report_key(content, fmt::format("'schema' and 'content' cannot both be used in {}", with_article(object)));
  }
  if (content.is_mapping() && content.size() != 1) {
    report(content,
           fmt::format("'content' of {} must have exactly one entry (found {})", with_article(object), content.size()));
  }
}

namespace {

// Fields that only apply when a parameter or header is described by `schema`, per version.
struct SchemaOnlyField {
  std::string_view name;
  VersionMask versions;
};
constexpr SchemaOnlyField schema_only_fields[] = {
    {"style", all_versions}, {"explode", all_versions}, {"allowReserved", all_versions},
    {"example", until_3_1},  {"examples", until_3_1},
};

}  // namespace

void StructureValidator::check_parameter(NodeRef node) {
  NodeRef in_node = node["in"];
  std::string_view in = in_node.is_string() ? in_node.text() : std::string_view{};
  NodeRef name = node["name"];
  check_schema_or_content(node, "Parameter Object");
  bool with_schema = static_cast<bool>(node["schema"]);
  bool content_only = !with_schema && node["content"];

  // 3.0 requires it of every path parameter; the 3.1 and 3.2 schemas only of those described by `schema`.
  if (in == "path" && (!content_only || (bit_ & v3_0))) {
    NodeRef required = node["required"];
    if (!required) {
      report_key(node,
                 "missing required field 'required' in Parameter Object; a path parameter must have 'required: true'");
    } else if (required.is_bool() && !required.as_bool()) {
      report(required, "'required' must be true for a path parameter");
    }
  }
  if (bit_ & v3_2) {
    if (in == "path" && name.is_string() && name.text().find_first_of("{}") != std::string_view::npos) {
      report(name, fmt::format("a path parameter's name must not contain '{{' or '}}' (found '{}')", name.text()));
    }
    if (in == "header" && name.is_string() && !is_token(name.text())) {
      report(name, fmt::format("'{}' is not a valid header name", name.text()),
             "header names are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~");
    }
    if (in == "querystring" && with_schema && !node["content"]) {
      report_key(node["schema"], "a 'querystring' parameter must be described by 'content', not 'schema'");
    }
  }
  if (content_only) {
    for (const auto& only : schema_only_fields) {
      if (NodeRef value = node[only.name]; value && (only.versions & bit_)) {
        report_key(value, fmt::format(
                              "'{}' cannot be used with 'content'; it applies only to parameters described by 'schema'",
                              only.name));
      }
    }
  }
  if (node["example"] && node["examples"]) {
    report_key(node["examples"], "'example' and 'examples' cannot both be used; keep one");
  }
  auto styles = parameter_styles(in, bit_);
  bool known_location = !styles.empty() || (in == "querystring" && (bit_ & v3_2));
  if ((bit_ & since_3_1) && known_location && in != "query") {
    if (NodeRef empty = node["allowEmptyValue"]) {
      report_key(empty, "'allowEmptyValue' is only allowed for query parameters");
    }
  }
  if (styles.empty()) return;  // unknown or querystring location: the enum check or the content rules apply

  NodeRef style = node["style"];
  if (style.is_string() && !content_only && std::ranges::find(styles, style.text()) == styles.end()) {
    report(style,
           fmt::format("'style' must be {} for a {} parameter (found '{}')", choice_text(styles), in, style.text()));
  }
  NodeRef reserved = node["allowReserved"];
  if (!reserved || content_only) return;
  if ((bit_ & v3_1) && in != "query") {
    report_key(reserved, "'allowReserved' is only allowed for query parameters");
  } else if (bit_ & v3_2) {
    bool form_cookie = in == "cookie" && (!style || style.text() == "form");
    if (in == "header" || (in == "cookie" && !form_cookie)) {
      report_key(reserved, "'allowReserved' is only allowed for query, path and form-style cookie parameters");
    }
  }
}

void StructureValidator::check_header(NodeRef node) {
  check_schema_or_content(node, "Header Object");
  if (!node["schema"] && node["content"]) {
    // 3.0 also forbids allowReserved there; 3.1 and 3.2 have no allowReserved in headers at all.
    for (std::string_view key : {"style", "explode", "allowReserved", "example", "examples"}) {
      NodeRef value = node[key];
      bool forbidden = key == "style" || key == "explode" || (key == "allowReserved" && (bit_ & v3_0)) ||
                       ((key == "example" || key == "examples") && (bit_ & until_3_1));
      if (value && forbidden) {
        report_key(
            value,
            fmt::format("'{}' cannot be used with 'content'; it applies only to headers described by 'schema'", key));
      }
    }
  }
  if (node["example"] && node["examples"]) {
    report_key(node["examples"], "'example' and 'examples' cannot both be used; keep one");
  }
}

void StructureValidator::check_media_type(NodeRef node) {
  if (node["example"] && node["examples"]) {
    report_key(node["examples"], "'example' and 'examples' cannot both be used; keep one");
  }
  check_encoding_exclusions(node, "a Media Type Object");
}

void StructureValidator::check_encoding_exclusions(NodeRef node, std::string_view object) {
  if (!(bit_ & v3_2) || !node["encoding"]) return;
  for (std::string_view key : {"prefixEncoding", "itemEncoding"}) {
    if (NodeRef value = node[key]) {
      report_key(value, fmt::format("'encoding' and '{}' cannot both be used in {}", key, object),
                 "'encoding' is for objects; 'prefixEncoding' and 'itemEncoding' are for arrays");
    }
  }
}

void StructureValidator::check_responses(NodeRef node) {
  for (auto member : node.members()) {
    if (member.key == "default" || is_status_code(member.key)) return;
  }
  report_key(node,
             "the Responses Object must describe at least one response: 'default' or a status code such as '200'");
}

void StructureValidator::check_example(NodeRef node) {
  struct Exclusive {
    std::string_view first;
    std::string_view second;
    VersionMask versions;
  };
  constexpr Exclusive pairs[] = {{"value", "externalValue", all_versions},
                                 {"value", "dataValue", v3_2},
                                 {"value", "serializedValue", v3_2},
                                 {"serializedValue", "externalValue", v3_2}};
  for (const auto& pair : pairs) {
    if ((pair.versions & bit_) && node[pair.first] && node[pair.second]) {
      report_key(node[pair.second],
                 fmt::format("'{}' and '{}' cannot both be used in an Example Object", pair.first, pair.second));
    }
  }
}

void StructureValidator::check_link(NodeRef node) {
  NodeRef by_ref = node["operationRef"];
  NodeRef by_id = node["operationId"];
  if (by_ref && by_id) {
    report_key(by_id, "'operationRef' and 'operationId' cannot both be used in a Link Object");
  } else if (!by_ref && !by_id) {
    report_key(node, "a Link Object needs 'operationRef' or 'operationId' to identify the linked operation");
  }
}

void StructureValidator::check_xml(NodeRef node) {
  if (!(bit_ & v3_2) || !node["nodeType"]) return;
  for (std::string_view key : {"attribute", "wrapped"}) {
    if (NodeRef value = node[key]) {
      report_key(value, fmt::format("'{}' cannot be used with 'nodeType'", key),
                 key == "attribute" ? "'nodeType: attribute' replaces 'attribute: true'"
                                    : "wrap arrays with a parent element instead of 'wrapped'");
    }
  }
}

void StructureValidator::visit_security_scheme(NodeRef node) {
  NodeRef type = node["type"];
  if (!type) {
    report_key(node, "missing required field 'type' in Security Scheme Object");
    return;
  }
  ObjectType variant = type.is_string() ? security_scheme_variant(type.text(), bit_) : ObjectType::count;
  if (variant == ObjectType::count) {
    std::string_view types =
        (bit_ & v3_0) ? "apiKey, http, oauth2, openIdConnect" : "apiKey, http, mutualTLS, oauth2, openIdConnect";
    report(type, fmt::format("'type' must be one of {} (found {})", types, found_value(type)));
    return;
  }
  check_fields(node, object_spec(variant));
  NodeRef scheme = node["scheme"];
  NodeRef format = node["bearerFormat"];
  if (variant == ObjectType::security_scheme_http && format && scheme.is_string() &&
      !equals_ignoring_case(scheme.text(), "bearer")) {
    report_key(format,
               fmt::format("'bearerFormat' only applies to the 'bearer' scheme (found scheme '{}')", scheme.text()));
  }
}

}  // namespace apictl::contract::structure
