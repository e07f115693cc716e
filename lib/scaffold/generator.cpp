// Planning and writing a generated project; the only part of lib/scaffold that writes files.
#include "scaffold/generator.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "scaffold/condition.hpp"
#include "scaffold/path_safety.hpp"
#include "scaffold/render.hpp"
#include "scaffold/template_history.hpp"
#include "util/file_replace.hpp"
#include "util/glob.hpp"

namespace apictl::scaffold {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

std::string file_label(const Template& source, const std::string& path) {
  if (source.source == "built-in") return "template '" + source.manifest.name + "': " + path;
  return (fs::path(source.source) / path).string();
}

Result<void> check_plan_paths(const std::vector<PlannedFile>& files) {
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].path == files[i - 1].path) {
      return fail("template-error", "two template files render to '" + files[i].path.string() + "'", {},
                  "make their names differ for every answer");
    }
  }
  // A file may not also be a folder of another file ("a" and "a/b").
  for (const PlannedFile& file : files) {
    for (fs::path folder = file.path.parent_path(); !folder.empty(); folder = folder.parent_path()) {
      auto clash = std::ranges::lower_bound(files, folder, {}, &PlannedFile::path);
      if (clash != files.end() && clash->path == folder) {
        return fail("template-error", "'" + folder.string() + "' would be both a file and a folder");
      }
    }
  }
  return {};
}

Result<std::string> read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return fail("write-failed", "cannot read '" + file.string() + "'");
  return text.str();
}

Result<void> write_file(const fs::path& file, std::string_view content, bool executable) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0777 : 0666);
  if (fd < 0) return fail("write-failed", "cannot create '" + file.string() + "': " + errno_text());
  if (!write_all(fd, content)) {
    std::string why = errno != 0 ? errno_text() : "nothing written";
    ::close(fd);
    return fail("write-failed", "cannot write '" + file.string() + "': " + why, {},
                "free some space or choose another folder; nothing was left behind");
  }
  if (::close(fd) != 0) return fail("write-failed", "cannot write '" + file.string() + "': " + errno_text());
  return {};
}

// Moves one file into the user's folder without ever replacing a file that appeared there meanwhile.
bool move_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // File systems without RENAME_NOREPLACE: link() refuses an existing name just the same.
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  ::unlink(from.c_str());
  return true;
}

mode_t current_umask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// What a run created, removed again on failure: the temporary folder, the target's missing parents, and
// (for an existing target) the files and folders moved or made in it.
class Undo {
 public:
  ~Undo() {
    if (done_) return;
    std::error_code ignored;
    for (auto it = moved_.rbegin(); it != moved_.rend(); ++it) fs::remove(*it, ignored);
    for (auto it = made_folders_.rbegin(); it != made_folders_.rend(); ++it) fs::remove(*it, ignored);
    if (!temporary_.empty()) fs::remove_all(temporary_, ignored);
    if (!made_parent_.empty()) fs::remove_all(made_parent_, ignored);
  }
  Undo() = default;
  Undo(const Undo&) = delete;
  Undo& operator=(const Undo&) = delete;

  void temporary(fs::path folder) { temporary_ = std::move(folder); }
  void made_parent(fs::path folder) { made_parent_ = std::move(folder); }
  void moved(fs::path file) { moved_.push_back(std::move(file)); }
  void made_folder(fs::path folder) { made_folders_.push_back(std::move(folder)); }
  // Success: keep everything but the (now empty) temporary folder.
  void commit() {
    std::error_code ignored;
    if (!temporary_.empty()) fs::remove_all(temporary_, ignored);
    done_ = true;
  }

 private:
  bool done_ = false;
  fs::path temporary_;
  fs::path made_parent_;
  std::vector<fs::path> moved_;
  std::vector<fs::path> made_folders_;
};

