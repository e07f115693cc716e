// All-or-nothing replacement of several files with temporary files and rename(2).
#include "util/file_replace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace apictl {

namespace {

namespace fs = std::filesystem;

std::string errno_text() { return std::strerror(errno); }

// A temporary file beside `path` holding `content`, with `path`'s permission bits.
Result<fs::path> write_beside(const fs::path& path, const std::string& content) {
  std::string pattern = (path.parent_path() / ("." + path.filename().string() + ".apictl-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    return fail("write-failed", "cannot create a file beside '" + path.string() + "': " + errno_text(), {},
                "check that you may write there; nothing was changed");
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) ::fchmod(fd, info.st_mode & 07777);
  if (!write_all(fd, content)) {
    std::string why = errno != 0 ? errno_text() : "nothing written";
    ::close(fd);
    ::unlink(pattern.c_str());
    return fail("write-failed", "cannot write beside '" + path.string() + "': " + why, {},
                "free some space; nothing was changed");
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(pattern.c_str());
    return fail("write-failed", "cannot write beside '" + path.string() + "': " + errno_text(), {},
                "free some space; nothing was changed");
  }
  return fs::path(pattern);
}

}  // namespace

bool write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) {
      if (wrote == 0) errno = 0;
      return false;
    }
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

Result<void> replace_files(const std::vector<FileReplacement>& files) {
  std::vector<fs::path> temporaries;
  auto remove_temporaries = [&](std::size_t from) {
    for (std::size_t i = from; i < temporaries.size(); ++i) ::unlink(temporaries[i].c_str());
  };
  for (const FileReplacement& file : files) {
    auto temporary = write_beside(file.path, file.content);
    if (!temporary) {
      remove_temporaries(0);
      return std::unexpected(temporary.error());
    }
    temporaries.push_back(std::move(*temporary));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (::rename(temporaries[i].c_str(), files[i].path.c_str()) == 0) continue;
    std::string why = errno_text();
    remove_temporaries(i);
    for (std::size_t k = 0; k < i; ++k) {
      if (auto restore = write_beside(files[k].path, files[k].original)) {
        ::rename(restore->c_str(), files[k].path.c_str());
      }
    }
    return fail("write-failed", "cannot replace '" + files[i].path.string() + "': " + why, {},
                "the files written before it were restored; check the permissions and try again");
  }
  return {};
}

}  // namespace apictl
