// Journaled writes: record, write the journal, touch the files; undo in reverse from the journal alone.
#include "migrate/journaled_writes.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "migrate/durable_file.hpp"
#include "migrate/object_store.hpp"
#include "migrate/project_files.hpp"
#include "migrate/sha256.hpp"
#include "migrate/shell_command.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

std::string short_hash(const std::optional<std::string>& hash) { return hash ? hash->substr(0, 12) : "no file"; }

// Makes `path` hold `hash`'s content with `mode`, or removes it when `hash` is nullopt.
Result<void> put_state(const fs::path& root, const std::string& path, const std::optional<std::string>& hash,
                       std::uint32_t mode) {
  if (!hash) return remove_durably(root / path);
  auto content = load_object(root, *hash);
  if (!content) return std::unexpected(content.error());
  return write_durably(root / path, *content, mode);
}

std::string conflict_list(const std::vector<FileConflict>& conflicts) {
  std::string list;
  for (const FileConflict& conflict : conflicts) {
    list += "\n  " + conflict.path + ": expected " + short_hash(conflict.expected) + " (or " +
            short_hash(conflict.other) + "), found " + short_hash(conflict.actual);
  }
  return list;
}

// The project's files and their contents, for finding what a command changed.
Result<std::map<std::string, FileContent>> read_project(const fs::path& root, const std::vector<std::string>& ignore) {
  std::map<std::string, FileContent> files;
  for (const std::string& path : list_project_files(root, ignore)) {
    struct stat info {};
    if (::lstat((root / path).c_str(), &info) != 0) continue;  // gone since it was listed
    std::ifstream in(root / path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) return fail("read-failed", "cannot read '" + path + "'", {}, "check its permissions");
    files.emplace(path, FileContent{bytes.str(), static_cast<std::uint32_t>(info.st_mode & 07777)});
  }
  return files;
}

std::vector<std::string> ancestors(const std::string& path) {
  std::vector<std::string> folders;
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    folders.push_back(path.substr(0, slash));
  }
  return folders;
}

bool holds_files(const std::map<std::string, FileContent>& files, const std::string& folder) {
  auto first = files.lower_bound(folder + "/");
  return first != files.end() && first->first.starts_with(folder + "/");
}

ChangeSet compare_projects(const std::map<std::string, FileContent>& before,
                           const std::map<std::string, FileContent>& after) {
  ChangeSet changes;
  std::set<std::string> created;
  std::set<std::string> removed;
  for (const auto& [path, content] : before) {
    auto now = after.find(path);
    if (now == after.end()) {
      changes.files.push_back({path, content, std::nullopt});
      for (const std::string& folder : ancestors(path)) {
        if (!holds_files(after, folder)) removed.insert(folder);
      }
    } else if (now->second.bytes != content.bytes || now->second.mode != content.mode) {
      changes.files.push_back({path, content, now->second});
    }
  }
  for (const auto& [path, content] : after) {
    if (before.contains(path)) continue;
    changes.files.push_back({path, std::nullopt, content});
    for (const std::string& folder : ancestors(path)) {
      if (!holds_files(before, folder)) created.insert(folder);
    }
  }
  std::ranges::sort(changes.files, {}, &FileChange::path);
  auto depth = [](const std::string& path) { return std::ranges::count(path, '/'); };
  changes.folders_created.assign(created.begin(), created.end());
  std::ranges::stable_sort(changes.folders_created, {}, depth);
  changes.folders_removed.assign(removed.begin(), removed.end());
  std::ranges::stable_sort(changes.folders_removed, std::greater<>{}, depth);
  return changes;
}

// Puts the files of `files` back as they were before it: a batch is checked whole first and undone whole or
// not at all. Files still as before are left alone.
std::optional<JournalFailure> undo_files(const fs::path& root, const Journal& journal, const FilesAction& files,
                                         UndoReport& report) {
  std::vector<FileConflict> conflicts;
  std::vector<const FileRecord*> to_restore;
  for (const FileRecord& file : files.files) {
    remove_leftover_temporary(root / file.path);
    auto actual = current_hash(root, file.path);
    if (!actual) return JournalFailure{actual.error(), {}, {}};
    if (*actual == file.after) {
      to_restore.push_back(&file);
    } else if (*actual != file.before) {
      conflicts.push_back({file.path, file.before, file.after, *actual});
    }
  }
  if (!conflicts.empty()) {
    std::string hint =
        "nothing of it was changed. Make each file as it was before (its content is in "
        "migrations/.ledger/objects/<expected checksum>; \"no file\" means delete it) or as it "
        "was after, then run the command again";
    return JournalFailure{Diagnostic{Severity::error,
                                     "recovery-conflict",
                                     "cannot undo the interrupted " + std::string(operation_name(journal.operation)) +
                                         " of " + journal.migration + ": " + std::to_string(conflicts.size()) +
                                         " file(s) are neither as before nor as after it:" + conflict_list(conflicts),
                                     {},
                                     hint},
                          conflicts,
                          {}};
  }
  for (const FileRecord* file : to_restore) {
    if (auto put = put_state(root, file->path, file->before, file->before_mode); !put) {
      return JournalFailure{put.error(), {}, {}};
    }
    ++report.files_restored;
  }
  for (auto folder = files.folders_created.rbegin(); folder != files.folders_created.rend(); ++folder) {
    remove_folder_if_empty(root / *folder);
  }
  return std::nullopt;
}

}  // namespace

