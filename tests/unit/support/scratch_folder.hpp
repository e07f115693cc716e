// ScratchFolder: a fresh temporary folder for one test, removed at the end; tests write contracts into it.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace apictl::test {

class ScratchFolder {
 public:
  explicit ScratchFolder(std::string_view purpose) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("apictl-" + std::string(purpose) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to `name` (folders created as needed) and returns the full path.
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace apictl::test
