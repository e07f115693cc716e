// TemporaryFolder: a private folder under the system's temporary directory, removed with everything in it when
// the object goes away, so a measurement leaves nothing behind however it ends.
#pragma once

#include <filesystem>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::slo {

class TemporaryFolder {
 public:
  // mkdtemp of "$TMPDIR/PREFIX-XXXXXX".
  static Result<TemporaryFolder> create(std::string_view prefix);
  ~TemporaryFolder();
  TemporaryFolder(TemporaryFolder&& other) noexcept;
  TemporaryFolder& operator=(TemporaryFolder&&) = delete;
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TemporaryFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace apictl::slo
