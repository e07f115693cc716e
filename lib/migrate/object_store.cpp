// The object store: one file per content, named by its SHA-256, checked on every read.
#include "migrate/object_store.hpp"

#include <fstream>
#include <sstream>

#include "migrate/durable_file.hpp"
#include "migrate/project_files.hpp"
#include "migrate/sha256.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

fs::path objects_folder(const fs::path& root) { return root / ledger_folder / "objects"; }

Result<std::string> store_object(const fs::path& root, std::string_view content) {
  std::string sha = sha256_hex(content);
  fs::path path = objects_folder(root) / sha;
  std::error_code error;
  if (fs::is_regular_file(path, error) && fs::file_size(path, error) == content.size()) return sha;
  if (auto written = write_durably(path, content, 0644); !written) return std::unexpected(written.error());
  return sha;
}

Result<std::string> load_object(const fs::path& root, const std::string& sha256) {
  fs::path path = objects_folder(root) / sha256;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail("ledger-damaged", "the stored content " + sha256 + " is missing from " + objects_folder(root).string(),
                {}, "restore migrations/.ledger from version control (it is committed with the project)");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string content = bytes.str();
  if (sha256_hex(content) != sha256) {
    return fail("ledger-damaged", "the stored content " + path.string() + " does not match its checksum", {},
                "restore migrations/.ledger from version control (it is committed with the project)");
  }
  return content;
}

void collect_garbage(const fs::path& root, const std::set<std::string>& referenced) {
  fs::path folder = objects_folder(root);
  std::error_code error;
  if (fs::is_directory(folder, error)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
      std::string name = entry.path().filename().string();
      if (!referenced.contains(name)) (void)remove_durably(entry.path());
    }
    remove_folder_if_empty(folder);
  }
  // A journal write interrupted before its rename; only called when no journal exists.
  remove_leftover_temporary(root / ledger_folder / "journal.json");
  remove_folder_if_empty(root / ledger_folder);
}

}  // namespace apictl::migrate
