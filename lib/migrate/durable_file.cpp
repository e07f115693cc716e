// write + fsync + rename + fsync of the folder; every step is a crash point for the crash test.
#include "migrate/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "migrate/crash_hook.hpp"
#include "migrate/project_files.hpp"
#include "util/file_replace.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

fs::path temporary_path_for(const fs::path& path) {
  return path.parent_path() / ("." + path.filename().string() + std::string(temporary_suffix));
}

Result<void> write_durably(const fs::path& path, std::string_view content, std::uint32_t mode) {
  std::error_code error;
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), error);
  if (error) {
    return fail("write-failed", "cannot create the folder of '" + path.string() + "': " + error.message(), {},
                "check that you may write there");
  }
  fs::path temporary = temporary_path_for(path);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return fail("write-failed", "cannot write beside '" + path.string() + "': " + errno_text(), {},
                "check that you may write there");
  }
  bool ok = write_all(fd, content) && ::fchmod(fd, mode & 07777) == 0 && ::fsync(fd) == 0;
  std::string why = ok ? "" : (errno != 0 ? errno_text() : "nothing written");
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = errno_text();
  }
  if (!ok) {
    ::unlink(temporary.c_str());
    return fail("write-failed", "cannot write '" + path.string() + "': " + why, {}, "free some space and try again");
  }
  crash_point();
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string reason = errno_text();
    ::unlink(temporary.c_str());
    return fail("write-failed", "cannot replace '" + path.string() + "': " + reason, {},
                "check the permissions of its folder");
  }
  sync_folder(path.parent_path());
  crash_point();
  return {};
}

Result<void> remove_durably(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return {};
    return fail("write-failed", "cannot remove '" + path.string() + "': " + errno_text(), {},
                "check the permissions of its folder");
  }
  sync_folder(path.parent_path());
  crash_point();
  return {};
}

bool remove_folder_if_empty(const fs::path& folder) {
  if (::rmdir(folder.c_str()) == 0) {
    sync_folder(folder.parent_path());
    return true;
  }
  return errno == ENOENT;
}

void remove_leftover_temporary(const fs::path& path) { ::unlink(temporary_path_for(path).c_str()); }

}  // namespace apictl::migrate
