// SpecSource: telling "-", files, folders and REV:path apart, finding a folder's entry file, and reading a
// revision's files through GitRevisionFiles.
#include "contract/spec_source.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "contract/git_revision_files.hpp"
#include "util/git.hpp"

namespace apictl::contract {

namespace {

constexpr std::array<std::string_view, 6> entry_names = {"openapi.yaml", "openapi.yml", "openapi.json",
                                                         "swagger.yaml", "swagger.yml", "swagger.json"};
constexpr std::size_t openapi_names = 3;  // the first three; swagger.* only when none of them is there

std::string looked_for() {
  std::string names;
  for (std::string_view name : entry_names) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

// The one entry file in `folder` (`shown` is how messages name the folder, `shown_file` how they name a file
// in it). openapi.* wins over swagger.*; two of the same tier are ambiguous.
Result<std::filesystem::path> find_entry_file(const ContractFiles& files, const std::filesystem::path& folder,
                                              const std::string& shown) {
  for (std::size_t tier_begin : {std::size_t{0}, openapi_names}) {
    std::size_t tier_end = tier_begin == 0 ? openapi_names : entry_names.size();
    std::vector<std::string_view> found;
    for (std::size_t i = tier_begin; i < tier_end; ++i) {
      auto kind = files.kind(folder / entry_names[i]);
      if (!kind) return std::unexpected(kind.error());
      if (*kind == EntryKind::file) found.push_back(entry_names[i]);
    }
    if (found.size() == 1) return folder / found.front();
    if (found.size() > 1) {
      std::string names;
      for (std::string_view name : found) names += (names.empty() ? "" : " and ") + std::string(name);
      return fail("ambiguous-entry-file", "folder '" + shown + "' holds more than one contract entry file: " + names,
                  SourcePosition{shown, 0, 0, {}},
                  "pass the one to use, e.g. " +
                      (std::filesystem::path(shown) / found.front()).lexically_normal().generic_string());
    }
  }
  return fail("no-entry-file", "folder '" + shown + "' has no contract entry file (looked for " + looked_for() + ")",
              SourcePosition{shown, 0, 0, {}},
              "pass the contract's root file instead of the folder, or name it openapi.yaml");
}

// Up to three JSON/YAML files directly in `folder`, for a hint when it has no entry file.
std::string document_files_in(const std::filesystem::path& folder, const std::string& shown) {
  std::vector<std::string> names;
  std::error_code error;
  for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && is_document_file(it->path().filename().string())) {
      names.push_back((std::filesystem::path(shown) / it->path().filename()).lexically_normal().generic_string());
    }
  }
  std::sort(names.begin(), names.end());
  if (names.size() > 3) names.resize(3);
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The ':' between REV and path: the first one outside `@{...}` (HEAD@{10:30}:openapi.yaml).
std::size_t revision_colon(std::string_view argument) {
  int depth = 0;
  for (std::size_t i = 0; i < argument.size(); ++i) {
    if (argument[i] == '{' && i > 0 && argument[i - 1] == '@') ++depth;
    if (argument[i] == '}' && depth > 0) --depth;
    if (argument[i] == ':' && depth == 0) return i;
  }
  return std::string_view::npos;
}

// Sets the place and adds what the argument was taken for, keeping the error's code and hint.
std::unexpected<Diagnostic> about(std::string_view argument, Diagnostic diagnostic, std::string_view context = {}) {
  diagnostic.where = SourcePosition{std::string(argument), 0, 0, {}};
  if (!context.empty()) diagnostic.message = std::string(context) + diagnostic.message;
  return std::unexpected(std::move(diagnostic));
}

Result<SpecSource> resolve_revision_spec(std::string_view argument, std::size_t colon) {
  std::string revision(argument.substr(0, colon));
  std::string path(argument.substr(colon + 1));
  SourcePosition where{std::string(argument), 0, 0, {}};
  if (argument.find("://") != std::string_view::npos) {
    return fail("bad-spec", "no file '" + std::string(argument) + "'; URLs are never fetched", where,
                "download the contract and pass the saved file");
  }
  if (revision.empty()) {
    return fail("bad-spec", "no file '" + std::string(argument) + "', and no revision before ':'", where,
                "name a revision, e.g. HEAD" + std::string(argument));
  }
  if (path.empty()) {
    return fail("bad-spec", "no file '" + std::string(argument) + "', and no path after ':'", where,
                "name a file or folder at the revision, e.g. " + revision + ":openapi.yaml (or " + revision +
                    ":. for the current folder)");
  }
  auto repository = find_git_repository();
  if (!repository) {
    const Diagnostic& error = repository.error();
    if (error.code == "not-a-git-repository") {
      return fail(error.code,
                  "no file '" + std::string(argument) +
                      "' exists, and it cannot be read as REV:path: the current directory is not in a git repository",
                  where, "check the path, or run apictl inside the repository (or with -C DIR)");
    }
    return about(argument, error, "cannot read '" + std::string(argument) + "' as REV:path: ");
  }
  auto commit = resolve_git_commit(*repository, revision);
  if (!commit) {
    if (commit.error().code == "unknown-revision") {
      return fail("unknown-revision",
                  "unknown git revision '" + revision + "' (and no file '" + std::string(argument) + "' exists)", where,
                  commit.error().hint);
    }
    return about(argument, commit.error());
  }
  auto files = std::make_shared<const GitRevisionFiles>(*repository, revision, *commit);
  if (!files->repository_path(path)) {
    return fail("outside-repository", "'" + path + "' is outside the git repository", where,
                "at a revision, paths are relative to the current directory and must stay inside " +
                    repository->top_level.string());
  }
  auto kind = files->kind(path);
  if (!kind) return about(argument, kind.error());
  SpecSource source{SpecKind::git_revision, path, std::string(argument), revision, files};
  if (*kind == EntryKind::file) return source;
  if (*kind == EntryKind::folder) {
    auto entry = find_entry_file(*files, path, std::string(argument));
    if (!entry) return std::unexpected(entry.error());
    source.path = *entry;
    source.display_path = files->display_path(*entry, {});
    return source;
  }
  return fail("missing-at-revision", "'" + path + "' does not exist at revision '" + revision + "'", where,
              "the path is relative to the current directory; list what is there with `git ls-tree -r --name-only " +
                  revision + "`");
}

}  // namespace

Result<SpecSource> resolve_local_spec(const std::filesystem::path& path, std::string display_path) {
  auto files = local_files();
  auto kind = files->kind(path);
  if (!kind) return std::unexpected(kind.error());
  if (*kind != EntryKind::folder) return SpecSource{SpecKind::file, path, std::move(display_path), {}, files};
  auto entry = find_entry_file(*files, path, display_path);
  if (!entry) {
    Diagnostic error = entry.error();
    if (std::string candidates = document_files_in(path, display_path); !candidates.empty()) {
      error.hint = "pass the contract's root file instead of the folder: it holds " + candidates;
    }
    return std::unexpected(std::move(error));
  }
  std::string entry_display = (std::filesystem::path(display_path) / entry->filename()).lexically_normal().string();
  return SpecSource{SpecKind::file, *entry, std::move(entry_display), {}, files};
}

Result<SpecSource> resolve_spec(std::string_view argument) {
  if (argument.empty()) {
    return fail("bad-spec", "the contract argument is empty", {},
                "pass a file, a folder, - (standard input) or REV:path (a file at a git revision)");
  }
  if (argument == "-") return SpecSource{SpecKind::standard_input, "-", "-", {}, local_files()};
  std::filesystem::path path(argument);
  auto kind = local_files()->kind(path);
  if (!kind) return std::unexpected(kind.error());
  // A file or folder that exists wins over REV:path, even when its name has a ':'.
  if (*kind != EntryKind::missing) return resolve_local_spec(path, std::string(argument));
  if (std::size_t colon = revision_colon(argument); colon != std::string_view::npos) {
    return resolve_revision_spec(argument, colon);
  }
  return SpecSource{SpecKind::file, path, std::string(argument), {}, local_files()};
}

Result<std::unique_ptr<Workspace>> open_spec(const SpecSource& source, ParseLimits limits) {
  auto workspace = std::make_unique<Workspace>(source.files, limits);
  auto root = workspace->open(source.path, source.display_path);
  if (!root) return std::unexpected(root.error());
  return workspace;
}

}  // namespace apictl::contract
