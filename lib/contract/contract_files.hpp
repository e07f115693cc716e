// ContractFiles: where a contract's files are read from — the filesystem, or a git revision — so a Workspace
// loads a root and every file its $refs reach from the same place.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "diagnostic.hpp"

namespace apictl::contract {

enum class EntryKind { missing, file, folder, other };  // other: a device, a FIFO, a socket

class ContractFiles {
 public:
  virtual ~ContractFiles() = default;

  // What `path` names; an error only when the source itself cannot be asked (git failing, say).
  virtual Result<EntryKind> kind(const std::filesystem::path& path) const = 0;
  // The bytes of the file at `path`; errors name `display_path`.
  virtual Result<std::string> read(const std::filesystem::path& path, const std::string& display_path) const = 0;
  // One spelling per file, so `a/../b.yaml` and `b.yaml` are loaded once.
  virtual std::filesystem::path identity(const std::filesystem::path& path) const = 0;
  // How messages name the file at `path`; `suggested` is the name worked out from the referring file's name.
  virtual std::string display_path(const std::filesystem::path& path, std::string suggested) const;
  // False for a git revision: its files' places are in no file of the working tree (annotations need one).
  virtual bool on_disk() const { return true; }
};

// The filesystem, relative paths starting at the current directory; "-" reads standard input.
class LocalFiles final : public ContractFiles {
 public:
  Result<EntryKind> kind(const std::filesystem::path& path) const override;
  Result<std::string> read(const std::filesystem::path& path, const std::string& display_path) const override;
  std::filesystem::path identity(const std::filesystem::path& path) const override;
};

// The one LocalFiles every Workspace reads from unless given another source.
std::shared_ptr<const ContractFiles> local_files();

}  // namespace apictl::contract
