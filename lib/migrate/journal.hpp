// The journal, migrations/.ledger/journal.json: written durably before any project file is touched and
// removed once the ledger records the outcome. While it exists a migration command was interrupted (or is
// running): it lists every change with the checksums before and after, so the next command can undo it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/recorded_action.hpp"

namespace apictl::migrate {

struct Journal {
  enum class Operation { apply, rollback };
  Operation operation = Operation::apply;
  std::string migration;                // its id
  std::string transaction;              // apply: the ledger entry's transaction once it is committed
  std::string entry_transaction;        // rollback: the transaction of the ledger entry being rolled back
  std::string started_at;               // UTC, ISO 8601
  bool verifying = false;               // apply: every step done, the verify command was running
  std::vector<RecordedAction> actions;  // in the order done; undone last first
};

std::string_view operation_name(Journal::Operation operation);

std::filesystem::path journal_path(const std::filesystem::path& root);

Result<std::optional<Journal>> read_journal(const std::filesystem::path& root);
Result<void> write_journal(const std::filesystem::path& root, const Journal& journal);
Result<void> remove_journal(const std::filesystem::path& root);

}  // namespace apictl::migrate
