// The project's files as the steps of a migration see them: read from disk on first use, changed in memory
// only. What changed is read off at the end (and at checkpoints between migrations of one plan).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

struct FileContent {
  std::string bytes;
  std::uint32_t mode = 0644;  // permission bits
};

// One file's change: absent before (created), absent after (deleted), or modified.
struct FileChange {
  std::string path;
  std::optional<FileContent> before;
  std::optional<FileContent> after;
};

struct ChangeSet {
  std::vector<FileChange> files;             // sorted by path
  std::vector<std::string> folders_created;  // for created files, folders that do not exist yet (parents first)
  std::vector<std::string> folders_removed;  // folders left without files by deletions (deepest first)
  bool empty() const { return files.empty(); }
};

class WorkTree {
 public:
  WorkTree(std::filesystem::path root, std::vector<std::string> ignore);

  const std::filesystem::path& root() const { return root_; }

  // The file as earlier steps left it; nullopt when there is none. Unreadable files are errors.
  Result<std::optional<FileContent>> read(const std::string& path);
  bool exists(const std::string& path);
  void write(const std::string& path, FileContent content);
  void remove(const std::string& path);

  // Every file now (listing of the disk, with the changes made), sorted.
  std::vector<std::string> files();
  // The files under `folder` (a '/'-separated relative path), sorted.
  std::vector<std::string> files_under(const std::string& folder);

  // What changed since the last checkpoint (or since the disk, without one).
  Result<ChangeSet> changes();
  // Later calls to changes() report only what changes after this.
  void checkpoint();

 private:
  Result<std::optional<FileContent>> read_disk(const std::string& path);

  std::filesystem::path root_;
  std::vector<std::string> ignore_;
  std::optional<std::vector<std::string>> listing_;               // the disk's files, when first needed
  std::map<std::string, std::optional<FileContent>> disk_;        // files read from disk
  std::map<std::string, std::optional<FileContent>> overlay_;     // every change made, by path
  std::map<std::string, std::optional<FileContent>> checkpoint_;  // overlay_ at the last checkpoint
};

}  // namespace apictl::migrate
