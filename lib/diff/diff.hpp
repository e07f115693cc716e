// diff_contracts: the semantic difference between a base and a revision of an OpenAPI contract.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "diff/change.hpp"

namespace apictl::diff {

struct DiffOptions {
  // Report only changes at or above this level (a changelog wants info; a CI gate may want warn).
  Level min_level = Level::info;
  // Deprecation policy: how many days a beta / stable operation, parameter or property must stay deprecated
  // before it may go, i.e. how far away its x-sunset must be. 0 requires no sunset date.
  int deprecation_days_beta = 0;
  int deprecation_days_stable = 0;
  // "YYYY-MM-DD" that sunset dates are measured from; empty means the system clock's date (tests pin it).
  std::string today;
};

struct ContractInfo {
  std::string file;     // as the user named it
  std::string openapi;  // the `openapi` value, e.g. "3.1.0"
  bool on_disk = true;  // false when read from a git revision (REV:path): no file of the working tree
};

struct DiffResult {
  ContractInfo base;
  ContractInfo revision;
  std::vector<Change> changes;  // in report_order, deduplicated
  // Every operation of either contract in report order (Change::also refers to them by index).
  std::vector<OperationKey> operations;
  // Set by diff_with_policy (diff/policy.hpp): changes that ignore rules dropped, and the next info.version
  // (nullopt when the base's is not semver).
  std::size_t ignored = 0;
  std::optional<std::string> suggested_version;
  // Under the version policy, a major bump of info.version admits the breaking changes: they are reported but
  // do not fail the --fail-on gate (see diff::fails_gate).
  bool breaking_admitted = false;
};

// Loads BASE or REVISION as contract::resolve_spec reads a SPEC: a file, a folder (its openapi.yaml), "-" for
// stdin, or REV:path from git. The one place where a diff reads its inputs.
Result<std::unique_ptr<contract::Workspace>> open_contract(const std::string& spec);

// Compares two loaded contracts. Errors: a document that is not OpenAPI 3.x.
Result<DiffResult> diff_contracts(contract::Workspace& base, contract::Workspace& revision,
                                  const DiffOptions& options = {});

// True when some change is at or above `threshold`.
bool has_changes_at(const DiffResult& result, Level threshold);

}  // namespace apictl::diff
