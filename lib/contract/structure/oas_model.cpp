// The OpenAPI 3.0 / 3.1 / 3.2 object tables, written from the official JSON Schemas and the specification text.
#include "contract/structure/oas_model.hpp"

#include <array>

namespace apictl::contract::structure {

namespace {

using enum ValueShape;
using T = ObjectType;
using S = std::string_view;

constexpr std::array<S, 4> parameter_locations = {"query", "header", "path", "cookie"};
constexpr std::array<S, 5> parameter_locations_3_2 = {"query", "querystring", "header", "path", "cookie"};
constexpr std::array<S, 3> api_key_locations = {"query", "header", "cookie"};
constexpr std::array<S, 4> encoding_styles = {"form", "spaceDelimited", "pipeDelimited", "deepObject"};
constexpr std::array<S, 1> header_styles = {"simple"};
constexpr std::array<S, 3> path_styles = {"matrix", "label", "simple"};
constexpr std::array<S, 4> query_styles = {"form", "spaceDelimited", "pipeDelimited", "deepObject"};
constexpr std::array<S, 1> cookie_styles = {"form"};
constexpr std::array<S, 2> cookie_styles_3_2 = {"form", "cookie"};
constexpr std::array<S, 5> xml_node_types = {"element", "attribute", "text", "cdata", "none"};
constexpr std::array<S, 6> schema_types_3_0 = {"array", "boolean", "integer", "number", "object", "string"};

constexpr FieldSpec openapi_fields[] = {
    field("openapi", string).needed(),
    field("$self", string).in(v3_2).rule(TextRule::no_fragment),
    field("info", object).of(T::info).needed(),
    field("jsonSchemaDialect", string).in(since_3_1),
    field("servers", array).of(T::server),
    field("paths", object).of(T::paths).needed(v3_0),
    field("webhooks", map).of(T::path_item).in(since_3_1),
    field("components", object).of(T::components),
    field("security", array).of(T::security_requirement),
    field("tags", array).of(T::tag).distinct(v3_0),
    field("externalDocs", object).of(T::external_docs),
};

constexpr FieldSpec info_fields[] = {
    field("title", string).needed(),   field("summary", string).in(since_3_1),  field("description", string),
    field("termsOfService", string),   field("contact", object).of(T::contact), field("license", object).of(T::license),
    field("version", string).needed(),
};

constexpr FieldSpec contact_fields[] = {
    field("name", string),
    field("url", string),
    field("email", string),
};

constexpr FieldSpec license_fields[] = {
    field("name", string).needed(),
    field("identifier", string).in(since_3_1),
    field("url", string),
};

constexpr FieldSpec server_fields[] = {
    field("url", string).needed(),
    field("description", string),
    field("name", string).in(v3_2),
    field("variables", map).of(T::server_variable),
};

constexpr FieldSpec server_variable_fields[] = {
    field("enum", string_array).filled(since_3_1),
    field("default", string).needed(),
    field("description", string),
};

constexpr FieldSpec components_fields[] = {
    field("schemas", map).of(T::schema).refs().rule(TextRule::component_name),
    field("responses", map).of(T::response).refs().rule(TextRule::component_name),
    field("parameters", map).of(T::parameter).refs().rule(TextRule::component_name),
    field("examples", map).of(T::example).refs().rule(TextRule::component_name),
    field("requestBodies", map).of(T::request_body).refs().rule(TextRule::component_name),
    field("headers", map).of(T::header).refs().rule(TextRule::component_name),
    field("securitySchemes", map).of(T::security_scheme).refs().rule(TextRule::component_name),
    field("links", map).of(T::link).refs().rule(TextRule::component_name),
    field("callbacks", map).of(T::callback).refs().rule(TextRule::component_name),
    field("pathItems", map).of(T::path_item).in(since_3_1).rule(TextRule::component_name),
    field("mediaTypes", map).of(T::media_type).in(v3_2).refs().rule(TextRule::component_name),
};

// A Path Item's `$ref` is one of its fields (siblings allowed), not a Reference Object standing for it.
// `$ref` values are left unchecked here: no-unresolved-refs reports one that is not a string.
constexpr FieldSpec path_item_fields[] = {
    field("$ref", any),
    field("summary", string),
    field("description", string),
    field("get", object).of(T::operation),
    field("put", object).of(T::operation),
    field("post", object).of(T::operation),
    field("delete", object).of(T::operation),
    field("options", object).of(T::operation),
    field("head", object).of(T::operation),
    field("patch", object).of(T::operation),
    field("trace", object).of(T::operation),
    field("query", object).of(T::operation).in(v3_2),
    field("additionalOperations", map).of(T::operation).in(v3_2).rule(TextRule::method),
    field("servers", array).of(T::server),
    field("parameters", array).of(T::parameter).refs().distinct(v3_0),
};

constexpr FieldSpec operation_fields[] = {
    field("tags", string_array),
    field("summary", string),
    field("description", string),
    field("externalDocs", object).of(T::external_docs),
    field("operationId", string),
    field("parameters", array).of(T::parameter).refs().distinct(v3_0),
    field("requestBody", object).of(T::request_body).refs(),
    field("responses", object).of(T::responses).needed(v3_0),
    field("callbacks", map).of(T::callback).refs(),
    field("deprecated", boolean),
    field("security", array).of(T::security_requirement),
    field("servers", array).of(T::server),
};

constexpr FieldSpec external_docs_fields[] = {
    field("description", string),
    field("url", string).needed(),
};

// Which of these apply depends on `in` and on schema vs. content; the validator checks that.
constexpr FieldSpec parameter_fields[] = {
    field("name", string).needed(),
    field("in", string).needed().in(until_3_1).one_of(parameter_locations),
    field("in", string).needed().in(v3_2).one_of(parameter_locations_3_2),
    field("description", string),
    field("required", boolean),
    field("deprecated", boolean),
    field("allowEmptyValue", boolean),
    field("style", string),
    field("explode", boolean),
    field("allowReserved", boolean),
    field("schema", object).of(T::schema).refs(),
    field("content", map).of(T::media_type).refs(v3_2),
    field("example", any),
    field("examples", map).of(T::example).refs(),
};

constexpr FieldSpec request_body_fields[] = {
    field("description", string),
    field("content", map).of(T::media_type).refs(v3_2).needed(),
    field("required", boolean),
};

constexpr FieldSpec media_type_fields[] = {
    field("description", string).in(v3_2),
    field("schema", object).of(T::schema).refs(),
    field("itemSchema", object).of(T::schema).refs().in(v3_2),
    field("example", any),
    field("examples", map).of(T::example).refs(),
    field("encoding", map).of(T::encoding),
    field("prefixEncoding", array).of(T::encoding).in(v3_2),
    field("itemEncoding", object).of(T::encoding).in(v3_2),
};

constexpr FieldSpec encoding_fields[] = {
    field("contentType", string),
    field("headers", map).of(T::header).refs().rule(TextRule::token, v3_2),
    field("style", string).one_of(encoding_styles),
    field("explode", boolean),
    field("allowReserved", boolean),
    field("encoding", map).of(T::encoding).in(v3_2),
    field("prefixEncoding", array).of(T::encoding).in(v3_2),
    field("itemEncoding", object).of(T::encoding).in(v3_2),
};

constexpr FieldSpec responses_fields[] = {
    field("default", object).of(T::response).refs(),
};

constexpr FieldSpec response_fields[] = {
    field("summary", string).in(v3_2),
    field("description", string).needed(until_3_1),
    field("headers", map).of(T::header).refs().rule(TextRule::token, v3_2),
    field("content", map).of(T::media_type).refs(v3_2),
    field("links", map).of(T::link).refs(),
};

constexpr FieldSpec example_fields[] = {
    field("summary", string),       field("description", string),     field("value", any),
    field("externalValue", string), field("dataValue", any).in(v3_2), field("serializedValue", string).in(v3_2),
};

// The 3.1 and 3.2 schemas restrict link parameter values to strings, but the specification's
// Map[string, Any | {expression}] allows constants of any type, so any value is accepted.
constexpr FieldSpec link_fields[] = {
    field("operationRef", string), field("operationId", string), field("parameters", any_map),
    field("requestBody", any),     field("description", string), field("server", object).of(T::server),
};

constexpr FieldSpec header_fields[] = {
    field("description", string),
    field("required", boolean),
    field("deprecated", boolean),
    field("allowEmptyValue", boolean).in(v3_0),
    field("style", string).one_of(header_styles),
    field("explode", boolean),
    field("allowReserved", boolean).in(v3_0),
    field("schema", object).of(T::schema).refs(),
    field("content", map).of(T::media_type).refs(v3_2),
    field("example", any),
    field("examples", map).of(T::example).refs(),
};

constexpr FieldSpec tag_fields[] = {
    field("name", string).needed(),   field("summary", string).in(v3_2),
    field("description", string),     field("externalDocs", object).of(T::external_docs),
    field("parent", string).in(v3_2), field("kind", string).in(v3_2),
};

constexpr FieldSpec discriminator_fields[] = {
    field("propertyName", string).needed(),
    field("mapping", string_map),
    field("defaultMapping", string).in(v3_2),
};

constexpr FieldSpec xml_fields[] = {
    field("nodeType", string).in(v3_2).one_of(xml_node_types),
    field("name", string),
    field("namespace", string),
    field("prefix", string),
    field("attribute", boolean),
    field("wrapped", boolean),
};

constexpr FieldSpec security_scheme_fields[] = {
    field("type", string).needed(),
    field("description", string),
    field("deprecated", boolean).in(v3_2),
};

constexpr FieldSpec api_key_fields[] = {
    field("type", string).needed(),
    field("description", string),
    field("deprecated", boolean).in(v3_2),
    field("name", string).needed(),
    field("in", string).needed().one_of(api_key_locations),
};

constexpr FieldSpec http_fields[] = {
    field("type", string).needed(),   field("description", string),  field("deprecated", boolean).in(v3_2),
    field("scheme", string).needed(), field("bearerFormat", string),
};

constexpr FieldSpec oauth2_fields[] = {
    field("type", string).needed(),
    field("description", string),
    field("deprecated", boolean).in(v3_2),
    field("flows", object).of(T::oauth_flows).needed(),
    field("oauth2MetadataUrl", string).in(v3_2),
};

constexpr FieldSpec open_id_connect_fields[] = {
    field("type", string).needed(),
    field("description", string),
    field("deprecated", boolean).in(v3_2),
    field("openIdConnectUrl", string).needed(),
};

constexpr FieldSpec oauth_flows_fields[] = {
    field("implicit", object).of(T::oauth_flow_implicit),
    field("password", object).of(T::oauth_flow_password),
    field("clientCredentials", object).of(T::oauth_flow_client_credentials),
    field("authorizationCode", object).of(T::oauth_flow_authorization_code),
    field("deviceAuthorization", object).of(T::oauth_flow_device_authorization).in(v3_2),
};

constexpr FieldSpec implicit_flow_fields[] = {
    field("authorizationUrl", string).needed(),
    field("refreshUrl", string),
    field("scopes", string_map).needed(),
};

constexpr FieldSpec token_flow_fields[] = {
    field("tokenUrl", string).needed(),
    field("refreshUrl", string),
    field("scopes", string_map).needed(),
};

constexpr FieldSpec authorization_code_flow_fields[] = {
    field("authorizationUrl", string).needed(),
    field("tokenUrl", string).needed(),
    field("refreshUrl", string),
    field("scopes", string_map).needed(),
};

constexpr FieldSpec device_authorization_flow_fields[] = {
    field("deviceAuthorizationUrl", string).needed(),
    field("tokenUrl", string).needed(),
    field("refreshUrl", string),
    field("scopes", string_map).needed(),
};

// Schema Object keywords. 3.0 uses its own draft-04-like set (closed, `x-` extensions allowed); 3.1 and 3.2
// use JSON Schema 2020-12 plus the OAS base vocabulary, where other keywords are allowed and unchecked.
constexpr FieldSpec schema_fields[] = {
    // JSON Schema 2020-12 core
    field("$id", string).in(since_3_1).rule(TextRule::schema_id),
    field("$schema", string).in(since_3_1),
    field("$ref", any).in(since_3_1),
    field("$anchor", string).in(since_3_1).rule(TextRule::anchor),
    field("$dynamicRef", string).in(since_3_1),
    field("$dynamicAnchor", string).in(since_3_1).rule(TextRule::anchor),
    field("$vocabulary", boolean_map).in(since_3_1),
    field("$comment", string).in(since_3_1),
    // 2019-09 keywords that 2020-12 keeps in its meta-schema, deprecated, as an anchor name and a URI reference
    field("$recursiveAnchor", string).in(since_3_1).rule(TextRule::anchor),
    field("$recursiveRef", string).in(since_3_1),
    field("$defs", map).of(T::schema).in(since_3_1),
    field("definitions", map).of(T::schema).in(since_3_1),
    // applicators
    field("allOf", array).of(T::schema).refs().filled(since_3_1),
    field("anyOf", array).of(T::schema).refs().filled(since_3_1),
    field("oneOf", array).of(T::schema).refs().filled(since_3_1),
    field("not", object).of(T::schema).refs(),
    field("if", object).of(T::schema).in(since_3_1),
    field("then", object).of(T::schema).in(since_3_1),
    field("else", object).of(T::schema).in(since_3_1),
    field("dependentSchemas", map).of(T::schema).in(since_3_1),
    field("prefixItems", array).of(T::schema).in(since_3_1).filled(),
    field("items", object).of(T::schema).refs(),
    field("contains", object).of(T::schema).in(since_3_1),
    field("properties", map).of(T::schema).refs(),
    field("patternProperties", map).of(T::schema).in(since_3_1),
    field("additionalProperties", schema_or_boolean).of(T::schema).refs().in(v3_0),
    field("additionalProperties", object).of(T::schema).in(since_3_1),
    field("propertyNames", object).of(T::schema).in(since_3_1),
    field("unevaluatedItems", object).of(T::schema).in(since_3_1),
    field("unevaluatedProperties", object).of(T::schema).in(since_3_1),
    field("dependencies", schema_dependencies).in(since_3_1),
    // validation
    field("type", string).in(v3_0).one_of(schema_types_3_0),
    field("type", schema_type).in(since_3_1),
    field("const", any).in(since_3_1),
    field("enum", any_array).filled(v3_0),
    field("multipleOf", positive_number),
    field("maximum", number),
    field("exclusiveMaximum", boolean).in(v3_0),
    field("exclusiveMaximum", number).in(since_3_1),
    field("minimum", number),
    field("exclusiveMinimum", boolean).in(v3_0),
    field("exclusiveMinimum", number).in(since_3_1),
    field("maxLength", non_negative_integer),
    field("minLength", non_negative_integer),
    field("pattern", string),
    field("maxItems", non_negative_integer),
    field("minItems", non_negative_integer),
    field("uniqueItems", boolean),
    field("maxContains", non_negative_integer).in(since_3_1),
    field("minContains", non_negative_integer).in(since_3_1),
    field("maxProperties", non_negative_integer),
    field("minProperties", non_negative_integer),
    field("required", string_array).distinct().filled(v3_0),
    field("dependentRequired", string_array_map).in(since_3_1),
    // meta-data, format, content
    field("title", string),
    field("description", string),
    field("default", any),
    field("deprecated", boolean),
    field("readOnly", boolean),
    field("writeOnly", boolean),
    field("examples", any_array).in(since_3_1),
    field("format", string),
    field("contentEncoding", string).in(since_3_1),
    field("contentMediaType", string).in(since_3_1),
    field("contentSchema", object).of(T::schema).in(since_3_1),
    // OpenAPI
    field("nullable", boolean).in(v3_0),
    field("discriminator", object).of(T::discriminator),
    field("xml", object).of(T::xml),
    field("externalDocs", object).of(T::external_docs),
    field("example", any),
};

constexpr std::array<ObjectSpec, static_cast<std::size_t>(ObjectType::count)> specs = [] {
  std::array<ObjectSpec, static_cast<std::size_t>(ObjectType::count)> out{};
  auto set = [&](ObjectType type, ObjectSpec spec) { out[static_cast<std::size_t>(type)] = spec; };
  set(T::openapi, {.name = "OpenAPI Object", .fields = openapi_fields});
  set(T::info, {.name = "Info Object", .fields = info_fields});
  set(T::contact, {.name = "Contact Object", .fields = contact_fields});
  set(T::license, {.name = "License Object", .fields = license_fields});
  set(T::server, {.name = "Server Object", .fields = server_fields});
  set(T::server_variable, {.name = "Server Variable Object", .fields = server_variable_fields});
  set(T::components, {.name = "Components Object", .fields = components_fields});
  set(T::paths, {.name = "Paths Object",
                 .pattern = KeyPattern::path,
                 .patterned = field("", object).of(T::path_item),
                 .pattern_hint = "paths must start with '/'"});
  set(T::path_item, {.name = "Path Item Object", .fields = path_item_fields});
  set(T::operation, {.name = "Operation Object", .fields = operation_fields});
  set(T::external_docs, {.name = "External Documentation Object", .fields = external_docs_fields});
  set(T::parameter, {.name = "Parameter Object", .fields = parameter_fields});
  set(T::request_body, {.name = "Request Body Object", .fields = request_body_fields});
  set(T::media_type, {.name = "Media Type Object", .fields = media_type_fields});
  set(T::encoding, {.name = "Encoding Object", .fields = encoding_fields});
  set(T::responses, {.name = "Responses Object",
                     .fields = responses_fields,
                     .pattern = KeyPattern::status_code,
                     .patterned = field("", object).of(T::response).refs(),
                     .pattern_hint = "keys are 'default', an HTTP status code such as '200' or a range such as '2XX'"});
  set(T::response, {.name = "Response Object", .fields = response_fields});
  set(T::callback,
      {.name = "Callback Object", .pattern = KeyPattern::any_name, .patterned = field("", object).of(T::path_item)});
  set(T::example, {.name = "Example Object", .fields = example_fields});
  set(T::link, {.name = "Link Object", .fields = link_fields});
  set(T::header, {.name = "Header Object", .fields = header_fields});
  set(T::tag, {.name = "Tag Object", .fields = tag_fields});
  set(T::schema, {.name = "Schema Object", .fields = schema_fields, .open = since_3_1});
  set(T::discriminator, {.name = "Discriminator Object", .fields = discriminator_fields});
  set(T::xml, {.name = "XML Object", .fields = xml_fields});
  set(T::security_scheme, {.name = "Security Scheme Object", .fields = security_scheme_fields});
  set(T::security_scheme_api_key, {.name = "Security Scheme Object of type 'apiKey'", .fields = api_key_fields});
  set(T::security_scheme_http, {.name = "Security Scheme Object of type 'http'", .fields = http_fields});
  set(T::security_scheme_mutual_tls,
      {.name = "Security Scheme Object of type 'mutualTLS'", .fields = security_scheme_fields});
  set(T::security_scheme_oauth2, {.name = "Security Scheme Object of type 'oauth2'", .fields = oauth2_fields});
  set(T::security_scheme_open_id_connect,
      {.name = "Security Scheme Object of type 'openIdConnect'", .fields = open_id_connect_fields});
  set(T::oauth_flows, {.name = "OAuth Flows Object", .fields = oauth_flows_fields});
  set(T::oauth_flow_implicit, {.name = "OAuth Flow Object (implicit)", .fields = implicit_flow_fields});
  set(T::oauth_flow_password, {.name = "OAuth Flow Object (password)", .fields = token_flow_fields});
  set(T::oauth_flow_client_credentials, {.name = "OAuth Flow Object (clientCredentials)", .fields = token_flow_fields});
  set(T::oauth_flow_authorization_code,
      {.name = "OAuth Flow Object (authorizationCode)", .fields = authorization_code_flow_fields});
  set(T::oauth_flow_device_authorization,
      {.name = "OAuth Flow Object (deviceAuthorization)", .fields = device_authorization_flow_fields});
  set(T::security_requirement, {.name = "Security Requirement Object",
                                .extensions = false,
                                .pattern = KeyPattern::any_name,
                                .patterned = field("", string_array)});
  return out;
}();

}  // namespace

VersionMask version_bit(OasVersion version) {
  switch (version) {
    case OasVersion::v3_0:
      return v3_0;
    case OasVersion::v3_1:
      return v3_1;
    case OasVersion::v3_2:
      return v3_2;
    case OasVersion::swagger_2_0:
      return 0;
  }
  return 0;
}

const ObjectSpec& object_spec(ObjectType type) { return specs[static_cast<std::size_t>(type)]; }

const FieldSpec* find_field(const ObjectSpec& spec, std::string_view key, VersionMask mask) {
  for (const FieldSpec& candidate : spec.fields) {
    if ((candidate.versions & mask) && candidate.name.size() == key.size() && candidate.name == key) return &candidate;
  }
  return nullptr;
}

std::string field_list(const ObjectSpec& spec, VersionMask mask) {
  std::string out;
  for (const FieldSpec& candidate : spec.fields) {
    if (!(candidate.versions & mask)) continue;
    if (!out.empty()) out += ", ";
    out += candidate.name;
  }
  return out;
}

ObjectType security_scheme_variant(std::string_view type, VersionMask mask) {
  if (type == "apiKey") return T::security_scheme_api_key;
  if (type == "http") return T::security_scheme_http;
  if (type == "oauth2") return T::security_scheme_oauth2;
  if (type == "openIdConnect") return T::security_scheme_open_id_connect;
  if (type == "mutualTLS" && (mask & since_3_1)) return T::security_scheme_mutual_tls;
  return T::count;
}

std::span<const std::string_view> parameter_styles(std::string_view in, VersionMask mask) {
  if (in == "path") return path_styles;
  if (in == "query") return query_styles;
  if (in == "header") return header_styles;
  if (in == "cookie") return (mask & v3_2) ? std::span<const S>(cookie_styles_3_2) : std::span<const S>(cookie_styles);
  return {};
}

}  // namespace apictl::contract::structure
