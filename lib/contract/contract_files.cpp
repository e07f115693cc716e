// ContractFiles on the filesystem.
#include "contract/contract_files.hpp"

#include "contract/parse.hpp"

namespace apictl::contract {

std::string ContractFiles::display_path(const std::filesystem::path&, std::string suggested) const { return suggested; }

Result<EntryKind> LocalFiles::kind(const std::filesystem::path& path) const {
  std::error_code error;
  auto status = std::filesystem::status(path, error);
  if (std::filesystem::is_regular_file(status)) return EntryKind::file;
  if (std::filesystem::is_directory(status)) return EntryKind::folder;
  if (std::filesystem::exists(status)) return EntryKind::other;
  return EntryKind::missing;
}

Result<std::string> LocalFiles::read(const std::filesystem::path& path, const std::string& display_path) const {
  return read_source(path, display_path);
}

std::filesystem::path LocalFiles::identity(const std::filesystem::path& path) const {
  std::error_code error;
  auto canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical;
}

std::shared_ptr<const ContractFiles> local_files() {
  static const auto files = std::make_shared<const LocalFiles>();
  return files;
}

}  // namespace apictl::contract
