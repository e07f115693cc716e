// A migration as read from its file: what it upgrades, what must hold before it runs, its ordered steps and
// how the result is verified. The format is documented in docs/migrations.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/field_reader.hpp"
#include "migrate/steps/step.hpp"
#include "migrate/version_range.hpp"

namespace apictl::migrate {

// `upgrades`: the migration is for projects that declare `package` (or were made from `template`) at a
// version in `from`. Without it a migration applies to every project.
struct Upgrade {
  enum class Subject { package, template_ };
  Subject subject = Subject::package;
  std::string name;
  VersionRange from;
  std::string to;  // what it upgrades to, as written (shown by `list`)
  SourcePosition where;
};

struct Precondition {
  enum class Kind { files_exist, pinned, command };
  Kind kind = Kind::files_exist;
  std::vector<std::string> paths;     // files_exist: globs, each must match a file
  std::string package;                // pinned
  std::optional<VersionRange> range;  // pinned: every declaration of the package must allow a version in it
  std::string command;                // command: `sh -c` in the project root must exit 0
  SourcePosition where;
  std::string describe() const;
};

// How the result is checked: the command, unless the project's apictl.toml [dev] test is preferred and set.
struct Verify {
  std::string command;
  bool prefer_project_test = true;
};

struct Migration {
  std::string id;
  std::string title;
  std::string description;
  std::optional<Upgrade> upgrades;
  std::vector<Precondition> preconditions;
  std::vector<std::shared_ptr<const Step>> steps;
  std::optional<Verify> verify;   // absent: the project's [dev] test, or nothing
  std::vector<PlacedText> after;  // ids this migration must come after
  // Where it came from: "migrations/ID.toml", or "built-in (fastapi template)".
  std::string source;
  std::string file;  // the file name used in messages
  bool builtin = false;
  std::string sha256;  // of the file's text, to notice a migration edited after it was applied
  SourcePosition id_at;
};

}  // namespace apictl::migrate
