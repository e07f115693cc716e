// `apply`: each pending migration as one journaled transaction. The file changes of the steps between two
// `run` steps are computed in memory, recorded, then written; a failing step, command or verify undoes the
// whole migration from the journal; success records it in the ledger and drops the journal.
#include <ostream>

#include "migrate/applicability.hpp"
#include "migrate/durable_file.hpp"
#include "migrate/engine.hpp"
#include "migrate/project_lock.hpp"
#include "migrate/project_state.hpp"
#include "migrate/shell_command.hpp"

namespace apictl::migrate {

namespace {

std::vector<FileRecord> touched_files(const std::vector<RecordedAction>& actions) {
  std::vector<FileRecord> files;
  for (const RecordedAction& action : actions) {
    const auto* run = std::get_if<RunAction>(&action);
    const FilesAction& batch = run ? run->changes : std::get<FilesAction>(action);
    files.insert(files.end(), batch.files.begin(), batch.files.end());
  }
  return files;
}

std::expected<AppliedOutcome, MigrationFailure> apply_one(ProjectState& state, const Migration& migration, bool verify,
                                                          std::ostream& log) {
  const std::filesystem::path& root = state.project.root;
  AppliedOutcome outcome{migration.id, migration.title, {}, {}, {}, {}, false};
  auto stop = [&](Diagnostic error) { return MigrationFailure{migration.id, std::move(error), {}, {}, {}, false, {}}; };
  {
    WorkTree tree(root, state.project.ignore);
    auto unmet = unmet_precondition(migration, state.project, tree);
    if (!unmet) return std::unexpected(stop(unmet.error()));
    if (*unmet) {
      return std::unexpected(stop(Diagnostic{Severity::error,
                                             "precondition-failed",
                                             migration.id + ": a precondition does not hold: " + **unmet,
                                             {migration.file, 0, 0, {}},
                                             "make it hold and apply again; nothing was changed"}));
    }
  }
  Journal journal;
  journal.operation = Journal::Operation::apply;
  journal.migration = migration.id;
  journal.transaction = new_transaction_id();
  journal.started_at = utc_timestamp();
  std::vector<ChecklistItem> checklist;
  auto undo = [&](JournalFailure failure) { return undo_after_failure(state, journal, std::move(failure)); };

  std::size_t segment_start = 0;
  const auto& steps = migration.steps;
  for (std::size_t i = 0; i <= steps.size(); ++i) {
    if (i < steps.size() && !steps[i]->shell()) continue;
    if (i > segment_start) {
      WorkTree tree(root, state.project.ignore);
      std::span<const StepPointer> segment(steps.begin() + static_cast<long>(segment_start),
                                           steps.begin() + static_cast<long>(i));
      if (auto ran = run_steps_in_memory(migration, segment, tree, outcome.steps, checklist); !ran) {
        return std::unexpected(undo({ran.error(), {}, {}}));
      }
      auto changes = tree.changes();
      if (!changes) return std::unexpected(undo({changes.error(), {}, {}}));
      if (!changes->empty()) {
        auto action = record_changes(root, *changes);
        if (!action) return std::unexpected(undo({action.error(), {}, {}}));
        log << "  writing " << action->files.size() << " file(s)\n" << std::flush;
        if (auto failed = perform_files(root, journal, *action)) return std::unexpected(undo(std::move(*failed)));
      }
    }
    segment_start = i + 1;
    if (i == steps.size()) break;
    const Step& step = *steps[i];
    StepOutcome ran{std::string(step.kind()), step.describe(), "ran", false};
    if (step.when) {
      WorkTree tree(root, state.project.ignore);
      std::vector<StepOutcome> probe;
      std::vector<ChecklistItem> none;
      // The condition alone: a run step does nothing in memory, so this only evaluates `when`.
      if (auto checked = run_steps_in_memory(migration, std::span<const StepPointer>(&steps[i], 1), tree, probe, none);
          !checked) {
        return std::unexpected(undo({checked.error(), {}, {}}));
      }
      if (!probe.empty() && probe.front().skipped) {
        outcome.steps.push_back(std::move(probe.front()));
        continue;
      }
    }
    log << "  run: " << step.shell()->command << '\n' << std::flush;
    if (auto failed = perform_run(root, state.project.ignore, journal,
                                  RunAction{step.shell()->command, step.shell()->undo, {}})) {
      return std::unexpected(undo(std::move(*failed)));
    }
    outcome.steps.push_back(std::move(ran));
  }

  std::string command = verify_command(migration, state.project);
  if (!command.empty() && verify) {
    log << "  verify: " << command << '\n' << std::flush;
    if (!journal.actions.empty()) {
      journal.verifying = true;
      if (auto written = write_journal(root, journal); !written)
        return std::unexpected(undo({written.error(), {}, {}}));
    }
    auto result = run_shell(root, command);
    if (!result) return std::unexpected(undo({result.error(), {}, {}}));
    if (result->exit_status != 0) {
      return std::unexpected(undo({Diagnostic{Severity::error,
                                              "verify-failed",
                                              migration.id + ": the verify command `" + command +
                                                  "` failed with exit status " + std::to_string(result->exit_status),
                                              {},
                                              "the migration was rolled back; its output is below"},
                                   {},
                                   result->output}));
    }
    outcome.verify = command;
  } else {
    outcome.verify = command;
    outcome.verify_skipped = true;
  }

  LedgerEntry entry;
  entry.id = migration.id;
  entry.title = migration.title;
  entry.source = migration.source;
  entry.migration_sha256 = migration.sha256;
  entry.applied_at = utc_timestamp();
  entry.apictl_version = APICTL_VERSION;
  entry.transaction = journal.transaction;
  entry.verify = outcome.verify_skipped ? "" : command;
  entry.actions = journal.actions;
  int number = 0;
  for (const ChecklistItem& item : checklist) {
    entry.checklist.push_back({++number, item.text, item.file, item.line, item.column, false, {}});
  }
  state.ledger.applied.push_back(entry);
  if (auto written = write_ledger(root, state.ledger); !written) {
    state.ledger.applied.pop_back();
    return std::unexpected(undo({written.error(), {}, {}}));
  }
  // Committed: the ledger has it. A journal left behind now is only removed by the next command.
  if (!journal.actions.empty()) (void)remove_journal(root);
  outcome.files = touched_files(entry.actions);
  outcome.checklist = entry.checklist;
  return outcome;
}

}  // namespace

Result<ApplyReport> apply_migrations(const std::filesystem::path& start, const ApplyOptions& options,
                                     std::ostream& log) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  auto lock = ProjectLock::take(state->project.root);
  if (!lock) return std::unexpected(lock.error());
  // Reread under the lock: another command may have finished in between.
  state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  ApplyReport report;
  remove_leftover_temporary(ledger_path(state->project.root));  // a ledger write that never committed
  if (state->journal) {
    log << "recovering: " << describe_interruption(*state, false).explanation << '\n' << std::flush;
    auto recovered = recover_interrupted(*state);
    if (!recovered) {
      report.failure = std::move(recovered.error());
      return report;
    }
    report.recovered = std::move(*recovered);
  }
  collect_ledger_garbage(*state);  // what an earlier interrupted command left unreferenced
  auto pending = pending_migrations(*state, options.selection);
  if (!pending) return std::unexpected(pending.error());
  for (const Migration* migration : *pending) {
    log << "apply " << migration->id << ": " << migration->title << '\n' << std::flush;
    auto applied = apply_one(*state, *migration, options.verify, log);
    if (!applied) {
      report.failure = std::move(applied.error());
      break;
    }
    report.applied.push_back(std::move(*applied));
  }
  collect_ledger_garbage(*state);
  return report;
}

}  // namespace apictl::migrate
