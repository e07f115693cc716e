// SpecSource: what a SPEC / BASE / REVISION argument names — standard input, a file, a folder's entry file,
// or a file at a git revision (`REV:path`) — and loading it, with every file its $refs reach, into a Workspace.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "contract/contract_files.hpp"
#include "contract/workspace.hpp"
#include "diagnostic.hpp"

namespace apictl::contract {

enum class SpecKind {
  standard_input,  // "-"
  file,            // a path on disk (a folder argument becomes its entry file)
  git_revision,    // REV:path, read with git from the repository around the current directory
};

struct SpecSource {
  SpecKind kind = SpecKind::file;
  std::filesystem::path path;  // what to open: "-", a file, or a file's working-tree path inside the revision
  std::string display_path;    // how messages name the root: "-", "api/openapi.yaml", "origin/main:openapi.yaml"
  std::string revision;        // git_revision: REV as written
  std::shared_ptr<const ContractFiles> files;  // where the root and the files its $refs reach are read from
};

// Works out what `argument` names, in this order: "-" is standard input; an existing file is that file; an
// existing folder is its entry file (openapi.yaml, .yml or .json; when none is there, swagger.yaml, .yml or
// .json; none or several is an error); otherwise `REV:path` (split at the first ':' outside `@{...}`) is `path` —
// relative to the current directory, like `git show REV:./path` — at git revision REV; anything else is a file path,
// whose absence Workspace::open reports. Errors (all input errors, exit 2) carry the argument as their file and a hint:
// "no-entry-file", "ambiguous-entry-file", "git-not-found", "not-a-git-repository", "unknown-revision",
// "outside-repository", "missing-at-revision", "git-error", "bad-spec".
Result<SpecSource> resolve_spec(std::string_view argument);

// A path on disk, file or folder (the contract named in apictl.toml), never read as REV:path; `display_path`
// names it in messages. A missing path is left for Workspace::open to report, as in resolve_spec.
Result<SpecSource> resolve_local_spec(const std::filesystem::path& path, std::string display_path);

// A Workspace reading from `source.files`, with the root document loaded (parse errors are the error value).
Result<std::unique_ptr<Workspace>> open_spec(const SpecSource& source, ParseLimits limits = {});

}  // namespace apictl::contract
