// Replacing the contents of existing files all together or not at all: each new content goes to a temporary
// file beside its file, and only when every one is written are they renamed over the originals.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl {

struct FileReplacement {
  std::filesystem::path path;  // an existing regular file; its permissions are kept
  std::string original;        // what it holds now, restored should a later rename fail
  std::string content;         // what it will hold
};

// Writes all of `content` to `fd`, through short writes and EINTR. False (errno set; 0 when write() wrote
// nothing) on failure.
bool write_all(int fd, std::string_view content);

// Writes every temporary file first (a failure removes them all: nothing changed), then renames each over
// its file; should a rename fail, the files already replaced get their original content back.
Result<void> replace_files(const std::vector<FileReplacement>& files);

}  // namespace apictl
