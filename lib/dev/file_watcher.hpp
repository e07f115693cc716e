// FileWatcher: change notification for a whole project tree on a libuv loop, honouring ignore globs and
// .gitignore, debounced so that a burst of changes gives one callback.
#pragma once

#include <uv.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::dev {

// Starts the inotify watch of one folder and returns 0 or a libuv error code (UV_ENOSPC at the system's watch
// limit). The default is libuv's uv_fs_event_start; tests put in one that fails.
using StartWatch = std::function<int(uv_fs_event_t* handle, uv_fs_event_cb callback, const char* folder)>;

struct FileWatcherOptions {
  // Globs relative to the root (util/glob.hpp: `*` stays in one folder, `**` spans folders). A path is ignored
  // when it or one of its folders matches: `build` and `build/**` both ignore everything under build/.
  std::vector<std::string> ignore;
  // When not empty, only paths matching one of these globs are reported (folders are still watched).
  std::vector<std::string> include;
  // Honour the root's .gitignore and those of its folders. `.git` folders are never watched either way.
  bool use_gitignore = true;
  // A batch is reported once no change came for `quiet_period`, and at the latest `max_delay` after its first
  // change, so a stream that never pauses still gets reported.
  std::chrono::milliseconds quiet_period{100};
  std::chrono::milliseconds max_delay{1000};
  StartWatch start_watch;  // empty: uv_fs_event_start
};

// Called with the changed paths, relative to the root, '/'-separated, sorted and unique.
using ChangeHandler = std::function<void(const std::vector<std::string>& paths)>;
// Called for a watch that could not be added after start(), such as a folder created once the limit is reached.
using WatchErrorHandler = std::function<void(const Diagnostic& error)>;

// Watches `root` recursively: libuv's fs_event covers one folder on Linux, so there is a watch per folder, and
// folders created later get theirs when they appear (what they already hold is reported as changed). A watched
// folder that is removed loses its watches; re-created, it is watched again, the root included. Ignored
// folders are never watched, so an app writing logs or caches into them costs nothing. Symbolic links are not
// followed. Runs on the caller's loop; not thread-safe; do not destroy it from inside its callbacks.
class FileWatcher {
 public:
  FileWatcher(uv_loop_t* loop, std::filesystem::path root, FileWatcherOptions options, ChangeHandler on_change,
              WatchErrorHandler on_error = {});
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Adds the watches. On failure (no such folder, the watch limit reached) nothing stays watched and the
  // diagnostic says what to do.
  Result<void> start();
  // Removes every watch and drops changes not yet reported; start() may be called again.
  void stop();

  std::size_t watched_folder_count() const;
  // Whether `path` (relative to the root) is ignored by the options' globs, .gitignore files or being in .git.
  bool is_ignored(std::string_view path, bool is_directory) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The diagnostic for a folder whose watch could not be added: at the inotify watch limit (UV_ENOSPC) it names
// fs.inotify.max_user_watches, its value and how to raise it.
Diagnostic watch_error(const std::filesystem::path& folder, int uv_error);

}  // namespace apictl::dev
