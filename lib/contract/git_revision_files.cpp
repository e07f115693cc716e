// ContractFiles at a git revision: working-tree paths mapped into the repository, objects read with git.
#include "contract/git_revision_files.hpp"

namespace apictl::contract {

namespace {

bool escapes(const std::filesystem::path& relative) {
  return relative.empty() || (relative.begin() != relative.end() && *relative.begin() == "..");
}

}  // namespace

GitRevisionFiles::GitRevisionFiles(GitRepository repository, std::string revision, std::string commit)
    : repository_(std::move(repository)), revision_(std::move(revision)), commit_(std::move(commit)) {}

std::optional<std::string> GitRevisionFiles::repository_path(const std::filesystem::path& path) const {
  std::filesystem::path inside;
  if (path.is_absolute()) {
    inside = path.lexically_normal().lexically_relative(repository_.top_level);
    if (escapes(inside)) {
      // git names the top folder with symlinks resolved; the path given may run through one.
      std::error_code error;
      auto canonical = std::filesystem::weakly_canonical(path, error);
      if (!error) inside = canonical.lexically_relative(repository_.top_level);
    }
  } else {
    inside = (std::filesystem::path(repository_.prefix) / path).lexically_normal();
  }
  if (escapes(inside)) return std::nullopt;
  std::string text = inside.generic_string();
  while (text.ends_with('/')) text.pop_back();
  if (text == ".") text.clear();
  return text;
}

Result<EntryKind> GitRevisionFiles::kind(const std::filesystem::path& path) const {
  auto inside = repository_path(path);
  if (!inside) return EntryKind::missing;
  {
    std::lock_guard lock(mutex_);
    if (auto known = kinds_.find(*inside); known != kinds_.end()) return known->second;
  }
  auto object = git_object_kind(repository_, commit_, *inside);
  if (!object) return std::unexpected(object.error());
  EntryKind kind = *object == GitObjectKind::blob    ? EntryKind::file
                   : *object == GitObjectKind::tree  ? EntryKind::folder
                   : *object == GitObjectKind::other ? EntryKind::other
                                                     : EntryKind::missing;
  std::lock_guard lock(mutex_);
  kinds_.emplace(*inside, kind);
  return kind;
}

Result<std::string> GitRevisionFiles::read(const std::filesystem::path& path, const std::string& display_path) const {
  auto inside = repository_path(path);
  if (!inside) {
    return fail("outside-repository", "'" + path.string() + "' is outside the git repository",
                SourcePosition{display_path, 0, 0, {}},
                "files read at a revision must lie inside " + repository_.top_level.string());
  }
  auto text = read_git_blob(repository_, commit_, *inside);
  if (!text) {
    Diagnostic diagnostic = text.error();
    diagnostic.where.file = display_path;
    return std::unexpected(diagnostic);
  }
  return text;
}

std::filesystem::path GitRevisionFiles::identity(const std::filesystem::path& path) const {
  auto inside = repository_path(path);
  return inside ? std::filesystem::path(*inside) : path.lexically_normal();
}

std::string GitRevisionFiles::display_path(const std::filesystem::path& path, std::string) const {
  return revision_ + ":" + path.lexically_normal().generic_string();
}

}  // namespace apictl::contract
