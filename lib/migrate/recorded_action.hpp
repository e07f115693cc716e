// What a migration did, as the journal and the ledger record it: batches of file changes (by checksum; the
// contents are in the object store) and the shell commands run between them, in order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct FileRecord {
  std::string path;
  std::optional<std::string> before;  // SHA-256 of the content before; nullopt: the file did not exist
  std::optional<std::string> after;   // SHA-256 after; nullopt: the file was removed
  std::uint32_t before_mode = 0;
  std::uint32_t after_mode = 0;
};

struct FilesAction {
  std::vector<FileRecord> files;
  std::vector<std::string> folders_created;  // removed again (when empty) by an undo
  std::vector<std::string> folders_removed;  // emptied by the change and removed
};

// A shell command, and what it changed among the project's files (found by comparing them before and after
// it ran), so undoing it restores those files exactly before `undo` runs for whatever else it did.
struct RunAction {
  std::string command;
  std::string undo;  // "" when the command has no undo
  FilesAction changes;
};

using RecordedAction = std::variant<FilesAction, RunAction>;

// The same files seen from the other side: before and after swapped, folders created and removed swapped.
FilesAction inverted(const FilesAction& files);

// What a rollback does, in order: the actions last first, each files batch inverted, and each command as its
// undo command (a RunAction whose `command` is the undo, "" when there is none, and whose `undo` is the
// original command) followed by the restoring of the files it changed that the undo did not put back.
std::vector<RecordedAction> reversed_actions(const std::vector<RecordedAction>& actions);

// The content hashes the actions need kept in the object store.
void referenced_objects(const std::vector<RecordedAction>& actions, std::vector<std::string>& out);

nlohmann::ordered_json actions_to_json(const std::vector<RecordedAction>& actions);
// `what` names the file in errors ("migrations/ledger.json").
Result<std::vector<RecordedAction>> actions_from_json(const nlohmann::json& json, const std::string& what);

}  // namespace apictl::migrate