// In an existing target: the files to write, those already there unchanged, and those that would be
// overwritten (an error).
Result<std::vector<const PlannedFile*>> sort_out_existing(const std::vector<PlannedFile>& files, const fs::path& target,
                                                          ExistingFolder existing, WriteReport& report) {
  std::error_code error;
  bool empty = fs::directory_iterator(target, error) == fs::directory_iterator();
  if (error) return fail("write-failed", "cannot read '" + target.string() + "': " + error.message());
  std::vector<const PlannedFile*> to_write;
  if (empty) {
    for (const PlannedFile& file : files) to_write.push_back(&file);
    return to_write;
  }
  if (existing == ExistingFolder::refuse) {
    return fail("target-not-empty", "'" + target.string() + "' exists and is not empty", {},
                "choose a new folder, or pass --force to add the template's files beside yours (apictl new never "
                "overwrites a file)");
  }
  std::vector<std::string> conflicts;
  for (const PlannedFile& file : files) {
    if (auto ok = check_no_links_on_the_way(target, file.path); !ok) return std::unexpected(ok.error());
    fs::path destination = target / file.path;
    auto status = fs::symlink_status(destination, error);
    if (!fs::exists(status)) {
      bool blocked = false;
      for (fs::path folder = file.path.parent_path(); !folder.empty(); folder = folder.parent_path()) {
        auto folder_status = fs::symlink_status(target / folder, error);
        if (fs::exists(folder_status) && !fs::is_directory(folder_status)) blocked = true;
      }
      if (blocked) {
        conflicts.push_back(file.path.string() + " (a file stands where its folder would be)");
      } else {
        to_write.push_back(&file);
      }
      continue;
    }
    if (fs::is_regular_file(status)) {
      auto content = read_whole(destination);
      if (content && *content == file.content) {
        report.skipped.push_back(file.path);
        continue;
      }
    }
    conflicts.push_back(file.path.string());
  }
  if (!conflicts.empty()) {
    std::string list;
    for (const auto& path : conflicts) list += "\n  " + path;
    return fail("would-overwrite",
                "'" + target.string() + "' already has " + std::to_string(conflicts.size()) +
                    " file(s) the template would change; nothing was written:" + list,
                {}, "apictl new never overwrites a file: move them away, or generate into a new folder and compare");
  }
  return to_write;
}

}  // namespace

Result<ProjectPlan> plan_project(const Template& source, const TemplateRecord& record, const Answers& answers) {
  ProjectPlan plan;
  for (const TemplateFile& file : source.files) {
    if (is_endpoint_snippet(source.manifest, file.path)) continue;  // used by `apictl add endpoint` only
    if (is_release_history(file.path)) continue;                    // earlier releases, for `apictl migrate`
    bool binary = file.content.find('\0') != std::string::npos;
    bool included = true;
    for (const FileRule& rule : source.manifest.files) {
      bool matches =
          std::ranges::any_of(rule.paths, [&](const std::string& glob) { return glob_match(glob, file.path); });
      if (!matches) continue;
      binary = binary || rule.binary;
      if (rule.when.empty()) continue;
      auto holds = evaluate_condition(rule.when, answers, rule.where);
      if (!holds) return std::unexpected(holds.error());
      included = included && *holds;
    }
    if (!included) continue;
    SourcePosition origin{file_label(source, file.path), 1, 1, {}};
    auto name = render_text(file.path, answers, {origin.file, 0, 0, {}});
    if (!name) return std::unexpected(name.error());
    auto path = safe_relative_path(*name, {origin.file, 0, 0, {}});
    if (!path) return std::unexpected(path.error());
    PlannedFile planned{*path, file.content, file.executable};
    if (!binary) {
      auto content = render_text(file.content, answers, origin);
      if (!content) return std::unexpected(content.error());
      planned.content = std::move(*content);
    }
    plan.files.push_back(std::move(planned));
  }
  auto config = std::ranges::find(plan.files, fs::path("apictl.toml"), &PlannedFile::path);
  if (config == plan.files.end()) {
    plan.files.push_back(PlannedFile{"apictl.toml", "", false});
    config = plan.files.end() - 1;
  }
  auto recorded = record_template(config->content, record, answers);
  if (!recorded) return std::unexpected(recorded.error());
  config->content = std::move(*recorded);
  std::ranges::sort(plan.files, {}, &PlannedFile::path);
  if (auto ok = check_plan_paths(plan.files); !ok) return std::unexpected(ok.error());

  for (const Hook& hook : source.manifest.hooks) {
    if (!hook.when.empty()) {
      auto holds = evaluate_condition(hook.when, answers, hook.where);
      if (!holds) return std::unexpected(holds.error());
      if (!*holds) continue;
    }
    auto command = render_text(hook.run, answers, hook.where);
    if (!command) return std::unexpected(command.error());
    auto description = render_text(hook.description, answers, hook.where);
    if (!description) return std::unexpected(description.error());
    plan.hooks.push_back(PlannedHook{std::move(*description), std::move(*command)});
  }
  auto next_steps = render_text(source.manifest.next_steps, answers, {});
  if (!next_steps) return std::unexpected(next_steps.error());
  plan.next_steps = std::move(*next_steps);
  return plan;
}

