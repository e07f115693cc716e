// TreeSnapshot: every file (with its bytes and permission bits) and folder under a root, to check that a
// command wrote nothing, or that a rollback restored everything byte for byte.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace apictl::test {

struct TreeSnapshot {
  std::map<std::string, std::string> files;  // path -> mode:bytes
  std::set<std::string> folders;

  static TreeSnapshot of(const std::filesystem::path& root) {
    TreeSnapshot snapshot;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      std::string path = entry.path().lexically_relative(root).generic_string();
      if (entry.is_directory()) {
        snapshot.folders.insert(path);
        continue;
      }
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      struct stat info {};
      ::stat(entry.path().c_str(), &info);
      snapshot.files[path] = std::to_string(info.st_mode & 07777) + ":" + bytes.str();
    }
    return snapshot;
  }

  bool operator==(const TreeSnapshot&) const = default;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace apictl::test
