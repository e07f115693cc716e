// The `apictl migrate` commands as library calls: list, status, plan, apply, rollback, new, done. Each finds
// the project from `start`, and returns a report for the CLI to print (text or JSON); progress goes to `log`.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/journal.hpp"
#include "migrate/journaled_writes.hpp"
#include "migrate/ledger.hpp"
#include "migrate/migration.hpp"
#include "migrate/migration_plan.hpp"
#include "migrate/migration_project.hpp"

namespace apictl::migrate {

// The exit code an error of these commands maps to: 1 when the project is in a state that stops the
// command (a precondition, drift, an interrupted migration, another apictl at work, a step that does not
// fit), 2 for malformed input (a migration file, a damaged ledger, an unknown id).
int exit_code_for(const Diagnostic& error);

enum class MigrationState { applied, pending, not_applicable };
std::string_view state_name(MigrationState state);

struct ListedMigration {
  std::string id;
  std::string title;
  std::string description;
  std::string source;
  std::string upgrades;  // "pydantic >=1,<2 -> 2", "" when none
  MigrationState state = MigrationState::pending;
  std::string reason;      // why it applies or not
  std::string applied_at;  // when applied
};

Result<std::vector<ListedMigration>> list_migrations(const std::filesystem::path& start);

// What an interrupted command left: the journal, read against the files as they are now.
struct InterruptedState {
  Journal::Operation operation = Journal::Operation::apply;
  std::string migration;
  std::string started_at;
  bool committed = false;  // the ledger has the outcome; only the journal is left to remove
  bool running = false;    // another apictl holds the project's lock: it is not interrupted, it is at work
  bool verifying = false;
  int files_before = 0;                  // files still as before the interrupted command
  int files_after = 0;                   // files already as after it
  std::vector<std::string> files_other;  // files in neither state: they stop recovery
  int commands_run = 0;
  std::string explanation;  // what it means and what to run, in sentences
};

struct DriftedFile {
  std::string path;
  std::string migration;                // the last applied migration that changed it
  std::optional<std::string> expected;  // as that migration left it (nullopt: removed)
  std::optional<std::string> actual;    // now (nullopt: missing)
  std::string hunks;                    // the difference, for rollback's refusal
};

struct AppliedMigration {
  LedgerEntry entry;
  bool file_missing = false;  // its migration file is gone from migrations/
  bool file_changed = false;  // its migration file changed since it was applied
};

struct OpenItem {
  std::string migration;
  ChecklistRecord item;
};

struct StatusReport {
  std::filesystem::path root;
  std::optional<InterruptedState> interrupted;
  std::vector<AppliedMigration> applied;
  std::vector<ListedMigration> pending;
  std::vector<OpenItem> open_items;
  std::vector<DriftedFile> drift;
};

Result<StatusReport> migration_status(const std::filesystem::path& start);

// Which pending migrations plan and apply take: all, in order; those up to and including `to`; or `only`
// that one (it must apply, and what it comes `after` must be applied already; once applied, nothing).
struct Selection {
  std::optional<std::string> to;
  std::optional<std::string> only;
};

struct PlanReport {
  std::vector<MigrationPlan> migrations;  // pending ones, in order, each planned on the result of the one before
  std::vector<Migration> catalog;         // owns the migrations the plans point at
};

// Writes nothing. An interrupted migration is an error (run apply or rollback first).
Result<PlanReport> plan_migrations(const std::filesystem::path& start, const Selection& selection = {});

struct RecoveryReport {
  Journal::Operation operation = Journal::Operation::apply;
  std::string migration;
  bool committed = false;  // it had finished; only its journal was left
  UndoReport undo;
};

struct AppliedOutcome {
  std::string id;
  std::string title;
  std::vector<StepOutcome> steps;
  std::vector<FileRecord> files;
  std::vector<ChecklistRecord> checklist;
  std::string verify;  // the command run; "" when none
  bool verify_skipped = false;
};

struct MigrationFailure {
  std::string migration;
  Diagnostic error;
  std::vector<FileConflict> conflicts;
  std::vector<DriftedFile> drift;
  std::string output;        // a failing command's output
  bool rolled_back = false;  // what the command had done was undone
  UndoReport undo;
  Journal::Operation operation = Journal::Operation::apply;  // what failed: an apply, or a rollback
};

struct ApplyOptions {
  Selection selection;
  bool verify = true;
};

struct ApplyReport {
  std::optional<RecoveryReport> recovered;
  std::vector<AppliedOutcome> applied;
  std::optional<MigrationFailure> failure;  // exit 1
};

Result<ApplyReport> apply_migrations(const std::filesystem::path& start, const ApplyOptions& options,
                                     std::ostream& log);

struct RolledBack {
  std::string id;
  std::string title;
  UndoReport undo;
};

struct RollbackReport {
  std::optional<RecoveryReport> recovered;
  std::vector<RolledBack> rolled_back;
  std::optional<MigrationFailure> failure;  // exit 1
};

// Rolls back the last applied migration, or, with `id`, every migration applied after it and then it.
Result<RollbackReport> rollback_migrations(const std::filesystem::path& start, const std::optional<std::string>& id,
                                           std::ostream& log);

struct NewMigration {
  std::string id;
  std::filesystem::path path;
};

// A skeleton migration `migrations/YYYYMMDD-HHMM-NAME.toml` (UTC time); NAME is lower-case words joined by '-'.
Result<NewMigration> create_migration(const std::filesystem::path& start, const std::string& name);

struct DoneReport {
  std::string migration;
  std::vector<ChecklistRecord> marked;
  std::vector<ChecklistRecord> still_open;
};

// Marks checklist item `item` (all of them without it) of an applied migration done.
Result<DoneReport> mark_done(const std::filesystem::path& start, const std::string& id, std::optional<int> item);

}  // namespace apictl::migrate
