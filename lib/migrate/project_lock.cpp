// flock on the project folder's descriptor: no lock file to create, clean up or leave behind.
#include "migrate/project_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace apictl::migrate {

Result<ProjectLock> ProjectLock::take(const std::filesystem::path& root) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return fail("usage", "cannot open the project folder '" + root.string() + "': " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return fail("busy", "another apictl migrate command is working on this project", {},
                "wait for it to finish, then run the command again");
  }
  return ProjectLock(fd);
}

bool ProjectLock::held_by_another(const std::filesystem::path& root) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

ProjectLock::~ProjectLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace apictl::migrate
