// Git: finding the repository around the current directory and reading objects at a revision, by running the
// git program (argv only, no shell; it never prompts).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl {

struct GitRepository {
  std::filesystem::path top_level;  // absolute path of the working tree's root
  std::string prefix;               // the current directory relative to top_level: "" or "services/pets/"
};

enum class GitObjectKind { missing, blob, tree, other };

// The repository whose working tree holds the current directory. Errors: "git-not-found" (git is not
// installed), "not-a-git-repository", "git-error" (git refused, e.g. a repository owned by someone else).
Result<GitRepository> find_git_repository();

// The commit id `revision` names (`git rev-parse --verify REV^{commit}`); "unknown-revision" otherwise.
Result<std::string> resolve_git_commit(const GitRepository& repository, std::string_view revision);

// What `path` (relative to the top level; "" for the root) is in `commit`.
Result<GitObjectKind> git_object_kind(const GitRepository& repository, std::string_view commit, std::string_view path);

// The content of the file `path` in `commit`, byte for byte (no filters, no line-ending conversion).
Result<std::string> read_git_blob(const GitRepository& repository, std::string_view commit, std::string_view path);

}  // namespace apictl
