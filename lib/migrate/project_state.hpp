// What every migration command starts from: the project, its migrations in order, the ledger and any
// journal left by an interrupted command; and the questions asked of them (which apply, what drifted).
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/engine.hpp"

namespace apictl::migrate {

struct ProjectState {
  MigrationProject project;
  std::vector<Migration> catalog;  // in order
  Ledger ledger;
  std::optional<Journal> journal;
};

Result<ProjectState> load_project_state(const std::filesystem::path& start);

// Every migration of the catalog with its state, in order.
Result<std::vector<ListedMigration>> classify_migrations(const ProjectState& state);

// The pending migrations `selection` takes, in order (the migration it names must exist and apply).
Result<std::vector<const Migration*>> pending_migrations(const ProjectState& state, const Selection& selection);

// The catalog migration `id`; an unknown id is error "unknown-migration" with the nearest known one.
Result<const Migration*> find_migration(const ProjectState& state, const std::string& id);

// The interrupted command the journal records, as things stand now. `check_lock`: whether to ask if another
// process is at work on it (not when this process holds the lock itself).
InterruptedState describe_interruption(const ProjectState& state, bool check_lock = true);

// Files whose content differs from what the last applied migration touching them left. With `hunks`, the
// differences as unified diffs.
Result<std::vector<DriftedFile>> find_drift(const ProjectState& state, bool hunks);

// Ends an interrupted command: a finished one loses its journal, an unfinished one is undone from it.
// The state's ledger and journal are reloaded. Failure: what stops the undo (exit 1).
std::expected<std::optional<RecoveryReport>, MigrationFailure> recover_interrupted(ProjectState& state);

// Removes objects the ledger no longer needs (never while a journal exists).
void collect_ledger_garbage(const ProjectState& state);

// A step run during apply or rollback failed; the undo of what it had done, and the failure to report.
MigrationFailure undo_after_failure(const ProjectState& state, Journal& journal, JournalFailure failure);

}  // namespace apictl::migrate
