// FileWatcher: a libuv fs_event watch per folder, kept in step with the tree as folders come and go, and a
// debounce timer that turns many events into one report.
#include "dev/file_watcher.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "dev/gitignore.hpp"
#include "util/glob.hpp"

namespace apictl::dev {

namespace {

// What lstat says about a path: symbolic links are not followed, so a link to a folder is not a folder here.
struct EntryState {
  bool exists = false;
  bool directory = false;
  dev_t device = 0;
  ino_t inode = 0;
};

EntryState entry_state(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return {};
  return {true, S_ISDIR(info.st_mode), info.st_dev, info.st_ino};
}

std::string join(const std::string& folder, std::string_view name) {
  return folder.empty() ? std::string(name) : folder + "/" + std::string(name);
}

std::string_view last_segment(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A setting from /proc/sys, such as "fs/inotify/max_user_watches"; "unknown" when it cannot be read.
std::string kernel_setting(const char* name) {
  std::ifstream in(std::string("/proc/sys/") + name);
  std::string value;
  if (!(in >> value)) return "unknown";
  return value;
}

}  // namespace

Diagnostic watch_error(const std::filesystem::path& folder, int uv_error) {
  std::string where = "cannot watch '" + folder.string() + "': ";
  if (uv_error == UV_ENOSPC) {
    return Diagnostic{Severity::error,
                      "watch-limit",
                      where + "the system's limit on inotify watches is reached (fs.inotify.max_user_watches = " +
                          kernel_setting("fs/inotify/max_user_watches") +
                          "; apictl needs one per folder, other programs' watches count too)",
                      {},
                      "raise it with 'sudo sysctl fs.inotify.max_user_watches=524288' (to keep it after a reboot, "
                      "put 'fs.inotify.max_user_watches=524288' in a file under /etc/sysctl.d/), or ignore big "
                      "folders such as .venv or node_modules in .gitignore or [dev] ignore"};
  }
  if (uv_error == UV_EMFILE) {
    return Diagnostic{Severity::error,
                      "watch-limit",
                      where + "too many inotify instances or open files (fs.inotify.max_user_instances = " +
                          kernel_setting("fs/inotify/max_user_instances") + ")",
                      {},
                      "raise it with 'sudo sysctl fs.inotify.max_user_instances=1024', or close other programs "
                      "that watch files"};
  }
  return Diagnostic{Severity::error, "watch-failed", where + uv_strerror(uv_error), {}, {}};
}

class FileWatcher::Impl {
 public:
  Impl(uv_loop_t* loop, std::filesystem::path root, FileWatcherOptions options, ChangeHandler on_change,
       WatchErrorHandler on_error)
      : loop_(loop),
        root_(std::filesystem::absolute(root).lexically_normal().string()),
        options_(std::move(options)),
        on_change_(std::move(on_change)),
        on_error_(std::move(on_error)) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  }
  ~Impl() { stop(); }

  Result<void> start() {
    if (running_) return {};
    EntryState root = entry_state(root_);
    if (!root.directory) {
      return fail("watch-failed", "cannot watch '" + root_ + "': " + (root.exists ? "not a folder" : "no such folder"));
    }
    running_ = true;
    debounce_ = new TimerBox{{}, this};
    uv_timer_init(loop_, &debounce_->timer);
    debounce_->timer.data = debounce_;
    start_error_.reset();
    starting_ = true;
    bool complete = sync_tree("", false);
    starting_ = false;
    if (!complete) {
      Diagnostic error =
          start_error_.value_or(Diagnostic{Severity::error, "watch-failed", "cannot watch " + root_, {}, {}});
      stop();
      return std::unexpected(error);
    }
    return {};
  }

  void stop() {
    drop_watches("");
    close_timer(debounce_);
    close_timer(root_poll_);
    pending_.clear();
    gitignore_ = GitignoreSet();
    running_ = false;
  }

  std::size_t watched_folder_count() const { return watches_.size(); }

