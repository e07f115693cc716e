// The ledger, migrations/ledger.json, committed with the project: for each applied migration, in the order
// they were applied, its id, time, apictl version, every file change by checksum (the contents are in
// migrations/.ledger/objects), the commands run, and its checklist with what is done.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/recorded_action.hpp"

namespace apictl::migrate {

struct ChecklistRecord {
  int number = 0;  // 1-based within the migration: `apictl migrate done ID NUMBER`
  std::string text;
  std::string file;
  int line = 0;
  int column = 0;
  bool done = false;
  std::string done_at;  // UTC, ISO 8601
};

struct LedgerEntry {
  std::string id;
  std::string title;
  std::string source;
  std::string migration_sha256;  // of the migration file as applied
  std::string applied_at;        // UTC, ISO 8601
  std::string apictl_version;
  std::string transaction;  // unique per apply; ties the journal of the apply to this entry
  std::string verify;       // the command that verified it; "" when none ran
  std::vector<RecordedAction> actions;
  std::vector<ChecklistRecord> checklist;
};

struct Ledger {
  std::vector<LedgerEntry> applied;  // oldest first

  const LedgerEntry* find(std::string_view id) const;
  LedgerEntry* find(std::string_view id);
};

std::filesystem::path ledger_path(const std::filesystem::path& root);

// The ledger; an empty one when the file does not exist. A damaged file is an error naming it.
Result<Ledger> read_ledger(const std::filesystem::path& root);

// Writes the ledger durably; an empty ledger removes the file, so a project rolled all the way back is
// byte for byte what it was.
Result<void> write_ledger(const std::filesystem::path& root, const Ledger& ledger);

// Every object the ledger needs kept.
std::vector<std::string> ledger_objects(const Ledger& ledger);

}  // namespace apictl::migrate
