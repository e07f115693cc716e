// The two contracts `contract diff` and `contract changelog` compare: named on the command line or taken from
// apictl.toml, and read side by side.
#pragma once

#include <memory>
#include <string>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"
#include "project/project_config.hpp"

namespace apictl::project {

struct DiffInputs {
  std::unique_ptr<contract::Workspace> base;
  std::unique_ptr<contract::Workspace> revision;
};

// Opens BASE and REVISION (diff::open_contract: a file, a folder, "-" or REV:path), each on its own thread.
// An empty `base` means [contract] baseline and an empty `revision` [contract] path of `project` (which may
// be null), as `git diff REV` compares REV with the working tree. Errors: both are stdin, a default that
// apictl.toml does not give, and whatever opening either reports (the base's first).
Result<DiffInputs> open_diff_inputs(const std::string& base, const std::string& revision, const ProjectConfig* project);

}  // namespace apictl::project
