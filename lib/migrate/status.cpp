// `list` and `status`: read-only views of the catalog, the ledger and the journal.
#include <algorithm>

#include "migrate/engine.hpp"
#include "migrate/project_state.hpp"

namespace apictl::migrate {

int exit_code_for(const Diagnostic& error) {
  static constexpr std::string_view stopping[] = {
      "busy",          "interrupted", "precondition-failed", "drift",      "recovery-conflict",   "run-failed",
      "verify-failed", "pin-error",   "move-error",          "not-a-file", "nothing-to-roll-back"};
  return std::ranges::find(stopping, error.code) != std::end(stopping) ? 1 : 2;
}

std::string_view state_name(MigrationState state) {
  switch (state) {
    case MigrationState::applied:
      return "applied";
    case MigrationState::pending:
      return "pending";
    case MigrationState::not_applicable:
      return "not applicable";
  }
  return "";
}

Result<std::vector<ListedMigration>> list_migrations(const std::filesystem::path& start) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  auto listed = classify_migrations(*state);
  if (!listed) return std::unexpected(listed.error());
  // Applied migrations whose file is gone still belong in the list: the ledger can roll them back.
  for (const LedgerEntry& entry : state->ledger.applied) {
    if (std::ranges::find(*listed, entry.id, &ListedMigration::id) != listed->end()) continue;
    listed->push_back({entry.id,
                       entry.title,
                       {},
                       entry.source + " (file missing)",
                       {},
                       MigrationState::applied,
                       "applied " + entry.applied_at + "; its migration file is gone",
                       entry.applied_at});
  }
  return listed;
}

Result<StatusReport> migration_status(const std::filesystem::path& start) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  StatusReport report;
  report.root = state->project.root;
  if (state->journal) report.interrupted = describe_interruption(*state);
  for (const LedgerEntry& entry : state->ledger.applied) {
    AppliedMigration applied{entry, false, false};
    auto migration = std::ranges::find(state->catalog, entry.id, &Migration::id);
    applied.file_missing = migration == state->catalog.end();
    applied.file_changed = !applied.file_missing && migration->sha256 != entry.migration_sha256;
    for (const ChecklistRecord& item : entry.checklist) {
      if (!item.done) report.open_items.push_back({entry.id, item});
    }
    report.applied.push_back(std::move(applied));
  }
  // While a command is interrupted its files are mid-change: what is pending and what drifted is known once
  // it is recovered; the explanation says how.
  if (report.interrupted && !report.interrupted->committed) return report;
  auto listed = classify_migrations(*state);
  if (!listed) return std::unexpected(listed.error());
  for (ListedMigration& item : *listed) {
    if (item.state == MigrationState::pending) report.pending.push_back(std::move(item));
  }
  auto drift = find_drift(*state, false);
  if (!drift) return std::unexpected(drift.error());
  report.drift = std::move(*drift);
  return report;
}

}  // namespace apictl::migrate
