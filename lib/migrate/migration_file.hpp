// Reading a migration file (TOML): every mistake is an error at its file:line:col with what to do.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"
#include "migrate/migration.hpp"

namespace apictl::migrate {

struct MigrationOrigin {
  std::string file;    // the name used in messages, e.g. "migrations/20261126-1530-x.toml"
  std::string source;  // "migrations/20261126-1530-x.toml" or "built-in (fastapi template)"
  bool builtin = false;
  std::string expected_id;  // the file's name without .toml: the id must match it; "" to skip the check
};

Result<Migration> parse_migration(std::string_view text, const MigrationOrigin& origin);

// Whether `id` is a valid migration id: lower-case letters, digits, '.', '_' and '-', starting with a letter
// or digit.
bool valid_migration_id(std::string_view id);

}  // namespace apictl::migrate
