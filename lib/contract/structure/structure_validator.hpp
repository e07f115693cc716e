// Structural validation: walks an OpenAPI document (and the files its $refs reach) against the object model.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contract/openapi.hpp"
#include "contract/structure/oas_model.hpp"
#include "contract/workspace.hpp"

namespace apictl::contract::structure {

// Where a finding is placed: at the node's value, or at the key that names it ("unexpected field" style).
enum class Placement { value, key };

// A $ref where the specification allows none is its own kind: bundlers accept the "$ref anywhere" habit, so
// the lint reports it under a separate, milder rule (no-misplaced-refs) than real structure errors.
enum class IssueKind { structure, misplaced_ref };

struct StructureIssue {
  NodeRef node;
  Placement placement = Placement::value;
  std::string message;
  std::string hint;
  IssueKind kind = IssueKind::structure;
};

// Every structural problem of the contract, in walk order. $refs are followed (each target validated once,
// as the type its position expects); unresolvable ones are skipped, since the no-unresolved-refs rule
// reports them.
std::vector<StructureIssue> validate_structure(Workspace& workspace, const SpecInfo& spec);

// The walker behind validate_structure. Its Schema Object keyword checks live in schema_object.cpp.
class StructureValidator {
 public:
  StructureValidator(Workspace& workspace, OasVersion version);
  std::vector<StructureIssue> run();

 private:
  // Whether a Reference Object may stand for the object at a position.
  enum class References { forbidden, allowed };
  References references_of(const FieldSpec& field) const;

  void visit(NodeRef node, ObjectType type, References references);
  // Checks the target of the $ref string node `ref` as `type`; unresolvable refs are left to no-unresolved-refs.
  void follow(NodeRef ref, ObjectType type, References references);
  void check_fields(NodeRef node, const ObjectSpec& spec);
  void check_value(NodeRef value, const FieldSpec& field);
  void check_items(NodeRef list, const FieldSpec& field);
  void check_members(NodeRef map, const FieldSpec& field);
  void check_text(NodeRef value, TextRule rule);
  void check_key(NodeRef value, std::string_view key, TextRule rule);
  void unexpected_field(NodeRef value, std::string_view key, const ObjectSpec& spec);
  void check_object(NodeRef node, ObjectType type);

  void check_openapi(NodeRef node);
  void check_license(NodeRef node);
  void check_server_variable(NodeRef node);
  void check_parameter_list(NodeRef list);
  void check_parameter(NodeRef node);
  void check_header(NodeRef node);
  void check_schema_or_content(NodeRef node, std::string_view object);
  void check_media_type(NodeRef node);
  void check_encoding_exclusions(NodeRef node, std::string_view object);
  void check_responses(NodeRef node);
  void check_example(NodeRef node);
  void check_link(NodeRef node);
  void check_xml(NodeRef node);
  void visit_security_scheme(NodeRef node);

  // schema_object.cpp
  void visit_schema(NodeRef node);
  void check_schema_keyword(NodeRef value, const FieldSpec& field);

  // Follows a $ref (cached per document and ref text); an empty NodeRef when it does not resolve.
  NodeRef resolve(NodeRef ref);
  // Follows a chain of Reference Objects to the object it stands for; empty when a link does not resolve.
  NodeRef target_of(NodeRef node);
  // True the first time `node` is seen as `type`: guards against cycles and repeated work.
  bool first_visit(NodeRef node, ObjectType type);

  void report(NodeRef node, std::string message, std::string hint = {});
  void report_key(NodeRef node, std::string message, std::string hint = {});
  void report_misplaced_ref(NodeRef ref, std::string message, std::string hint);
  void wrong_kind(NodeRef node, std::string_view expected);

  struct DocumentState {
    std::vector<std::uint64_t> visited;  // per node: one bit per ObjectType
  };
  DocumentState& state_of(const Document& document);

  Workspace& workspace_;
  OasVersion version_;
  VersionMask bit_;
  bool schema_keywords_ = true;  // false when the document declares a JSON Schema dialect apictl does not model
  std::vector<StructureIssue> issues_;
  std::unordered_map<const Document*, DocumentState> documents_;
  const Document* last_document_ = nullptr;
  DocumentState* last_state_ = nullptr;
};

// Message helpers shared by both source files.
std::string describe(NodeRef node);               // "'name'", "item 2 of 'parameters'", "the document"
std::string found(NodeRef node);                  // "integer 3", "string 'abc'", "object"
std::string with_article(std::string_view noun);  // "an Info Object", "a Server Object"
bool nodes_equal(NodeRef a, NodeRef b);           // JSON equality (for uniqueItems)
// The name a misspelt word most likely meant (for "did you mean" hints), or "" when none is close.

}  // namespace apictl::contract::structure
