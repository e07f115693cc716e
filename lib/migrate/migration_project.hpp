// The project migrations work on: its root (apictl.toml's folder, found by walking up; else the current
// folder), its apictl.toml when there is one, and the files migrations must leave alone.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/migration.hpp"
#include "project/project_config.hpp"

namespace apictl::migrate {

struct MigrationProject {
  std::filesystem::path root;
  std::optional<project::ProjectConfig> config;
  std::vector<std::string> ignore;  // apictl.toml [dev] ignore
};

Result<MigrationProject> find_migration_project(const std::filesystem::path& start);

// The command that verifies `migration` in this project, or "" when there is none: the migration's own,
// or apictl.toml's [dev] test when the migration prefers it (or names none).
std::string verify_command(const Migration& migration, const MigrationProject& project);

// The time now, UTC, ISO 8601 to the second: "2026-11-26T15:30:00Z".
std::string utc_timestamp();

// A fresh, unique transaction id (time and random bits).
std::string new_transaction_id();

}  // namespace apictl::migrate
