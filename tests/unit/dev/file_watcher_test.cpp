// FileWatcher on real folders: nested and new folders, ignore globs and .gitignore, one callback per burst,
// folders removed and re-created, and the inotify watch limit.
//
// Changes are written while the loop is not running and the watcher sees them once it runs, so no test depends
// on how fast the machine is. What must not be reported is checked with a sentinel: an ignored change is made
// first and a watched one after it; inotify keeps the order, so the batch that reports the sentinel would hold
// the ignored change too, had it been recorded.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dev/event_loop.hpp"
#include "dev/file_watcher.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::dev;
using namespace std::chrono_literals;

namespace {

constexpr auto generous = 10s;  // a loaded machine may be slow; a passing run takes milliseconds

// A watcher on a scratch folder with every batch it reported.
class WatchedTree {
 public:
  explicit WatchedTree(const test::ScratchFolder& scratch, FileWatcherOptions options = {}) {
    auto loop = EventLoop::open();
    REQUIRE(loop.has_value());
    loop_ = std::move(*loop);
    watcher_ = std::make_unique<FileWatcher>(
        loop_->get(), scratch.path(), std::move(options),
        [this](const std::vector<std::string>& paths) { batches.push_back(paths); },
        [this](const Diagnostic& error) { errors.push_back(error); });
  }
  ~WatchedTree() {
    watcher_.reset();  // closes its handles before the loop goes
    loop_.reset();
  }

  FileWatcher& watcher() { return *watcher_; }
  EventLoop& loop() { return *loop_; }

  // Runs the loop until the batches reported so far mention `path`.
  bool wait_for(const std::string& path) {
    return loop_->run_until([&] { return reported(path); }, generous);
  }
  bool reported(const std::string& path) const {
    return std::any_of(batches.begin(), batches.end(), [&](const std::vector<std::string>& batch) {
      return std::find(batch.begin(), batch.end(), path) != batch.end();
    });
  }
  std::set<std::string> all_reported() const {
    std::set<std::string> all;
    for (const auto& batch : batches) all.insert(batch.begin(), batch.end());
    return all;
  }

  std::vector<std::vector<std::string>> batches;
  std::vector<Diagnostic> errors;

 private:
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<FileWatcher> watcher_;
};

}  // namespace

TEST_CASE("watcher reports a change in a nested folder", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-nested");
  scratch.write("app/api/v1/routes.py", "a = 1\n");
  WatchedTree tree(scratch);
  REQUIRE(tree.watcher().start().has_value());
  CHECK(tree.watcher().watched_folder_count() == 4);  // the root, app, app/api, app/api/v1

  scratch.write("app/api/v1/routes.py", "a = 2\n");
  REQUIRE(tree.wait_for("app/api/v1/routes.py"));
  CHECK(tree.batches.size() == 1);
}

TEST_CASE("watcher watches a folder created after it started", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-new-folder");
  WatchedTree tree(scratch);
  REQUIRE(tree.watcher().start().has_value());

  // The file may be written before the new folder's watch exists; it is reported either way.
  scratch.write("new/deeper/first.py", "x\n");
  REQUIRE(tree.wait_for("new/deeper/first.py"));
  CHECK(tree.reported("new"));
  CHECK(tree.watcher().watched_folder_count() == 3);

  std::size_t before = tree.batches.size();
  scratch.write("new/deeper/second.py", "y\n");
  REQUIRE(tree.wait_for("new/deeper/second.py"));
  CHECK(tree.batches.size() == before + 1);
}

TEST_CASE("watcher ignores glob-ignored and .gitignore'd paths", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-ignore");
  scratch.write(".gitignore", "logs/\n*.tmp\n!keep.tmp\n");
  scratch.write("logs/app.log", "");
  scratch.write("cache/entry", "");
  scratch.write("app/.gitignore", "generated.py\n");
  scratch.write("app/main.py", "");
  std::filesystem::create_directories(scratch.path() / ".git" / "objects");
  FileWatcherOptions options;
  options.ignore = {"cache/**"};
  WatchedTree tree(scratch, options);
  REQUIRE(tree.watcher().start().has_value());
  CHECK(tree.watcher().watched_folder_count() == 2);  // the root and app: not logs, cache or .git
  CHECK(tree.watcher().is_ignored("logs/app.log", false));
  CHECK(tree.watcher().is_ignored("cache/entry", false));
  CHECK(tree.watcher().is_ignored(".git/HEAD", false));
  CHECK(tree.watcher().is_ignored("app/generated.py", false));
  CHECK_FALSE(tree.watcher().is_ignored("app/main.py", false));

  // The app writing its logs and caches, then a real change.
  scratch.write("logs/app.log", "request served\n");
  scratch.write("logs/new/deeper.log", "x\n");
  scratch.write("cache/entry", "cached\n");
  scratch.write("cache/fresh/item", "cached\n");
  scratch.write("scratch.tmp", "x\n");
  scratch.write("app/generated.py", "x = 1\n");
  scratch.write(".git/objects/ab", "x\n");
  scratch.write("keep.tmp", "kept\n");
  scratch.write("app/main.py", "print()\n");
  REQUIRE(tree.wait_for("app/main.py"));
  CHECK(tree.all_reported() == std::set<std::string>{"app/main.py", "keep.tmp"});
  CHECK(tree.watcher().watched_folder_count() == 2);

  // Ignored changes alone never fire.
  std::size_t before = tree.batches.size();
  scratch.write("logs/app.log", "another request\n");
  scratch.write("other.tmp", "x\n");
  scratch.write("sentinel.py", "x\n");
  REQUIRE(tree.wait_for("sentinel.py"));
  REQUIRE(tree.batches.size() == before + 1);
  CHECK(tree.batches.back() == std::vector<std::string>{"sentinel.py"});
}

