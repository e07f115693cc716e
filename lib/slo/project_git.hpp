// Git as the SLO scenarios use it: commands run in the project's folder (`git -C ROOT`), and the stamp every
// measurement carries (commit, nearest tag, time, host).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "util/git.hpp"
#include "util/subprocess.hpp"

namespace apictl::slo {

// `git -C root ARGS...` with no prompt and C messages; any exit status comes back (git grep exits 1 for "no
// match"). The error value is only for git not starting.
Result<ProcessOutput> run_git_in(const std::filesystem::path& root, std::vector<std::string> arguments);

// The same, with a non-zero exit status turned into a "git-error" naming the command and git's first line.
Result<std::string> git_text(const std::filesystem::path& root, std::vector<std::string> arguments);

// The repository whose working tree holds `root`: its top level and root's place in it.
Result<GitRepository> repository_at(const std::filesystem::path& root);

struct MeasurementStamp {
  std::string commit;  // HEAD, "" outside git or before the first commit
  std::string tag;     // the nearest tag reachable from HEAD, "" when none
  std::string time;    // now, UTC, ISO 8601
  std::string host;
};

// Never fails: what cannot be found stays empty.
MeasurementStamp stamp_now(const std::filesystem::path& root);

}  // namespace apictl::slo
