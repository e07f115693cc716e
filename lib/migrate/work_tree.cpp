// The in-memory work tree: an overlay of changes over the disk, read lazily.
#include "migrate/work_tree.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "migrate/project_files.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> ancestors(const std::string& path) {
  std::vector<std::string> folders;
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    folders.push_back(path.substr(0, slash));
  }
  return folders;
}

std::size_t depth(const std::string& path) { return static_cast<std::size_t>(std::ranges::count(path, '/')); }

bool same(const std::optional<FileContent>& a, const std::optional<FileContent>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->bytes == b->bytes && a->mode == b->mode);
}

}  // namespace

WorkTree::WorkTree(fs::path root, std::vector<std::string> ignore)
    : root_(std::move(root)), ignore_(std::move(ignore)) {}

Result<std::optional<FileContent>> WorkTree::read_disk(const std::string& path) {
  if (auto cached = disk_.find(path); cached != disk_.end()) return cached->second;
  fs::path full = root_ / path;
  struct stat info {};
  if (::lstat(full.c_str(), &info) != 0) {
    disk_[path] = std::nullopt;
    return std::optional<FileContent>{};
  }
  if (!S_ISREG(info.st_mode)) {
    return fail("not-a-file", "'" + path + "' is " + (S_ISLNK(info.st_mode) ? "a symbolic link" : "not a regular file"),
                {}, "migrations change regular files only; name the file the link points to");
  }
  std::ifstream in(full, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return fail("read-failed", "cannot read '" + path + "'", {}, "check its permissions");
  FileContent content{bytes.str(), static_cast<std::uint32_t>(info.st_mode & 07777)};
  disk_[path] = content;
  return std::optional<FileContent>(std::move(content));
}

Result<std::optional<FileContent>> WorkTree::read(const std::string& path) {
  if (auto changed = overlay_.find(path); changed != overlay_.end()) return changed->second;
  return read_disk(path);
}

bool WorkTree::exists(const std::string& path) {
  if (auto changed = overlay_.find(path); changed != overlay_.end()) return changed->second.has_value();
  std::error_code error;
  return fs::exists(fs::symlink_status(root_ / path, error));
}

void WorkTree::write(const std::string& path, FileContent content) { overlay_[path] = std::move(content); }

void WorkTree::remove(const std::string& path) { overlay_[path] = std::nullopt; }

std::vector<std::string> WorkTree::files() {
  if (!listing_) listing_ = list_project_files(root_, ignore_);
  std::vector<std::string> current;
  current.reserve(listing_->size());
  for (const std::string& path : *listing_) {
    auto changed = overlay_.find(path);
    if (changed == overlay_.end() || changed->second) current.push_back(path);
  }
  bool added = false;
  for (const auto& [path, content] : overlay_) {
    if (content && !std::ranges::binary_search(*listing_, path)) {
      current.push_back(path);
      added = true;
    }
  }
  if (added) std::ranges::sort(current);
  return current;
}

std::vector<std::string> WorkTree::files_under(const std::string& folder) {
  std::string prefix = folder + "/";
  std::vector<std::string> found;
  for (std::string& path : files()) {
    if (path.starts_with(prefix)) found.push_back(std::move(path));
  }
  return found;
}

Result<ChangeSet> WorkTree::changes() {
  ChangeSet set;
  for (const auto& [path, after] : overlay_) {
    std::optional<FileContent> before;
    if (auto saved = checkpoint_.find(path); saved != checkpoint_.end()) {
      before = saved->second;
    } else {
      auto disk = read_disk(path);
      if (!disk) return std::unexpected(disk.error());
      before = *disk;
    }
    if (same(before, after)) continue;
    set.files.push_back({path, std::move(before), after});
  }
  std::set<std::string> created;
  std::set<std::string> emptied;
  std::vector<std::string> now = files();
  auto holds_files = [&](const std::string& folder) {
    std::string prefix = folder + "/";
    auto first = std::ranges::lower_bound(now, prefix);
    return first != now.end() && first->starts_with(prefix);
  };
  for (const FileChange& change : set.files) {
    for (const std::string& folder : ancestors(change.path)) {
      std::error_code error;
      bool on_disk = fs::is_directory(fs::symlink_status(root_ / folder, error));
      if (!change.before && change.after && !on_disk) created.insert(folder);
      if (change.before && !change.after && on_disk && !holds_files(folder)) emptied.insert(folder);
    }
  }
  set.folders_created.assign(created.begin(), created.end());
  std::ranges::stable_sort(set.folders_created, {}, depth);
  set.folders_removed.assign(emptied.begin(), emptied.end());
  std::ranges::stable_sort(set.folders_removed, std::greater<>{}, depth);
  return set;
}

void WorkTree::checkpoint() { checkpoint_ = overlay_; }

}  // namespace apictl::migrate