Result<std::optional<std::string>> current_hash(const fs::path& root, const std::string& path) {
  fs::path full = root / path;
  struct stat info {};
  if (::lstat(full.c_str(), &info) != 0) return std::optional<std::string>{};
  if (!S_ISREG(info.st_mode)) {
    return fail("not-a-file", "'" + path + "' is no longer a regular file", {}, "put the file back where it was");
  }
  std::ifstream in(full, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return fail("read-failed", "cannot read '" + path + "'", {}, "check its permissions");
  return std::optional<std::string>(sha256_hex(bytes.str()));
}

Result<FilesAction> record_changes(const fs::path& root, const ChangeSet& changes) {
  FilesAction action;
  action.folders_created = changes.folders_created;
  action.folders_removed = changes.folders_removed;
  for (const FileChange& change : changes.files) {
    FileRecord record;
    record.path = change.path;
    if (change.before) {
      auto hash = store_object(root, change.before->bytes);
      if (!hash) return std::unexpected(hash.error());
      record.before = *hash;
      record.before_mode = change.before->mode;
    }
    if (change.after) {
      auto hash = store_object(root, change.after->bytes);
      if (!hash) return std::unexpected(hash.error());
      record.after = *hash;
      record.after_mode = change.after->mode;
    }
    action.files.push_back(std::move(record));
  }
  return action;
}

std::optional<JournalFailure> perform_files(const fs::path& root, Journal& journal, const FilesAction& action) {
  std::vector<FileConflict> conflicts;
  std::vector<const FileRecord*> to_write;
  for (const FileRecord& file : action.files) {
    auto actual = current_hash(root, file.path);
    if (!actual) return JournalFailure{actual.error(), {}, {}};
    if (*actual == file.before) {
      to_write.push_back(&file);
    } else if (*actual != file.after) {  // already as it should end up (an undo command did it): fine
      conflicts.push_back({file.path, file.before, file.after, *actual});
    }
  }
  if (!conflicts.empty()) {
    return JournalFailure{Diagnostic{Severity::error,
                                     "drift",
                                     std::to_string(conflicts.size()) +
                                         " file(s) changed since; nothing was changed:" + conflict_list(conflicts),
                                     {},
                                     "put them back as expected (or keep the edits elsewhere) and try again"},
                          conflicts,
                          {}};
  }
  journal.actions.emplace_back(action);
  if (auto written = write_journal(root, journal); !written) return JournalFailure{written.error(), {}, {}};
  for (const FileRecord* file : to_write) {
    if (auto put = put_state(root, file->path, file->after, file->after_mode); !put) {
      return JournalFailure{put.error(), {}, {}};
    }
  }
  for (const std::string& folder : action.folders_removed) remove_folder_if_empty(root / folder);
  return std::nullopt;
}

std::optional<JournalFailure> perform_run(const fs::path& root, const std::vector<std::string>& ignore,
                                          Journal& journal, const RunAction& action) {
  auto before = read_project(root, ignore);
  if (!before) return JournalFailure{before.error(), {}, {}};
  journal.actions.emplace_back(RunAction{action.command, action.undo, {}});
  if (auto written = write_journal(root, journal); !written) return JournalFailure{written.error(), {}, {}};
  auto outcome = run_shell(root, action.command);
  if (!outcome) return JournalFailure{outcome.error(), {}, {}};
  // What the command changed, recorded before its exit status is judged: a failing command is undone too.
  auto after = read_project(root, ignore);
  if (!after) return JournalFailure{after.error(), {}, {}};
  ChangeSet changes = compare_projects(*before, *after);
  if (!changes.empty()) {
    auto recorded = record_changes(root, changes);
    if (!recorded) return JournalFailure{recorded.error(), {}, {}};
    std::get<RunAction>(journal.actions.back()).changes = std::move(*recorded);
    if (auto written = write_journal(root, journal); !written) return JournalFailure{written.error(), {}, {}};
  }
  if (outcome->exit_status != 0) {
    return JournalFailure{
        Diagnostic{Severity::error,
                   "run-failed",
                   "`" + action.command + "` failed with exit status " + std::to_string(outcome->exit_status),
                   {},
                   "its output is below"},
        {},
        outcome->output};
  }
  return std::nullopt;
}

std::expected<UndoReport, JournalFailure> undo_journal(const fs::path& root, Journal& journal) {
  UndoReport report;
  while (!journal.actions.empty()) {
    const RecordedAction& action = journal.actions.back();
    const auto* run = std::get_if<RunAction>(&action);
    // A command's undo runs first, on the files as the command left them; then its recorded file changes
    // that the undo did not put back are restored.
    if (run && run->undo.empty()) {
      report.notes.push_back("`" + run->command +
                             "` has no undo command; what it did beyond the project's files stays");
    } else if (run) {
      auto outcome = run_shell(root, run->undo);
      if (!outcome) return std::unexpected(JournalFailure{outcome.error(), {}, {}});
      if (outcome->exit_status != 0) {
        return std::unexpected(JournalFailure{
            Diagnostic{
                Severity::error,
                "run-failed",
                "the undo command `" + run->undo + "` failed with exit status " + std::to_string(outcome->exit_status),
                {},
                "fix what it reports and run the command again; the journal still lists what is left"},
            {},
            outcome->output});
      }
    }
    const FilesAction& files = run ? run->changes : std::get<FilesAction>(action);
    if (auto failed = undo_files(root, journal, files, report)) return std::unexpected(std::move(*failed));
    journal.actions.pop_back();
    // Progress is saved after each action, so an undo interrupted in turn resumes where it stopped.
    if (journal.actions.empty()) break;
    if (auto written = write_journal(root, journal); !written) {
      return std::unexpected(JournalFailure{written.error(), {}, {}});
    }
  }
  if (auto removed = remove_journal(root); !removed) return std::unexpected(JournalFailure{removed.error(), {}, {}});
  return report;
}

}  // namespace apictl::migrate