TEST_CASE("watcher include globs narrow what is reported", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-include");
  scratch.write("app/main.py", "");
  FileWatcherOptions options;
  options.include = {"app/**/*.py", "app/*.py", "openapi.yaml"};
  WatchedTree tree(scratch, options);
  REQUIRE(tree.watcher().start().has_value());
  scratch.write("app/readme.txt", "x\n");
  scratch.write("app/main.py", "x\n");
  REQUIRE(tree.wait_for("app/main.py"));
  CHECK(tree.all_reported() == std::set<std::string>{"app/main.py"});
}

TEST_CASE("watcher reports a burst of 1,000 files in exactly one callback", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-burst");
  std::filesystem::create_directories(scratch.path() / "burst");
  WatchedTree tree(scratch);
  REQUIRE(tree.watcher().start().has_value());

  std::set<std::string> written;
  bool all_written = true;
  for (int i = 0; i < 1000; ++i) {
    std::string name = "burst/file-" + std::to_string(i) + ".py";
    int fd = ::open((scratch.path() / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    all_written = all_written && fd >= 0 && ::write(fd, "x = 1\n", 6) == 6;
    if (fd >= 0) ::close(fd);
    written.insert(name);
  }
  REQUIRE(all_written);
  REQUIRE(tree.loop().run_until([&] { return !tree.batches.empty(); }, generous));
  // Every event of the burst is read in one turn of the loop; a second report would follow within the quiet
  // period of 100 ms. Wait three times that.
  tree.loop().run_for(300ms);
  REQUIRE(tree.batches.size() == 1);
  std::set<std::string> reported(tree.batches[0].begin(), tree.batches[0].end());
  CHECK(reported == written);
}

TEST_CASE("watcher reports a stream that never pauses at least every max_delay", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-stream");
  FileWatcherOptions options;
  options.quiet_period = 200ms;
  options.max_delay = 300ms;
  WatchedTree tree(scratch, options);
  REQUIRE(tree.watcher().start().has_value());

  // A change every 50 ms, never a quiet 200 ms, for well over max_delay: reports must come anyway.
  auto loop = tree.loop().get();
  uv_timer_t writer{};
  int written = 0;
  struct Writer {
    const test::ScratchFolder* scratch;
    int* written;
  } state{&scratch, &written};
  writer.data = &state;
  uv_timer_init(loop, &writer);
  uv_timer_start(
      &writer,
      [](uv_timer_t* timer) {
        auto* s = static_cast<Writer*>(timer->data);
        s->scratch->write("stream.py", std::to_string(++*s->written));
      },
      0, 50);
  bool reported = tree.loop().run_until([&] { return !tree.batches.empty(); }, generous);
  uv_close(reinterpret_cast<uv_handle_t*>(&writer), nullptr);
  tree.loop().run_for(10ms);
  REQUIRE(reported);
  CHECK(tree.batches[0] == std::vector<std::string>{"stream.py"});
}

TEST_CASE("watcher keeps watching a folder that is deleted and re-created", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-recreate");
  scratch.write("app/old.py", "x\n");
  scratch.write("app/inner/deep.py", "x\n");
  WatchedTree tree(scratch);
  REQUIRE(tree.watcher().start().has_value());
  REQUIRE(tree.watcher().watched_folder_count() == 3);

  std::filesystem::remove_all(scratch.path() / "app");
  scratch.write("app/new.py", "y\n");
  REQUIRE(tree.wait_for("app/new.py"));
  CHECK(tree.watcher().watched_folder_count() == 2);  // app/inner did not come back

  std::size_t before = tree.batches.size();
  scratch.write("app/later.py", "z\n");
  REQUIRE(tree.wait_for("app/later.py"));
  CHECK(tree.batches.size() == before + 1);

  // Deleted and left deleted, then back with a subfolder.
  std::filesystem::remove_all(scratch.path() / "app");
  REQUIRE(tree.wait_for("app"));
  REQUIRE(tree.loop().run_until([&] { return tree.watcher().watched_folder_count() == 1; }, generous));
  scratch.write("app/sub/back.py", "w\n");
  REQUIRE(tree.wait_for("app/sub/back.py"));
  CHECK(tree.watcher().watched_folder_count() == 3);
}

TEST_CASE("watcher survives its root folder being deleted and re-created", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-root");
  std::filesystem::path root = scratch.path() / "project";
  std::filesystem::create_directories(root / "app");
  auto loop = EventLoop::open();
  REQUIRE(loop.has_value());
  std::set<std::string> reported;
  {
    FileWatcher watcher((*loop)->get(), root, {},
                        [&](const std::vector<std::string>& paths) { reported.insert(paths.begin(), paths.end()); });
    REQUIRE(watcher.start().has_value());
    std::filesystem::remove_all(root);
    REQUIRE((*loop)->run_until([&] { return watcher.watched_folder_count() == 0; }, generous));
    std::filesystem::create_directories(root / "app");
    std::ofstream(root / "app" / "main.py") << "x\n";
    REQUIRE((*loop)->run_until([&] { return reported.contains("app/main.py"); }, generous));
    CHECK(watcher.watched_folder_count() == 2);
  }
}

TEST_CASE("watcher notices .gitignore edits", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-gitignore-edit");
  scratch.write("out/a.txt", "");
  WatchedTree tree(scratch);
  REQUIRE(tree.watcher().start().has_value());
  REQUIRE(tree.watcher().watched_folder_count() == 2);

  scratch.write(".gitignore", "out/\n");
  REQUIRE(tree.wait_for(".gitignore"));
  CHECK(tree.watcher().watched_folder_count() == 1);
  scratch.write("out/a.txt", "ignored now\n");
  scratch.write("sentinel.txt", "");
  REQUIRE(tree.wait_for("sentinel.txt"));
  CHECK_FALSE(tree.reported("out/a.txt"));
}

TEST_CASE("watcher reports the inotify watch limit clearly and does not crash", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-limit");
  scratch.write("a/one.py", "");
  scratch.write("b/two.py", "");
  scratch.write("c/three.py", "");
  // The kernel's limit, simulated: the third watch and every later one fail as inotify_add_watch would.
  auto allow_two = [](int* started) {
    return [started](uv_fs_event_t* handle, uv_fs_event_cb callback, const char* folder) {
      if (++*started > 2) return static_cast<int>(UV_ENOSPC);
      return uv_fs_event_start(handle, callback, folder, 0);
    };
  };

  SECTION("at start: an error naming the setting, nothing left watched") {
    int started = 0;
    FileWatcherOptions options;
    options.start_watch = allow_two(&started);
    WatchedTree tree(scratch, options);
    auto result = tree.watcher().start();
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == "watch-limit");
    CHECK_THAT(result.error().message, Catch::Contains("fs.inotify.max_user_watches"));
    CHECK_THAT(result.error().hint, Catch::Contains("sysctl fs.inotify.max_user_watches="));
    CHECK(tree.watcher().watched_folder_count() == 0);
  }

  SECTION("later: reported once through the error handler, the other folders still watched") {
    std::filesystem::remove_all(scratch.path() / "b");
    std::filesystem::remove_all(scratch.path() / "c");
    int started = 0;
    FileWatcherOptions options;
    options.start_watch = allow_two(&started);
    WatchedTree tree(scratch, options);
    REQUIRE(tree.watcher().start().has_value());
    REQUIRE(tree.watcher().watched_folder_count() == 2);

    std::filesystem::create_directories(scratch.path() / "new1");
    std::filesystem::create_directories(scratch.path() / "new2");
    scratch.write("a/one.py", "changed\n");
    REQUIRE(tree.wait_for("a/one.py"));
    REQUIRE(tree.errors.size() == 1);
    CHECK(tree.errors[0].code == "watch-limit");
    CHECK_THAT(format_diagnostic(tree.errors[0]), Catch::Contains("max_user_watches"));
  }
}

TEST_CASE("watch_error explains other failures plainly", "[dev][watcher]") {
  Diagnostic instances = watch_error("/some/folder", UV_EMFILE);
  CHECK(instances.code == "watch-limit");
  CHECK_THAT(instances.message, Catch::Contains("fs.inotify.max_user_instances"));
  Diagnostic other = watch_error("/some/folder", UV_EIO);
  CHECK(other.code == "watch-failed");
  CHECK_THAT(other.message, Catch::Contains("/some/folder"));
}

TEST_CASE("watcher refuses a root that is not a folder", "[dev][watcher]") {
  test::ScratchFolder scratch("watch-missing");
  auto loop = EventLoop::open();
  REQUIRE(loop.has_value());
  FileWatcher watcher((*loop)->get(), scratch.path() / "missing", {}, [](const std::vector<std::string>&) {});
  auto result = watcher.start();
  REQUIRE_FALSE(result.has_value());
  CHECK_THAT(result.error().message, Catch::Contains("no such folder"));
}
