// Workspace: the root contract plus every file its $refs reach, loaded once each, with $ref resolution.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "contract/contract_files.hpp"
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
  // Reads the root and every file its $refs reach from `files` (a git revision, say) instead of the filesystem.
  explicit Workspace(std::shared_ptr<const ContractFiles> files, ParseLimits limits = {})
      : limits_(limits), contract_files_(files ? std::move(files) : local_files()) {}

  // Loads the root contract; `display_path` is how messages name it ("-" reads stdin).
  Result<const Document*> open(const std::filesystem::path& path, std::string display_path);
  // Where the files are read from: the filesystem, or a git revision.
  const ContractFiles& files() const { return *contract_files_; }
  // For tests and stdin: adopts an already parsed document as the root.
  const Document* adopt(std::unique_ptr<Document> document, std::filesystem::path path);

  const Document& root() const { return *root_; }
  // All documents loaded so far, root first.
  std::vector<const Document*> documents() const;

  // Resolves the `$ref` string node `ref` (the value of a "$ref" key) to its target node, loading external
  // files on demand. Errors (missing file, pointer that leads nowhere, remote ref) carry the ref's position.
  Result<NodeRef> resolve(NodeRef ref);

  // If `node` is a mapping with a string "$ref", follows the chain to the first non-ref node;
  // a cycle (a -> b -> a) or an unresolvable ref is an error. Non-ref nodes come back unchanged.
  Result<NodeRef> deref(NodeRef node);

 private:
  Result<const Document*> load_external(const std::filesystem::path& path, std::string display_path);
  // Reads `path` through contract_files_ and parses it.
  Result<std::unique_ptr<Document>> read_document(const std::filesystem::path& path, std::string display_path) const;
  Result<NodeRef> resolve_uncached(NodeRef ref);
  // The filesystem path a document was loaded from (its relative refs resolve against it); caller holds mutex_.
  const std::filesystem::path& file_of(const Document& document) const;

  ParseLimits limits_;
  std::shared_ptr<const ContractFiles> contract_files_ = local_files();
  const Document* root_ = nullptr;  // documents_.front(), readable while another thread loads a file
  std::vector<std::unique_ptr<Document>> documents_;
  std::vector<std::filesystem::path> files_;                  // parallel to documents_
  std::map<std::filesystem::path, std::size_t> by_file_;      // canonical path -> index
  std::map<std::filesystem::path, std::size_t> by_spelling_;  // lexically normal path as referenced -> index
  std::map<std::filesystem::path, Diagnostic> failed_files_;  // remembered so each is reported once
  struct RefKeyHash {
    std::size_t operator()(const std::pair<const Document*, NodeId>& key) const {
      return std::hash<const void*>{}(key.first) ^ (std::size_t{key.second} * 0x9e3779b97f4a7c15ULL);
    }
  };
  // By the $ref string node. Hashed: diffs and rules look refs up millions of times.
  std::unordered_map<std::pair<const Document*, NodeId>, Result<NodeRef>, RefKeyHash> resolved_;
  // Once the root is open, resolve(), deref() and documents() may be called from several threads (lint runs
  // rules in parallel); loading a file and caching a resolution take the lock exclusively.
  mutable std::shared_mutex mutex_;
};

}  // namespace apictl::contract
