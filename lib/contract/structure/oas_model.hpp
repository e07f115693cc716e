// The OpenAPI object model per version: each object's fixed and patterned fields, their shapes and requirements.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "contract/openapi.hpp"

namespace apictl::contract::structure {

// A set of OpenAPI versions, one bit each, so one table serves 3.0, 3.1 and 3.2.
using VersionMask = std::uint8_t;
inline constexpr VersionMask v3_0 = 1;
inline constexpr VersionMask v3_1 = 2;
inline constexpr VersionMask v3_2 = 4;
inline constexpr VersionMask all_versions = v3_0 | v3_1 | v3_2;
inline constexpr VersionMask since_3_1 = v3_1 | v3_2;
inline constexpr VersionMask until_3_1 = v3_0 | v3_1;

VersionMask version_bit(OasVersion version);

enum class ObjectType : std::uint8_t {
  openapi,
  info,
  contact,
  license,
  server,
  server_variable,
  components,
  paths,
  path_item,
  operation,
  external_docs,
  parameter,
  request_body,
  media_type,
  encoding,
  responses,
  response,
  callback,
  example,
  link,
  header,
  tag,
  schema,
  discriminator,
  xml,
  security_scheme,  // dispatched on `type` to one of the five below
  security_scheme_api_key,
  security_scheme_http,
  security_scheme_mutual_tls,
  security_scheme_oauth2,
  security_scheme_open_id_connect,
  oauth_flows,
  oauth_flow_implicit,
  oauth_flow_password,
  oauth_flow_client_credentials,
  oauth_flow_authorization_code,
  oauth_flow_device_authorization,
  security_requirement,
  count
};

// What a field's value must look like.
enum class ValueShape : std::uint8_t {
  any,
  string,
  boolean,
  number,
  positive_number,       // a number greater than 0 (multipleOf)
  non_negative_integer,  // JSON Schema's nonNegativeInteger: 1.0 counts as an integer
  string_enum,           // a string among `choices`
  string_array,
  string_map,           // an object whose values are strings
  any_map,              // an object with values of any kind (Link parameters)
  boolean_map,          // an object whose values are booleans ($vocabulary)
  any_array,            // an array of any values (enum, examples)
  object,               // one object of `type`
  array,                // an array of `type` objects
  map,                  // an object mapping names to `type` objects
  schema_or_boolean,    // OAS 3.0 additionalProperties: a Schema, a Reference or a boolean
  schema_type,          // JSON Schema 2020-12 `type`: a type name or a non-empty array of unique type names
  string_array_map,     // dependentRequired: an object whose values are arrays of unique strings
  schema_dependencies,  // dependencies: an object whose values are schemas or arrays of strings
};

// Extra syntax a string value or a map key must follow.
enum class TextRule : std::uint8_t {
  none,
  component_name,  // ^[a-zA-Z0-9._-]+$ (names in the Components Object)
  token,           // RFC 9110 token (header names, extension methods)
  method,          // a token that is not an upper-case spelling of a fixed Path Item method
  anchor,          // ^[A-Za-z_][-A-Za-z0-9._]*$
  schema_id,       // ^[^#]*#?$ (an empty fragment at most)
  no_fragment,     // ^[^#]*$
};

struct FieldSpec {
  std::string_view name;
  ValueShape shape = ValueShape::any;
  ObjectType type = ObjectType::count;  // for object, array and map
  VersionMask versions = all_versions;  // versions that define the field
  VersionMask required = 0;             // versions in which it must be present
  VersionMask reference = 0;            // versions in which a Reference Object may stand for the value (or each item)
  VersionMask non_empty = 0;            // versions in which an array must have at least one item
  VersionMask unique = 0;               // versions in which array items must be unique
  TextRule text = TextRule::none;       // for strings: the string; for maps: the keys
  VersionMask text_versions = 0;        // versions in which `text` applies
  std::span<const std::string_view> choices = {};

  constexpr FieldSpec in(VersionMask mask) const {
    return with([&](FieldSpec& f) { f.versions = mask; });
  }
  constexpr FieldSpec needed(VersionMask mask = all_versions) const {
    return with([&](FieldSpec& f) { f.required = mask; });
  }
  constexpr FieldSpec of(ObjectType object) const {
    return with([&](FieldSpec& f) { f.type = object; });
  }
  constexpr FieldSpec refs(VersionMask mask = all_versions) const {
    return with([&](FieldSpec& f) { f.reference = mask; });
  }
  constexpr FieldSpec filled(VersionMask mask = all_versions) const {
    return with([&](FieldSpec& f) { f.non_empty = mask; });
  }
  constexpr FieldSpec distinct(VersionMask mask = all_versions) const {
    return with([&](FieldSpec& f) { f.unique = mask; });
  }
  constexpr FieldSpec rule(TextRule value, VersionMask mask = all_versions) const {
    return with([&](FieldSpec& f) {
      f.text = value;
      f.text_versions = mask;
    });
  }
  constexpr FieldSpec one_of(std::span<const std::string_view> values) const {
    return with([&](FieldSpec& f) {
      f.shape = ValueShape::string_enum;
      f.choices = values;
    });
  }

 private:
  template <typename Change>
  constexpr FieldSpec with(Change change) const {
    FieldSpec copy = *this;
    change(copy);
    return copy;
  }
};

constexpr FieldSpec field(std::string_view name, ValueShape shape) { return FieldSpec{.name = name, .shape = shape}; }

// Keys beyond the fixed fields.
enum class KeyPattern : std::uint8_t {
  none,
  path,         // ^/ (Paths Object)
  status_code,  // ^[1-5](?:[0-9]{2}|XX)$ (Responses Object)
  any_name,     // every other key (Callback and Security Requirement Objects)
};

struct ObjectSpec {
  std::string_view name;  // as the specification names it: "Parameter Object"
  std::span<const FieldSpec> fields = {};
  bool extensions = true;  // `x-` fields allowed
  VersionMask open = 0;    // versions in which unknown fields are allowed (3.1+ Schema Objects)
  KeyPattern pattern = KeyPattern::none;
  FieldSpec patterned = {};            // the shape of a patterned key's value
  std::string_view pattern_hint = {};  // what patterned keys look like, for "unexpected field" messages
};

const ObjectSpec& object_spec(ObjectType type);

// The fixed field `key` of `spec` in the versions of `mask`, or nullptr.
const FieldSpec* find_field(const ObjectSpec& spec, std::string_view key, VersionMask mask);

// "name, in, description, ..." — the fixed fields a version defines, for messages.
std::string field_list(const ObjectSpec& spec, VersionMask mask);

// The security scheme variant for a `type` value in a version; ObjectType::count when the version has no such type.
ObjectType security_scheme_variant(std::string_view type, VersionMask mask);

// Allowed `style` values of a parameter per location (`in`) and version; empty for an unknown location.
std::span<const std::string_view> parameter_styles(std::string_view in, VersionMask mask);

}  // namespace apictl::contract::structure
