// Every migration a project can see, in the order they apply: the project's own migrations/*.toml and the
// built-in packs, sorted by id unless `after` says otherwise.
#pragma once

#include <vector>

#include "diagnostic.hpp"
#include "migrate/migration.hpp"
#include "migrate/migration_project.hpp"

namespace apictl::migrate {

inline constexpr std::string_view migrations_folder = "migrations";

// The project's migrations/*.toml, each read strictly (the first malformed one is the error).
Result<std::vector<Migration>> load_project_migrations(const MigrationProject& project);

Result<std::vector<Migration>> load_builtin_migrations();

// Both, a project migration replacing a built-in one with its id, in order: ids sorted, each after the ids
// its `after` lists (an unknown id or a cycle is an error at the `after` entry).
Result<std::vector<Migration>> load_catalog(const MigrationProject& project);

Result<std::vector<Migration>> order_migrations(std::vector<Migration> migrations);

}  // namespace apictl::migrate
