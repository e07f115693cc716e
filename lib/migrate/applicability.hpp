// Whether a migration is for this project (its `upgrades`), and whether its preconditions hold now.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/dependency_pins.hpp"
#include "migrate/migration.hpp"
#include "migrate/migration_project.hpp"
#include "migrate/version_range.hpp"
#include "migrate/work_tree.hpp"

namespace apictl::migrate {

struct Applicability {
  bool applies = true;
  std::string reason;  // why, in a few words: "pydantic >=1.10,<3 (requirements.txt) allows versions in >=1,<2"
};

// Every declaration of `package` in the project's dependency files (requirements*.txt, pyproject.toml,
// CMakeLists.txt), as the tree holds them now.
Result<std::vector<DeclaredPin>> declared_pins(WorkTree& tree, std::string_view package);

// The versions a declaration allows; nullopt when its version cannot be read (a commit as GIT_TAG).
std::optional<VersionRange> declared_range(const DeclaredPin& pin);

Result<Applicability> check_applies(const Migration& migration, const MigrationProject& project, WorkTree& tree);

// The first precondition that does not hold, said in words; nullopt when all hold. `command`
// preconditions run in the project root as it is on disk.
Result<std::optional<std::string>> unmet_precondition(const Migration& migration, const MigrationProject& project,
                                                      WorkTree& tree);

}  // namespace apictl::migrate