Result<WriteReport> write_project(const std::vector<PlannedFile>& files, const WriteOptions& options) {
  std::error_code error;
  fs::path target = fs::absolute(options.target, error).lexically_normal();
  if (target.has_parent_path() && target.filename().empty()) target = target.parent_path();  // "dir/"
  if (error || target == target.root_path()) {
    return fail("usage", "'" + options.target.string() + "' cannot be a project folder");
  }
  WriteReport report;
  auto status = fs::status(target, error);
  bool target_exists = fs::exists(status);
  if ((target_exists && !fs::is_directory(status)) ||
      (!target_exists && fs::is_symlink(fs::symlink_status(target, error)))) {
    return fail("target-not-empty", "'" + options.target.string() + "' exists and is not a folder", {},
                "choose a new folder name");
  }
  std::vector<const PlannedFile*> to_write;
  if (target_exists) {
    auto sorted = sort_out_existing(files, target, options.existing, report);
    if (!sorted) return std::unexpected(sorted.error());
    to_write = std::move(*sorted);
  } else {
    for (const PlannedFile& file : files) to_write.push_back(&file);
  }

  Undo undo;
  fs::path parent = target.parent_path();
  fs::path topmost_missing;
  for (fs::path folder = parent; !fs::exists(folder, error) && folder != folder.root_path();
       folder = folder.parent_path()) {
    topmost_missing = folder;
  }
  if (!topmost_missing.empty()) {
    fs::create_directories(parent, error);
    if (error) {
      return fail("write-failed", "cannot create '" + parent.string() + "': " + error.message(), {},
                  "check that you may write there");
    }
    undo.made_parent(topmost_missing);
  }
  std::string pattern = (parent / ("." + target.filename().string() + ".apictl-new-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return fail("write-failed", "cannot create a folder in '" + parent.string() + "': " + errno_text(), {},
                "check that you may write there, or choose another folder; nothing was written");
  }
  fs::path temporary = pattern;
  undo.temporary(temporary);
  ::chmod(temporary.c_str(), 0777 & ~current_umask());  // mkdtemp makes it private; a project is not

  for (const PlannedFile* file : to_write) {
    if (options.cancelled && options.cancelled()) {
      return fail("cancelled", "interrupted; nothing was written", {}, "run apictl new again");
    }
    fs::path destination = temporary / file->path;
    fs::create_directories(destination.parent_path(), error);
    if (error)
      return fail("write-failed", "cannot create '" + destination.parent_path().string() + "': " + error.message());
    if (auto ok = write_file(destination, file->content, file->executable); !ok) return std::unexpected(ok.error());
  }
  if (options.cancelled && options.cancelled()) {
    return fail("cancelled", "interrupted; nothing was written", {}, "run apictl new again");
  }

  if (!target_exists) {
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
      return fail("write-failed", "cannot move the new project to '" + target.string() + "': " + errno_text());
    }
    undo.temporary({});
    undo.commit();
    report.written = to_write.size();
    return report;
  }
  for (const PlannedFile* file : to_write) {
    fs::path destination = target / file->path;
    std::vector<fs::path> missing;
    for (fs::path folder = destination.parent_path(); folder != target && !fs::exists(folder, error);
         folder = folder.parent_path()) {
      missing.push_back(folder);
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (::mkdir(it->c_str(), 0777) != 0) {
        return fail("write-failed", "cannot create '" + it->string() + "': " + errno_text(), {},
                    "nothing was left behind");
      }
      undo.made_folder(*it);
    }
    if (!move_no_replace(temporary / file->path, destination)) {
      return fail("write-failed", "cannot add '" + destination.string() + "': " + errno_text(), {},
                  "nothing was left behind");
    }
    undo.moved(destination);
  }
  undo.commit();
  report.written = to_write.size();
  return report;
}

}  // namespace apictl::scaffold
