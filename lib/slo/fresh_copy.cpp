// Fresh copies of a project: git's tracked files, or the whole tree minus what is ignored; or a new project.
#include "slo/fresh_copy.hpp"

#include "scaffold/new_project.hpp"
#include "slo/project_git.hpp"
#include "util/glob.hpp"

namespace apictl::slo {

namespace {

Result<void> copy_entry(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code error;
  std::filesystem::create_directories(to.parent_path(), error);
  if (!error) {
    std::filesystem::copy(
        from, to, std::filesystem::copy_options::copy_symlinks | std::filesystem::copy_options::overwrite_existing,
        error);
  }
  if (error)
    return fail("io-error", "cannot copy " + from.string() + ": " + error.message(), {from.string(), 0, 0, {}});
  return {};
}

bool ignored(const std::vector<std::string>& globs, const std::string& path) {
  for (const std::string& glob : globs) {
    if (glob_match(glob, path)) return true;
    // "build/**" rules out the folder "build" itself, so the walk does not go in.
    if (glob.ends_with("/**") && glob_match(glob.substr(0, glob.size() - 3), path)) return true;
  }
  return false;
}

}  // namespace

Result<std::size_t> copy_project(const std::filesystem::path& root, const std::filesystem::path& target,
                                 const std::vector<std::string>& ignore_globs) {
  std::size_t copied = 0;
  auto listed = run_git_in(root, {"ls-files", "-z", "--cached"});
  if (!listed) return std::unexpected(listed.error());
  if (listed->exit_status == 0) {
    const std::string& names = listed->out;
    for (std::size_t at = 0; at < names.size();) {
      std::size_t end = names.find('\0', at);
      if (end == std::string::npos) end = names.size();
      std::filesystem::path relative(names.substr(at, end - at));
      at = end + 1;
      std::error_code error;
      auto status = std::filesystem::symlink_status(root / relative, error);
      // Deleted in the working tree, or a submodule: nothing a clone's checkout would have here.
      if (error || std::filesystem::is_directory(status) || !std::filesystem::exists(status)) continue;
      if (auto ok = copy_entry(root / relative, target / relative); !ok) return std::unexpected(ok.error());
      ++copied;
    }
    return copied;
  }
  std::error_code error;
  std::filesystem::recursive_directory_iterator walk(root, error), end;
  if (error) return fail("io-error", "cannot read " + root.string() + ": " + error.message());
  for (; walk != end; walk.increment(error)) {
    if (error) return fail("io-error", "cannot read " + root.string() + ": " + error.message());
    std::string relative = walk->path().lexically_relative(root).generic_string();
    bool own_state = relative == ".git" || relative == ".apictl";
    if (own_state || ignored(ignore_globs, relative)) {
      if (walk->is_directory(error) && !walk->is_symlink(error)) walk.disable_recursion_pending();
      continue;
    }
    if (walk->is_directory(error) && !walk->is_symlink(error)) continue;
    if (auto ok = copy_entry(walk->path(), target / relative); !ok) return std::unexpected(ok.error());
    ++copied;
  }
  return copied;
}

Result<void> scaffold_project(const std::string& template_ref, const std::filesystem::path& target) {
  scaffold::NewProjectOptions options;
  options.target = target;
  options.template_ref = template_ref;
  options.use_defaults = true;
  options.run_hooks = false;
  auto created = scaffold::create_project(options);
  if (!created) return std::unexpected(created.error());
  return {};
}

}  // namespace apictl::slo
