// Comparison: both contracts side by side, their operations matched, and the sink check families emit into.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "contract/openapi.hpp"
#include "diff/change.hpp"
#include "diff/diff.hpp"
#include "diff/ref_cache.hpp"
#include "diff/schema_hash.hpp"

namespace apictl::diff {

// One contract of the pair.
struct Side {
  Side(contract::Workspace& contract, contract::SpecInfo info)
      : workspace(contract), spec(std::move(info)), refs(contract), hasher(refs) {}
  Side(const Side&) = delete;
  Side& operator=(const Side&) = delete;

  contract::Workspace& workspace;
  contract::SpecInfo spec;
  mutable RefCache refs;  // deref() is a lookup to callers; the cache is its business
  SchemaHasher hasher;

  // Follows a $ref chain; empty when the node is absent or a ref does not resolve (lint reports those).
  contract::NodeRef deref(contract::NodeRef node) const;
};

// An operation in either contract, matched by method and path template (parameter names do not matter:
// /pets/{id} and /pets/{petId} are the same endpoint). One of base/revision has an empty `node` when the
// operation exists on one side only.
struct OperationPair {
  OperationKey key;
  contract::Operation base;
  contract::Operation revision;
  bool in_base() const { return static_cast<bool>(base.node); }
  bool in_revision() const { return static_cast<bool>(revision.node); }
};

// "/pets/{petId}" -> "/pets/{}"
std::string normalize_path_template(std::string_view path);

struct CheckInfo;   // check_ids.hpp
struct SchemaMemo;  // schema_diff.cpp: schema pairs compared so far, reused by every operation reaching them

class Comparison {
 public:
  Comparison(Side& base, Side& revision, const DiffOptions& options);

  Side& base() { return base_; }
  Side& revision() { return revision_; }
  const DiffOptions& options() const { return options_; }

  // Every operation of either contract, ordered by path then method.
  const std::vector<OperationPair>& operations() const { return operations_; }

  // Records a change with the default level of `id`. Ids unknown to the registry are dropped: schema
  // comparisons build ids as <context>-<atom> and rely on this to skip pairs oasdiff has no id for.
  // The same change (id, subject, message and both nodes) emitted for several operations is recorded once,
  // with each operation. Returns the recorded change, or `dropped` when its level is below the minimum.
  static constexpr std::uint32_t dropped = UINT32_MAX;
  std::uint32_t emit(std::string_view id, const OperationKey& operation, std::string message, std::string subject,
                     contract::NodeRef base_node, contract::NodeRef revision_node);
  // Records changes emit() returned for one more operation, without building their text again.
  void emit_again(std::span<const std::uint32_t> changes, const OperationKey& operation);

  // Moves the recorded changes into `result`: each with its first operation and the others in `also`, in
  // report order, with result.operations as `also`'s table.
  void take_changes(DiffResult& result);

  // compare_schemas' memo for this diff (created there; a shared_ptr so this header needs no definition).
  std::shared_ptr<SchemaMemo>& schema_memo() { return schema_memo_; }

 private:
  Side& base_;
  Side& revision_;
  const DiffOptions& options_;
  // A change as emitted, before its operations are put in report order.
  struct Pending {
    const CheckInfo* check;
    std::string message;
    std::string subject;
    contract::NodeRef base;
    contract::NodeRef revision;
    std::vector<std::uint32_t> operations;  // indexes into keys_
  };
  std::uint32_t key_index(const OperationKey& operation);

  std::vector<OperationPair> operations_;
  std::vector<Pending> pending_;
  std::unordered_multimap<std::uint64_t, std::uint32_t> pending_by_hash_;  // hash of a Pending's identity
  std::vector<OperationKey> keys_;                                         // every operation emitted for
  std::map<OperationKey, std::uint32_t> key_indexes_;
  OperationKey last_key_;  // consecutive emits are mostly for one operation: skips the map
  std::uint32_t last_key_index_ = 0;
  std::shared_ptr<SchemaMemo> schema_memo_;
};

}  // namespace apictl::diff