  bool is_ignored(std::string_view path, bool is_directory) const {
    for (std::size_t start = 0; start <= path.size();) {
      std::size_t slash = path.find('/', start);
      std::size_t end = slash == std::string_view::npos ? path.size() : slash;
      if (path.substr(start, end - start) == ".git") return true;
      // A glob that matches a folder of the path ignores everything in it.
      std::string_view prefix = path.substr(0, end);
      for (const std::string& glob : options_.ignore) {
        if (glob_match(glob, prefix)) return true;
      }
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    return options_.use_gitignore && gitignore_.is_ignored(path, is_directory);
  }

 private:
  // libuv hands memory back only in close callbacks, so every handle lives in a heap object freed there.
  struct FolderWatch {
    uv_fs_event_t handle{};
    Impl* owner = nullptr;
    std::string folder;  // relative to the root, "" for the root itself
    dev_t device = 0;
    ino_t inode = 0;
  };
  struct TimerBox {
    uv_timer_t timer{};
    Impl* owner = nullptr;
  };

  std::string absolute(const std::string& relative) const { return relative.empty() ? root_ : root_ + "/" + relative; }

  static void close_timer(TimerBox*& box) {
    if (box == nullptr) return;
    uv_close(reinterpret_cast<uv_handle_t*>(&box->timer),
             [](uv_handle_t* handle) { delete static_cast<TimerBox*>(handle->data); });
    box = nullptr;
  }

  // Watches `folder` and every folder below it that is not ignored, loading .gitignore files on the way.
  // With `report_new`, the files of folders that were not watched before count as changed: they appeared
  // before their folder's watch could see them. False when a watch failed for a reason worth stopping for.
  bool sync_tree(const std::string& folder, bool report_new) {
    std::vector<std::string> folders{folder};
    while (!folders.empty()) {
      std::string current = std::move(folders.back());
      folders.pop_back();
      EntryState state = entry_state(absolute(current));
      if (!state.directory) continue;
      bool added = false;
      if (!watch_folder(current, state, added)) return false;
      if (options_.use_gitignore) load_gitignore(current);
      bool report_files = report_new && added;

      DIR* listing = ::opendir(absolute(current).c_str());
      if (listing == nullptr) continue;  // removed meanwhile, or unreadable: nothing to watch there
      while (const dirent* entry = ::readdir(listing)) {
        std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        std::string child = join(current, name);
        bool directory = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN) directory = entry_state(absolute(child)).directory;
        if (directory) {
          if (is_ignored(child, true)) {
            drop_watches(child);
          } else {
            folders.push_back(std::move(child));
          }
        } else if (report_files && !is_ignored(child, false)) {
          record(child);
        }
      }
      ::closedir(listing);
    }
    return true;
  }

  // Adds the watch of one folder unless it has a live one; `added` tells whether it did.
  bool watch_folder(const std::string& folder, const EntryState& state, bool& added) {
    if (auto it = watches_.find(folder); it != watches_.end()) {
      if (it->second->device == state.device && it->second->inode == state.inode) return true;
      drop_watches(folder);  // a folder of the same name replaced the watched one
    }
    auto* watch = new FolderWatch{{}, this, folder, state.device, state.inode};
    uv_fs_event_init(loop_, &watch->handle);
    watch->handle.data = watch;
    std::string path = absolute(folder);
    int error = options_.start_watch ? options_.start_watch(&watch->handle, &Impl::on_event, path.c_str())
                                     : uv_fs_event_start(&watch->handle, &Impl::on_event, path.c_str(), 0);
    if (error != 0) {
      close_watch(watch);
      // Gone or unreadable since it was listed: there is nothing to watch, which is no reason to stop.
      if (error == UV_ENOENT || error == UV_ENOTDIR || error == UV_EACCES || error == UV_EPERM) return true;
      report_watch_error(watch_error(path, error));
      return false;
    }
    watches_.emplace(folder, watch);
    limit_reported_ = false;
    added = true;
    return true;
  }

  void report_watch_error(Diagnostic error) {
    if (starting_) {
      start_error_ = std::move(error);
      return;
    }
    // Once per episode: every folder created while at the limit would say the same.
    if (limit_reported_) return;
    limit_reported_ = true;
    if (on_error_) on_error_(error);
  }

