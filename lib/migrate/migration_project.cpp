// Finding the project, and the small facts every migration command needs.
#include "migrate/migration_project.hpp"

#include <chrono>
#include <ctime>
#include <random>

namespace apictl::migrate {

namespace fs = std::filesystem;

Result<MigrationProject> find_migration_project(const fs::path& start) {
  MigrationProject project;
  auto config = project::find_project_config(start);
  if (!config) return std::unexpected(config.error());
  std::error_code error;
  if (*config) {
    project.root = fs::absolute((*config)->root, error).lexically_normal();
    project.ignore = (*config)->dev.ignore;
    project.config = std::move(**config);
  } else {
    project.root = fs::absolute(start, error).lexically_normal();
  }
  if (error) return fail("usage", "cannot find the project folder: " + error.message());
  // "dir/." normalizes to "dir/"; keep paths joinable and printable without the trailing slash.
  if (project.root.has_relative_path() && project.root.filename().empty()) project.root = project.root.parent_path();
  return project;
}

std::string verify_command(const Migration& migration, const MigrationProject& project) {
  std::string project_test = project.config ? project.config->dev.test : "";
  if (!migration.verify) return project_test;
  if (migration.verify->prefer_project_test && !project_test.empty()) return project_test;
  return migration.verify->command;
}

std::string utc_timestamp() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string new_transaction_id() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> nibble(0, 15);
  std::string id = utc_timestamp() + "-";
  for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[nibble(device)];
  return id;
}

}  // namespace apictl::migrate
