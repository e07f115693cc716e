// Listing a project's files for migrations: a plain walk, pruned where tools keep their own state.
#include "migrate/project_files.hpp"

#include <algorithm>

#include "util/glob.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

bool pruned_folder(std::string_view name) {
  return name.starts_with('.') || name == "__pycache__" || name == "node_modules";
}

bool ignored(std::span<const std::string> ignore, std::string_view path) {
  return std::ranges::any_of(ignore, [&](const std::string& glob) { return glob_match(glob, path); });
}

}  // namespace

std::vector<std::string> list_project_files(const fs::path& root, std::span<const std::string> ignore) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator walk(root, fs::directory_options::none, error);
  for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
    const fs::directory_entry& entry = *walk;
    std::string relative = entry.path().lexically_relative(root).generic_string();
    std::error_code status_error;
    auto status = entry.symlink_status(status_error);
    if (status_error) continue;
    if (fs::is_directory(status)) {
      if (pruned_folder(entry.path().filename().string()) || relative == ledger_folder || ignored(ignore, relative)) {
        walk.disable_recursion_pending();
      }
      continue;
    }
    if (!fs::is_regular_file(status) || ignored(ignore, relative) || relative == ledger_file) continue;
    if (relative.ends_with(temporary_suffix)) continue;  // a write apictl left unfinished
    files.push_back(std::move(relative));
  }
  std::ranges::sort(files);
  return files;
}

Result<std::string> checked_project_path(std::string_view path, const SourcePosition& where) {
  std::string text(path);
  while (text.size() > 1 && text.ends_with('/')) text.pop_back();
  auto bad = [&](std::string why) {
    return fail("migration-error", "path '" + std::string(path) + "' " + why, where,
                "name a path relative to the project root, such as \"app/models.py\"");
  };
  if (text.empty()) return bad("is empty");
  if (text.starts_with('/')) return bad("is absolute");
  if (text.find('\\') != std::string::npos || text.find('\0') != std::string::npos)
    return bad("has a backslash or NUL");
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return bad("has an empty, '.' or '..' part");
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  if (text == ".git" || text.starts_with(".git/")) return bad("is inside .git");
  if (text == ledger_folder || text.starts_with(std::string(ledger_folder) + "/") || text == ledger_file) {
    return bad("is the ledger's");
  }
  return text;
}

}  // namespace apictl::migrate
