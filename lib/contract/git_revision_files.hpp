// GitRevisionFiles: a contract's files as they are at a git revision, so `REV:openapi.yaml` and every file its
// $refs reach are read from that commit, never from the working tree.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "contract/contract_files.hpp"
#include "util/git.hpp"

namespace apictl::contract {

class GitRevisionFiles final : public ContractFiles {
 public:
  // `revision` is the name as the user wrote it (it names files in messages); `commit` is the id it resolved to,
  // read for every file so that a branch moving meanwhile cannot mix two commits.
  GitRevisionFiles(GitRepository repository, std::string revision, std::string commit);

  // Paths are as they would be in the working tree: relative to the current directory, or absolute.
  Result<EntryKind> kind(const std::filesystem::path& path) const override;
  Result<std::string> read(const std::filesystem::path& path, const std::string& display_path) const override;
  std::filesystem::path identity(const std::filesystem::path& path) const override;
  // "REV:path", path relative to the current directory: `origin/main:schemas/pet.yaml`.
  std::string display_path(const std::filesystem::path& path, std::string suggested) const override;
  bool on_disk() const override { return false; }

  // Where `path` is inside the repository ("" for its top folder); nullopt when it lies outside.
  std::optional<std::string> repository_path(const std::filesystem::path& path) const;

  const GitRepository& repository() const { return repository_; }
  const std::string& revision() const { return revision_; }
  const std::string& commit() const { return commit_; }

 private:
  GitRepository repository_;
  std::string revision_;
  std::string commit_;
  mutable std::mutex mutex_;                        // guards kinds_
  mutable std::map<std::string, EntryKind> kinds_;  // by repository path: each asked of git once
};

}  // namespace apictl::contract
