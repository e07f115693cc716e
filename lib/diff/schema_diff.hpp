// compare_schemas: the meaning-level comparison of two schemas, shared by every place a schema appears.
#pragma once

#include <string>

#include "diff/comparison.hpp"

namespace apictl::diff {

// Where a schema sits decides the id prefixes (`<context>-<atom>`) and which way narrowing breaks clients.
enum class SchemaSite {
  request_body,      // request-body-* at the top, request-property-* below
  query_parameter,   // request-parameter-* / request-parameter-property-* (path and cookie parameters too)
  header_parameter,  // as query, but properties below prefer request-header-property-*
  response_body,     // response-body-* (response-mediatype-* for enums) / response-property-*
  response_header,   // response-header-*; nothing below
};

struct SchemaScope {
  const OperationKey& operation;
  SchemaSite site;
  std::string subject;               // logical place of the schema, e.g. "request body application/json"
  std::string label;                 // how messages name it, e.g. "request body" or "query parameter 'limit'"
  bool xml = false;                  // the media type is XML, where object and string bodies are compatible
  contract::NodeRef stability = {};  // the revision operation's x-stability-level, for deprecation policy
};

// Compares `base` and `revision` (either may be a $ref) and emits every difference. allOf/anyOf/oneOf lists
// are compared by matching their subschemas ($ref name, then equal meaning, then position). Breadth first, each
// (base, revision) pair once per call: recursive schemas terminate, and a change deep in a shared schema is
// reported once per site, at the shortest property path that reaches it.
void compare_schemas(Comparison& comparison, const SchemaScope& scope, contract::NodeRef base,
                     contract::NodeRef revision);

}  // namespace apictl::diff
