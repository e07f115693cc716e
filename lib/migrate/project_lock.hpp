// One migration command at a time per project: an exclusive flock(2) on the project folder, released by the
// kernel when the process ends however it ends, so a crash never leaves a stale lock.
#pragma once

#include <filesystem>

#include "diagnostic.hpp"

namespace apictl::migrate {

class ProjectLock {
 public:
  // Takes the lock without waiting; error "busy" when another apictl holds it.
  static Result<ProjectLock> take(const std::filesystem::path& root);
  // Whether another process holds the lock now (for `status`).
  static bool held_by_another(const std::filesystem::path& root);

  ProjectLock(ProjectLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ProjectLock& operator=(ProjectLock&&) = delete;
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;
  ~ProjectLock();

 private:
  explicit ProjectLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace apictl::migrate