  static void close_watch(FolderWatch* watch) {
    uv_close(reinterpret_cast<uv_handle_t*>(&watch->handle),
             [](uv_handle_t* handle) { delete static_cast<FolderWatch*>(handle->data); });
  }

  // Removes the watches of `folder` and of every folder below it ("" removes all).
  void drop_watches(const std::string& folder) {
    auto first = folder.empty() ? watches_.begin() : watches_.lower_bound(folder);
    auto it = first;
    while (it != watches_.end()) {
      const std::string& key = it->first;
      bool inside = folder.empty() || key == folder ||
                    (key.size() > folder.size() && key.starts_with(folder) && key[folder.size()] == '/');
      if (!inside) {
        // Keys between `folder` and `folder/...` (such as "folder-x") sort in between: skip them, stop after.
        if (key.starts_with(folder)) {
          ++it;
          continue;
        }
        break;
      }
      gitignore_.remove(key);
      close_watch(it->second);
      it = watches_.erase(it);
    }
  }

  void load_gitignore(const std::string& folder) {
    std::ifstream in(absolute(join(folder, ".gitignore")), std::ios::binary);
    if (!in) {
      gitignore_.remove(folder);
      return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    gitignore_.add(GitignoreFile::parse(text.str(), folder));
  }

  static void on_event(uv_fs_event_t* handle, const char* filename, int events, int status) {
    auto* watch = static_cast<FolderWatch*>(handle->data);
    if (status < 0) return;  // libuv reports no errors here on Linux
    // Copied: handling the event may close this watch.
    std::string folder = watch->folder;
    watch->owner->handle_event(folder, filename == nullptr ? std::string_view{} : std::string_view(filename), events);
  }

  void handle_event(const std::string& folder, std::string_view name, int events) {
    auto it = watches_.find(folder);
    if (it == watches_.end()) return;
    EntryState state = entry_state(absolute(folder));
    if (!state.directory || state.inode != it->second->inode || state.device != it->second->device) {
      folder_replaced(folder, name);
      return;
    }
    if (name.empty()) return;
    std::string child = join(folder, name);
    if (name == last_segment(absolute(folder)) && !entry_state(absolute(child)).exists) {
      rearm(folder);
      return;
    }
    if (events & UV_RENAME) {
      EntryState child_state = entry_state(absolute(child));
      if (child_state.directory) {
        if (is_ignored(child, true)) {
          drop_watches(child);
          return;
        }
        auto known = watches_.find(child);
        if (known == watches_.end() || known->second->inode != child_state.inode ||
            known->second->device != child_state.device) {
          if (!sync_tree(child, true)) return;
        }
        if (options_.include.empty()) record(child);
        return;
      }
      if (watches_.contains(child)) {  // a watched folder was removed or moved away
        drop_watches(child);
        if (!is_ignored(child, true) && options_.include.empty()) record(child);
        return;
      }
    }
    if (name == ".gitignore" && options_.use_gitignore) gitignore_changed(folder);
    if (!is_ignored(child, false)) record(child);
  }

  // The watched folder itself was removed, moved or replaced; `name` is what its event named (libuv names the
  // folder itself for events about the folder).
  void folder_replaced(const std::string& folder, std::string_view name) {
    drop_watches(folder);
    if (!name.empty() && name != last_segment(absolute(folder))) {
      std::string child = join(folder, name);
      if (!is_ignored(child, false)) record(child);
    }
    if (folder.empty()) {
      wait_for_root();
      return;
    }
    if (options_.include.empty() && !is_ignored(folder, true)) record(folder);
    if (entry_state(absolute(folder)).directory && !is_ignored(folder, true)) sync_tree(folder, true);
  }

  // An event named after the watched folder itself (libuv's name for events about the folder: deleted, moved)
  // may mean its watch is dead, even though a folder of that name is there again: file systems such as ext4
  // hand a re-created folder the inode number of the removed one. Watching the folder anew is right either way;
  // its files are reported, since they may be new. (A deleted file named like its folder lands here too, and
  // costs the same rescan.)
  void rearm(const std::string& folder) {
    drop_watches(folder);
    if (!entry_state(absolute(folder)).directory) {
      folder_replaced(folder, {});
      return;
    }
    if (!folder.empty() && options_.include.empty()) record(folder);
    sync_tree(folder, true);
  }

  // A .gitignore changed: folders it now ignores lose their watches, folders it no longer ignores get theirs.
  void gitignore_changed(const std::string& folder) {
    load_gitignore(folder);
    std::vector<std::string> now_ignored;
    for (const auto& [watched, watch] : watches_) {
      bool inside = folder.empty() || watched.starts_with(folder + "/");
      if (inside && is_ignored(watched, true)) now_ignored.push_back(watched);
    }
    for (const std::string& watched : now_ignored) drop_watches(watched);
    sync_tree(folder, true);
  }

  // The root is gone: look for it again every 200 ms (there is no folder left to watch for its return).
  void wait_for_root() {
    if (root_poll_ != nullptr) return;
    root_poll_ = new TimerBox{{}, this};
    uv_timer_init(loop_, &root_poll_->timer);
    root_poll_->timer.data = root_poll_;
    uv_timer_start(
        &root_poll_->timer,
        [](uv_timer_t* timer) {
          Impl* self = static_cast<TimerBox*>(timer->data)->owner;
          if (!entry_state(self->root_).directory) return;
          close_timer(self->root_poll_);
          self->sync_tree("", true);
        },
        200, 200);
  }

  void record(const std::string& path) {
    if (!options_.include.empty() && std::none_of(options_.include.begin(), options_.include.end(),
                                                  [&](const std::string& glob) { return glob_match(glob, path); })) {
      return;
    }
    if (debounce_ == nullptr) return;
    // The loop's clock is from the start of this turn; handling a long run of events can take longer than the
    // quiet period, and a timer set from the stale clock would then fire before the events still queued in
    // the kernel are read, splitting one burst into two reloads.
    uv_update_time(loop_);
    std::uint64_t now = uv_now(loop_);
    if (pending_.empty()) batch_started_ = now;
    pending_.insert(path);
    // Wait for a quiet period, but never past max_delay from the batch's first change.
    std::uint64_t quiet = static_cast<std::uint64_t>(options_.quiet_period.count());
    std::uint64_t latest = batch_started_ + static_cast<std::uint64_t>(options_.max_delay.count());
    std::uint64_t delay = now >= latest ? 0 : std::min(quiet, latest - now);
    uv_timer_start(
        &debounce_->timer, [](uv_timer_t* timer) { static_cast<TimerBox*>(timer->data)->owner->flush(); }, delay, 0);
  }

  void flush() {
    if (pending_.empty()) return;
    std::vector<std::string> paths(pending_.begin(), pending_.end());
    pending_.clear();
    if (on_change_) on_change_(paths);
  }

  uv_loop_t* loop_;
  std::string root_;  // absolute, no trailing slash
  FileWatcherOptions options_;
  ChangeHandler on_change_;
  WatchErrorHandler on_error_;
  GitignoreSet gitignore_;
  std::map<std::string, FolderWatch*> watches_;  // by folder relative to the root
  std::set<std::string> pending_;                // changes not reported yet
  std::uint64_t batch_started_ = 0;              // uv_now() at the first pending change
  TimerBox* debounce_ = nullptr;
  TimerBox* root_poll_ = nullptr;  // while the root folder is missing
  bool running_ = false;
  bool starting_ = false;
  bool limit_reported_ = false;
  std::optional<Diagnostic> start_error_;
};

FileWatcher::FileWatcher(uv_loop_t* loop, std::filesystem::path root, FileWatcherOptions options,
                         ChangeHandler on_change, WatchErrorHandler on_error)
    : impl_(std::make_unique<Impl>(loop, std::move(root), std::move(options), std::move(on_change),
                                   std::move(on_error))) {}

FileWatcher::~FileWatcher() = default;

Result<void> FileWatcher::start() { return impl_->start(); }

void FileWatcher::stop() { impl_->stop(); }

std::size_t FileWatcher::watched_folder_count() const { return impl_->watched_folder_count(); }

bool FileWatcher::is_ignored(std::string_view path, bool is_directory) const {
  return impl_->is_ignored(path, is_directory);
}

}  // namespace apictl::dev
