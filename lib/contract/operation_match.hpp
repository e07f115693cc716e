// Matching a request's method and path to an operation of the contract: server base paths, path templates with
// several parameters a segment, literal paths before templated ones. Built once per contract, then read-only.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unordered_map>

#include "contract/openapi.hpp"
#include "contract/path_template.hpp"

namespace apictl::contract {

// One operation under `paths`.
struct OperationEntry {
  std::string method;        // as HTTP writes it: "GET"
  std::string path;          // the template as written under `paths`: "/pets/{petId}"
  std::string operation_id;  // "" when the operation has none
  NodeRef operation;         // the Operation Object ($ref followed)
  NodeRef path_item;         // the Path Item Object ($ref followed)

  std::string name() const { return method + " " + path; }  // "GET /pets/{petId}"
};

struct PathParameter {
  std::string name;
  std::string value;  // percent-decoded
};

struct OperationMatch {
  const OperationEntry* operation = nullptr;  // points into the OperationTable, which must outlive the match
  std::vector<PathParameter> parameters;      // in template order
  std::string base_path;                      // the server base path the request carried ("/v1"), "" for none
  bool head_as_get = false;                   // a HEAD request answered by the documented GET operation

  // The decoded value of path parameter `name`, nullopt when the template has no such parameter.
  std::optional<std::string_view> parameter(std::string_view name) const;
};

enum class MatchFailure { no_path, method_not_documented };

struct MatchMiss {
  MatchFailure failure = MatchFailure::no_path;
  std::string path;                  // method_not_documented: the template that matched, "/pets/{petId}"
  std::vector<std::string> allowed;  // method_not_documented: the documented methods, "GET", "POST"

  // "no path of the contract matches" / "path matches but method not documented (allowed: GET, POST)".
  std::string message() const;
};

class OperationTable {
 public:
  // Reads every operation under `paths` (Path Item and Operation $refs followed) and the base paths of the
  // `servers` at the root, path item and operation levels. Unresolvable $refs are skipped (lint reports them).
  OperationTable(Workspace& workspace, const SpecInfo& spec);

  // Matches a request. `method` is case-insensitive; `path` is the request path without the query (an
  // absolute-form target "http://host/p" is accepted too). A server base path may prefix the request path
  // ("/v1/pets" matches "/pets" when a server's url is ".../v1"); a path without any base matches as well,
  // so an app mounted at "/" checks against a contract whose servers name a production prefix. When several
  // templates match, literal segments win over templated ones, segment by segment from the left; the first
  // matching path that documents the method wins. HEAD falls back to GET when HEAD is not documented.
  std::expected<OperationMatch, MatchMiss> match(std::string_view method, std::string_view path) const;

  const std::vector<OperationEntry>& operations() const { return operations_; }
  // Base paths found in `servers` ("/v1"), longest first; "" is never listed.
  const std::vector<std::string>& base_paths() const { return bases_; }
  // The documented path templates nearest to `path` by edit distance (templated segments compared with the
  // request's segment there), at most `limit`, nearest first; for a 404's hint.
  std::vector<std::string> nearest_paths(std::string_view path, std::size_t limit) const;

 private:
  // One key of `paths`, with its operations.
  struct PathPattern {
    std::string path;
    std::vector<std::string> parameters;  // names in order of appearance
    std::vector<std::size_t> operations;  // indexes into operations_
  };
  // A trie over segments: literal segments by their decoded text, templated ones tried in precedence order.
  struct TrieNode {
    std::unordered_map<std::string, std::size_t> literal;        // segment -> node
    std::vector<std::pair<PathSegment, std::size_t>> templated;  // "{id}", "{name}.{ext}" -> node
    std::vector<std::size_t> paths;                              // indexes into paths_ ending here
  };
  // A path that matches the request once `base` is dropped, with its parameters' decoded values.
  struct Candidate {
    std::size_t path = 0;
    std::string base;
    std::vector<std::string> captures;
  };

  void add_path(std::string_view path, std::vector<std::size_t> operations);
  void collect(std::size_t node, const std::vector<std::string>& segments, std::size_t at,
               std::vector<std::string>& captures, const std::string& base, std::vector<Candidate>& out) const;
  // Every path the request path matches, in precedence order: each base it carries (longest first), then none.
  std::vector<Candidate> candidates(std::string_view path) const;
  bool base_allowed(std::size_t operation, const std::string& base) const;

  std::vector<OperationEntry> operations_;
  std::vector<std::vector<std::string>> operation_bases_;  // parallel to operations_: the bases its servers give
  std::vector<std::string> bases_;
  std::vector<PathPattern> paths_;
  std::vector<TrieNode> nodes_;  // nodes_[0] is the root
};

// Splits a request path into '/'-separated segments, not decoded: "/a/b" -> {"a", "b"}, "/" -> {}.
std::vector<std::string> split_path(std::string_view path);

// Decodes %XX escapes; malformed escapes stay as written. '+' stays '+' (paths do not encode spaces as '+').
std::string percent_decode(std::string_view text);

}  // namespace apictl::contract
