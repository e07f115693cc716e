// Changing project files through the journal: every batch of changes is recorded (contents in the object
// store, checksums in the journal) before the first file is touched, and can be undone from the journal
// alone: after an error, a failed verify, or a crash found by the next command.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/journal.hpp"
#include "migrate/recorded_action.hpp"
#include "migrate/work_tree.hpp"

namespace apictl::migrate {

// A file's content as it is now: its SHA-256, or nullopt when there is no file.
Result<std::optional<std::string>> current_hash(const std::filesystem::path& root, const std::string& path);

// Stores the before and after contents of `changes` and returns the action that records them.
Result<FilesAction> record_changes(const std::filesystem::path& root, const ChangeSet& changes);

// A file that is neither as an action expects it before nor as it leaves it: someone changed it since.
struct FileConflict {
  std::string path;
  std::optional<std::string> expected;  // the checksum it should have (nullopt: no file)
  std::optional<std::string> other;     // the checksum the action would leave (nullopt: no file)
  std::optional<std::string> actual;    // what it has
};

struct JournalFailure {
  Diagnostic error;
  std::vector<FileConflict> conflicts;
  std::string output;  // a failing command's output
};

// Performs `action` (files from `before` to `after`), after appending it to `journal` and writing the
// journal. Every file must be as the action expects before (or already as after it); else nothing is done
// and the conflicts say why.
std::optional<JournalFailure> perform_files(const std::filesystem::path& root, Journal& journal,
                                            const FilesAction& action);

// Runs a command in the project root, after appending it to the journal; then records in the journal what
// it changed among the project's files (listed as list_project_files does, with `ignore`), so an undo
// restores them exactly. A non-zero exit fails (after its changes are recorded).
std::optional<JournalFailure> perform_run(const std::filesystem::path& root, const std::vector<std::string>& ignore,
                                          Journal& journal, const RunAction& action);

struct UndoReport {
  int files_restored = 0;
  std::vector<std::string> notes;  // commands that had no undo
};

// Undoes the journal's actions, last first, rewriting it after each; removes it when all are undone.
// A file in neither the state before nor after its action stops the undo (nothing of that batch changed).
std::expected<UndoReport, JournalFailure> undo_journal(const std::filesystem::path& root, Journal& journal);

}  // namespace apictl::migrate
