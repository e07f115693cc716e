// Endpoint lead time from git history: for each operation of the contract, from the commit that introduced it
// to the first commit where it has a test and a summary or description.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::slo {

struct LeadTimeOptions {
  std::filesystem::path root;           // the project's folder, inside a git working tree
  std::filesystem::path contract;       // relative to root
  std::vector<std::string> test_globs;  // relative to root, e.g. "tests/**"
  int last_operations = 20;             // the figures are over the operations introduced last
};

struct CommitPoint {
  std::string commit;
  std::int64_t time = 0;  // committer date, seconds since the epoch
};

struct OperationLeadTime {
  std::string operation;  // "GET /pets/{petId}"
  CommitPoint introduced;
  std::optional<CommitPoint> done;  // the first commit with a test and docs; nullopt while open
  bool tested = false;              // at HEAD
  bool documented = false;          // at HEAD
  std::optional<double> days() const;
};

struct LeadTimeResult {
  // The operations of the contract at HEAD, the last `last_operations` of them by introduction, oldest first.
  std::vector<OperationLeadTime> operations;
  std::optional<double> p50_days;  // nearest rank over the done ones
  std::optional<double> p90_days;
  std::size_t commits_read = 0;  // commits that changed the contract or a test
};

// Reads the history of HEAD once: the commits that change the contract file or a file under the test globs, in
// topological order, oldest first. The contract is loaded at each commit that changes it ($refs followed at
// that commit); which operations the tests mention at each commit that changes them is found by one `git grep`
// over those commits. A test mentions an operation when its operationId appears as a word, or its path
// appears with each {parameter} standing for any one path segment ("/pets/42", "/pets/{pet_id}").
Result<LeadTimeResult> measure_lead_time(const LeadTimeOptions& options);

// "GET /pets: no test", "POST /orders: no summary or description", or both.
std::string open_reason(const OperationLeadTime& operation);

}  // namespace apictl::slo
