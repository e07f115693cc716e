// Workspace: the root contract plus every file its $refs reach, loaded once each, with $ref resolution.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "contract/document.hpp"
#include "contract/parse.hpp"
#include "diagnostic.hpp"

namespace apictl::contract {

// A parsed $ref value: the file part (empty for a local ref) and the JSON pointer fragment.
struct RefTarget {
  std::string file;     // as written, e.g. "../common/Error.yaml"; empty for "#/..."
  std::string pointer;  // decoded fragment, e.g. "/components/schemas/Pet"
  bool remote = false;  // http:// or https:// — never fetched
};
Result<RefTarget> parse_ref(std::string_view ref);

// True when the file's extension says it holds JSON or YAML; other files (code samples) are never parsed.
bool is_document_file(std::string_view path);

class Workspace {
 public:
  explicit Workspace(ParseLimits limits = {}) : limits_(limits) {}

  // Loads the root contract; `display_path` is how messages name it ("-" reads stdin).
  Result<const Document*> open(const std::filesystem::path& path, std::string display_path);
  // For tests and stdin: adopts an already parsed document as the root.
  const Document* adopt(std::unique_ptr<Document> document, std::filesystem::path path);

  const Document& root() const { return *documents_.front(); }
  // All documents loaded so far, root first.
  std::vector<const Document*> documents() const;

  // Resolves the `$ref` string node `ref` (the value of a "$ref" key) to its target node, loading external
  // files on demand. Errors (missing file, pointer that leads nowhere, remote ref) carry the ref's position.
  Result<NodeRef> resolve(NodeRef ref);

  // If `node` is a mapping with a string "$ref", follows the chain to the first non-ref node;
  // a cycle (a -> b -> a) or an unresolvable ref is an error. Non-ref nodes come back unchanged.
  Result<NodeRef> deref(NodeRef node);

  // The filesystem path a document was loaded from (used to resolve its relative refs).
  const std::filesystem::path& file_of(const Document& document) const;

 private:
  Result<const Document*> load_external(const std::filesystem::path& path, std::string display_path);
  Result<NodeRef> resolve_uncached(NodeRef ref);

  ParseLimits limits_;
  std::vector<std::unique_ptr<Document>> documents_;
  std::vector<std::filesystem::path> files_;                  // parallel to documents_
  std::map<std::filesystem::path, std::size_t> by_file_;      // canonical path -> index
  std::map<std::filesystem::path, std::size_t> by_spelling_;  // lexically normal path as referenced -> index
  std::map<std::filesystem::path, Diagnostic> failed_files_;  // remembered so each is reported once
  std::map<std::pair<const Document*, NodeId>, Result<NodeRef>> resolved_;  // by the $ref string node
};

}  // namespace apictl::contract
