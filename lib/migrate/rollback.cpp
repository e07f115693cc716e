// `rollback`: the last applied migration (or every one down to a given id) undone exactly, from the contents
// the ledger stored, as journaled transactions; refused before anything is touched when files drifted.
#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "migrate/durable_file.hpp"
#include "migrate/engine.hpp"
#include "migrate/object_store.hpp"
#include "migrate/project_lock.hpp"
#include "migrate/project_state.hpp"
#include "migrate/unified_diff.hpp"

namespace apictl::migrate {

namespace {

namespace fs = std::filesystem;

struct SimulatedFile {
  std::optional<std::string> hash;
  bool on_disk = true;  // the hash is the file's now (not one an earlier rollback would leave)
};

Result<std::string> content_of(const fs::path& root, const std::string& path, const SimulatedFile& file) {
  if (!file.hash) return std::string();
  if (!file.on_disk) return load_object(root, *file.hash);
  std::ifstream in(root / path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Walks the rollbacks in memory, by checksum: every file must be as the migration left it when its turn
// comes (undo commands are taken to leave the recorded files alone; each batch is checked again when it is
// restored).
Result<std::vector<DriftedFile>> simulate(const ProjectState& state, const std::vector<const LedgerEntry*>& targets) {
  const fs::path& root = state.project.root;
  std::map<std::string, SimulatedFile> files;
  std::vector<DriftedFile> drift;
  for (const LedgerEntry* entry : targets) {
    for (const RecordedAction& action : reversed_actions(entry->actions)) {
      // An undo command's own effect cannot be foreseen; it is checked when it runs.
      const auto* batch = std::get_if<FilesAction>(&action);
      if (!batch) continue;
      for (const FileRecord& file : batch->files) {
        auto known = files.find(file.path);
        if (known == files.end()) {
          auto actual = current_hash(root, file.path);
          if (!actual) return std::unexpected(actual.error());
          known = files.emplace(file.path, SimulatedFile{*actual, true}).first;
        }
        // A file already as the rollback leaves it is fine (put back by hand, or by an undo command).
        if (known->second.hash != file.before && known->second.hash != file.after) {
          DriftedFile drifted{file.path, entry->id, file.before, known->second.hash, {}};
          auto expected = content_of(root, file.path, SimulatedFile{file.before, false});
          if (!expected) return std::unexpected(expected.error());
          auto actual = content_of(root, file.path, known->second);
          if (!actual) return std::unexpected(actual.error());
          drifted.hunks = unified_diff(*expected, *actual,
                                       file.before ? file.path + " (as " + entry->id + " left it)" : "/dev/null",
                                       known->second.hash ? file.path + " (now)" : "/dev/null");
          drift.push_back(std::move(drifted));
        }
        known->second = SimulatedFile{file.after, false};
      }
    }
  }
  return drift;
}

std::expected<RolledBack, MigrationFailure> rollback_one(ProjectState& state, const LedgerEntry& entry,
                                                         std::ostream& log) {
  const fs::path& root = state.project.root;
  RolledBack done{entry.id, entry.title, {}};
  Journal journal;
  journal.operation = Journal::Operation::rollback;
  journal.migration = entry.id;
  journal.transaction = new_transaction_id();
  journal.entry_transaction = entry.transaction;
  journal.started_at = utc_timestamp();
  auto undo = [&](JournalFailure failure) { return undo_after_failure(state, journal, std::move(failure)); };
  for (const RecordedAction& action : reversed_actions(entry.actions)) {
    if (const auto* batch = std::get_if<FilesAction>(&action)) {
      log << "  restoring " << batch->files.size() << " file(s)\n" << std::flush;
      if (auto failed = perform_files(root, journal, *batch)) return std::unexpected(undo(std::move(*failed)));
      done.undo.files_restored += static_cast<int>(batch->files.size());
      continue;
    }
    const auto& run = std::get<RunAction>(action);  // reversed: `command` is the undo command
    if (run.command.empty()) {
      done.undo.notes.push_back("`" + run.undo + "` has no undo command; what it did beyond the project's files stays");
      continue;
    }
    log << "  run: " << run.command << '\n' << std::flush;
    if (auto failed = perform_run(root, state.project.ignore, journal, run)) {
      return std::unexpected(undo(std::move(*failed)));
    }
  }
  Ledger ledger = state.ledger;
  std::erase_if(ledger.applied, [&](const LedgerEntry& item) { return item.transaction == entry.transaction; });
  if (auto written = write_ledger(root, ledger); !written) return std::unexpected(undo({written.error(), {}, {}}));
  state.ledger = std::move(ledger);
  if (!journal.actions.empty()) (void)remove_journal(root);
  return done;
}

}  // namespace

Result<RollbackReport> rollback_migrations(const fs::path& start, const std::optional<std::string>& id,
                                           std::ostream& log) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  auto lock = ProjectLock::take(state->project.root);
  if (!lock) return std::unexpected(lock.error());
  state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  RollbackReport report;
  remove_leftover_temporary(ledger_path(state->project.root));  // a ledger write that never committed
  if (state->journal) {
    InterruptedState interrupted = describe_interruption(*state, false);
    log << "recovering: " << interrupted.explanation << '\n' << std::flush;
    auto recovered = recover_interrupted(*state);
    if (!recovered) {
      report.failure = std::move(recovered.error());
      return report;
    }
    report.recovered = std::move(*recovered);
    // An interrupted apply undone is the rollback asked for; an interrupted rollback is done again below.
    bool unfinished_rollback = interrupted.operation == Journal::Operation::rollback && !interrupted.committed;
    if (!unfinished_rollback) return report;
  }
  collect_ledger_garbage(*state);  // what an earlier interrupted command left unreferenced
  if (state->ledger.applied.empty()) return report;
  std::vector<const LedgerEntry*> targets;
  if (id) {
    if (!state->ledger.find(*id)) {
      auto known = find_migration(*state, *id);
      if (!known) return std::unexpected(known.error());
      return fail("not-applied", "'" + *id + "' is not applied, so there is nothing of it to roll back", {},
                  "see `apictl migrate status`");
    }
    for (auto entry = state->ledger.applied.rbegin(); entry != state->ledger.applied.rend(); ++entry) {
      targets.push_back(&*entry);
      if (entry->id == *id) break;
    }
  } else {
    targets.push_back(&state->ledger.applied.back());
  }
  auto drift = simulate(*state, targets);
  if (!drift) return std::unexpected(drift.error());
  if (!drift->empty()) {
    MigrationFailure failure;
    failure.migration = targets.front()->id;
    failure.operation = Journal::Operation::rollback;
    failure.error = Diagnostic{Severity::error,
                               "drift",
                               std::to_string(drift->size()) +
                                   " file(s) changed since the migration was applied; "
                                   "nothing was rolled back",
                               {},
                               "the hunks below show what changed; undo or commit those edits elsewhere, then roll "
                               "back (a rollback restores exact contents and would lose them)"};
    failure.drift = std::move(*drift);
    report.failure = std::move(failure);
    return report;
  }
  // Copies: rolling back edits the ledger the pointers point into.
  std::vector<LedgerEntry> entries;
  for (const LedgerEntry* entry : targets) entries.push_back(*entry);
  for (const LedgerEntry& entry : entries) {
    log << "rollback " << entry.id << ": " << entry.title << '\n' << std::flush;
    auto done = rollback_one(*state, entry, log);
    if (!done) {
      report.failure = std::move(done.error());
      break;
    }
    report.rolled_back.push_back(std::move(*done));
  }
  collect_ledger_garbage(*state);
  return report;
}

}  // namespace apictl::migrate
