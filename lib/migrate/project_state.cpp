// Loading the state, classifying migrations, reading drift and interruptions, recovering.
#include "migrate/project_state.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "migrate/applicability.hpp"
#include "migrate/catalog.hpp"
#include "migrate/object_store.hpp"
#include "migrate/project_lock.hpp"
#include "migrate/unified_diff.hpp"
#include "util/spelling.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

std::string upgrade_text(const Migration& migration) {
  if (!migration.upgrades) return "";
  const Upgrade& upgrade = *migration.upgrades;
  std::string text =
      (upgrade.subject == Upgrade::Subject::template_ ? "template " : "") + upgrade.name + " " + upgrade.from.text;
  if (!upgrade.to.empty()) text += " -> " + upgrade.to;
  return text;
}

bool committed(const ProjectState& state, const Journal& journal) {
  if (journal.operation == Journal::Operation::apply) {
    return std::ranges::any_of(state.ledger.applied,
                               [&](const LedgerEntry& entry) { return entry.transaction == journal.transaction; });
  }
  return std::ranges::none_of(state.ledger.applied,
                              [&](const LedgerEntry& entry) { return entry.transaction == journal.entry_transaction; });
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

Result<ProjectState> load_project_state(const fs::path& start) {
  ProjectState state;
  auto project = find_migration_project(start);
  if (!project) return std::unexpected(project.error());
  state.project = std::move(*project);
  auto catalog = load_catalog(state.project);
  if (!catalog) return std::unexpected(catalog.error());
  state.catalog = std::move(*catalog);
  auto ledger = read_ledger(state.project.root);
  if (!ledger) return std::unexpected(ledger.error());
  state.ledger = std::move(*ledger);
  auto journal = read_journal(state.project.root);
  if (!journal) return std::unexpected(journal.error());
  state.journal = std::move(*journal);
  return state;
}

Result<std::vector<ListedMigration>> classify_migrations(const ProjectState& state) {
  std::vector<ListedMigration> listed;
  WorkTree tree(state.project.root, state.project.ignore);
  for (const Migration& migration : state.catalog) {
    ListedMigration item{migration.id,
                         migration.title,
                         migration.description,
                         migration.source,
                         upgrade_text(migration),
                         MigrationState::pending,
                         {},
                         {}};
    if (const LedgerEntry* entry = state.ledger.find(migration.id)) {
      item.state = MigrationState::applied;
      item.applied_at = entry->applied_at;
      item.reason = "applied " + entry->applied_at;
    } else {
      auto applies = check_applies(migration, state.project, tree);
      if (!applies) return std::unexpected(applies.error());
      item.state = applies->applies ? MigrationState::pending : MigrationState::not_applicable;
      item.reason = applies->reason;
    }
    listed.push_back(std::move(item));
  }
  return listed;
}

Result<const Migration*> find_migration(const ProjectState& state, const std::string& id) {
  auto found = std::ranges::find(state.catalog, id, &Migration::id);
  if (found != state.catalog.end()) return &*found;
  std::vector<std::string_view> ids;
  for (const Migration& migration : state.catalog) ids.push_back(migration.id);
  std::string_view near = closest_name(ids, id);
  return fail("unknown-migration", "there is no migration '" + id + "'", {},
              near.empty() ? "see `apictl migrate list`" : "did you mean '" + std::string(near) + "'?");
}

InterruptedState describe_interruption(const ProjectState& state, bool check_lock) {
  const Journal& journal = *state.journal;
  InterruptedState interrupted;
  interrupted.operation = journal.operation;
  interrupted.migration = journal.migration;
  interrupted.started_at = journal.started_at;
  interrupted.verifying = journal.verifying;
  interrupted.committed = committed(state, journal);
  interrupted.running = check_lock && ProjectLock::held_by_another(state.project.root);
  std::map<std::string, const FileRecord*> last;  // each file's last recorded change
  for (const RecordedAction& action : journal.actions) {
    const auto* run = std::get_if<RunAction>(&action);
    if (run) ++interrupted.commands_run;
    for (const FileRecord& file : (run ? run->changes : std::get<FilesAction>(action)).files) last[file.path] = &file;
  }
  for (const auto& [path, file] : last) {
    auto actual = current_hash(state.project.root, path);
    if (actual && *actual == file->after) {
      ++interrupted.files_after;
    } else if (actual && *actual == file->before) {
      ++interrupted.files_before;
    } else {
      interrupted.files_other.push_back(path);
    }
  }
  std::string what = std::string(operation_name(journal.operation)) + " of " + journal.migration;
  int total = static_cast<int>(last.size());
  if (interrupted.running) {
    interrupted.explanation = "An apictl migrate " + what +
                              " is running now (it holds the project's lock); wait "
                              "for it to finish.";
  } else if (interrupted.committed) {
    interrupted.explanation = "The " + what +
                              " finished, but its journal was left behind; the next apply or "
                              "rollback removes it. Nothing else is needed.";
  } else if (journal.operation == Journal::Operation::apply) {
    interrupted.explanation =
        "The apply of " + journal.migration + " was interrupted" + (journal.verifying ? " while verifying" : "") +
        ": " + std::to_string(interrupted.files_after) + " of " + std::to_string(total) + " file(s) changed" +
        (interrupted.commands_run > 0 ? ", " + std::to_string(interrupted.commands_run) + " command(s) run" : "") +
        ". It is not in the ledger. `apictl migrate apply` undoes it and applies it again; `apictl migrate "
        "rollback` only undoes it.";
  } else {
    interrupted.explanation =
        "The rollback of " + journal.migration + " was interrupted: " + std::to_string(interrupted.files_after) +
        " of " + std::to_string(total) +
        " file(s) restored. It is still in the ledger. `apictl migrate rollback` "
        "puts it back as applied and rolls it back again; `apictl migrate apply` keeps it applied.";
  }
  if (!interrupted.files_other.empty() && !interrupted.running) {
    std::string list;
    for (const std::string& path : interrupted.files_other) list += (list.empty() ? "" : ", ") + path;
    interrupted.explanation += " But " + std::to_string(interrupted.files_other.size()) +
                               " file(s) are neither as before nor as after it (" + list +
                               "): recovery refuses to touch them until each is put back as it was before or "
                               "after (the contents are in migrations/.ledger/objects).";
  }
  return interrupted;
}

Result<std::vector<DriftedFile>> find_drift(const ProjectState& state, bool hunks) {
  struct Expected {
    std::string migration;
    std::optional<std::string> hash;
  };
  std::map<std::string, Expected> expected;
  for (const LedgerEntry& entry : state.ledger.applied) {
    for (const RecordedAction& action : entry.actions) {
      const auto* run = std::get_if<RunAction>(&action);
      for (const FileRecord& file : (run ? run->changes : std::get<FilesAction>(action)).files) {
        expected[file.path] = {entry.id, file.after};
      }
    }
  }
  std::vector<DriftedFile> drift;
  for (const auto& [path, want] : expected) {
    auto actual = current_hash(state.project.root, path);
    if (!actual) return std::unexpected(actual.error());
    if (*actual == want.hash) continue;
    DriftedFile drifted{path, want.migration, want.hash, *actual, {}};
    if (hunks) {
      std::string before;
      if (want.hash) {
        auto stored = load_object(state.project.root, *want.hash);
        if (!stored) return std::unexpected(stored.error());
        before = std::move(*stored);
      }
      std::string now = *actual ? read_text(state.project.root / path) : "";
      drifted.hunks = unified_diff(before, now, want.hash ? path + " (as " + want.migration + " left it)" : "/dev/null",
                                   *actual ? path + " (now)" : "/dev/null");
    }
    drift.push_back(std::move(drifted));
  }
  return drift;
}

void collect_ledger_garbage(const ProjectState& state) {
  // A journal on disk (also one an undo could not finish) still needs every object it names.
  std::error_code error;
  if (state.journal || fs::exists(journal_path(state.project.root), error)) return;
  std::vector<std::string> objects = ledger_objects(state.ledger);
  collect_garbage(state.project.root, std::set<std::string>(objects.begin(), objects.end()));
}

std::expected<std::optional<RecoveryReport>, MigrationFailure> recover_interrupted(ProjectState& state) {
  if (!state.journal) return std::optional<RecoveryReport>{};
  RecoveryReport report;
  report.operation = state.journal->operation;
  report.migration = state.journal->migration;
  if (committed(state, *state.journal)) {
    report.committed = true;
    if (auto removed = remove_journal(state.project.root); !removed) {
      return std::unexpected(
          MigrationFailure{report.migration, removed.error(), {}, {}, {}, false, {}, report.operation});
    }
  } else {
    auto undone = undo_journal(state.project.root, *state.journal);
    if (!undone) {
      return std::unexpected(MigrationFailure{report.migration,
                                              undone.error().error,
                                              undone.error().conflicts,
                                              {},
                                              undone.error().output,
                                              false,
                                              {},
                                              report.operation});
    }
    report.undo = std::move(*undone);
  }
  state.journal.reset();
  collect_ledger_garbage(state);
  return std::optional<RecoveryReport>(std::move(report));
}

MigrationFailure undo_after_failure(const ProjectState& state, Journal& journal, JournalFailure failure) {
  MigrationFailure result{journal.migration,
                          std::move(failure.error),
                          std::move(failure.conflicts),
                          {},
                          std::move(failure.output),
                          false,
                          {},
                          journal.operation};
  bool had_actions = !journal.actions.empty();
  auto undone = undo_journal(state.project.root, journal);
  if (!undone) {
    result.error.message += "; undoing what was done failed too: " + undone.error().error.message;
    result.error.hint = undone.error().error.hint;
    if (!undone.error().output.empty()) result.output += "\n" + undone.error().output;
    return result;
  }
  result.rolled_back = had_actions;
  result.undo = std::move(*undone);
  return result;
}

}  // namespace apictl::migrate
