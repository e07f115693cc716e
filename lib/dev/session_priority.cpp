#include "dev/session_priority.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace apictl::dev {

SessionNice set_session_nice(pid_t member, int nice) {
  const std::string path = "/proc/" + std::to_string(member) + "/autogroup";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return SessionNice::unsupported;
  const std::string value = std::to_string(nice);
  const ssize_t written = ::write(fd, value.data(), value.size());
  const int error = errno;
  ::close(fd);
  if (written == static_cast<ssize_t>(value.size())) return SessionNice::applied;
  return error == EAGAIN ? SessionNice::busy : SessionNice::unsupported;
}

}  // namespace apictl::dev
