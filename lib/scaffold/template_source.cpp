// Loading templates from the embedded table or from a folder on disk.
#include "scaffold/template_source.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "scaffold/embedded_templates.hpp"
#include "scaffold/endpoint_context.hpp"
#include "scaffold/template_history.hpp"
#include "util/spelling.hpp"

namespace apictl::scaffold {

namespace fs = std::filesystem;

namespace {

// Byproducts of running a template's code in place never become part of it.
bool is_ignored(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part == "__pycache__" || part == ".git" || part == ".pytest_cache") return true;
  }
  return relative.extension() == ".pyc";
}

Result<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail("template-error", "cannot read the template file", {file.string(), 0, 0, {}});
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail("template-error", "cannot read the template file", {file.string(), 0, 0, {}});
  return text.str();
}

}  // namespace

std::vector<std::string> builtin_template_names() {
  std::set<std::string> names;
  for (const EmbeddedFile& file : embedded_template_files()) names.emplace(file.template_name);
  return {names.begin(), names.end()};
}

Result<Template> load_builtin_template(std::string_view name) {
  Template result;
  result.source = "built-in";
  const EmbeddedFile* manifest = nullptr;
  for (const EmbeddedFile& file : embedded_template_files()) {
    if (file.template_name != name) continue;
    if (file.path == manifest_file_name) {
      manifest = &file;
    } else {
      result.files.push_back(TemplateFile{std::string(file.path), std::string(file.content), file.executable});
    }
  }
  if (!manifest) {
    auto names = builtin_template_names();
    std::vector<std::string_view> views(names.begin(), names.end());
    auto closest = closest_name(views, name);
    std::string list;
    for (const auto& known : names) list += (list.empty() ? "" : ", ") + known;
    return fail("unknown-template", "no built-in template named '" + std::string(name) + "'", {},
                closest.empty() ? "built-in templates: " + list + " (run `apictl templates`); or pass a folder"
                                : "did you mean '" + std::string(closest) + "'?");
  }
  auto parsed = parse_template_manifest(manifest->content, "template '" + std::string(name) + "': template.toml");
  if (!parsed) return std::unexpected(parsed.error());
  result.manifest = std::move(*parsed);
  if (auto ok = check_endpoint_snippets(result); !ok) return std::unexpected(ok.error());
  return result;
}

Result<Template> load_template_folder(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return fail("unknown-template", "template folder '" + folder.string() + "' does not exist", {},
                "pass a folder holding template.toml, or a built-in name (run `apictl templates`)");
  }
  fs::path manifest_path = folder / manifest_file_name;
  if (!fs::is_regular_file(manifest_path, error)) {
    return fail("template-error", "'" + folder.string() + "' has no template.toml", {manifest_path.string(), 0, 0, {}},
                "a template folder holds template.toml beside its files (see docs/templates.md)");
  }
  auto manifest_text = read_file(manifest_path);
  if (!manifest_text) return std::unexpected(manifest_text.error());
  auto manifest = parse_template_manifest(*manifest_text, manifest_path.string());
  if (!manifest) return std::unexpected(manifest.error());

  Template result;
  result.manifest = std::move(*manifest);
  result.source = folder.string();
  fs::path root = fs::canonical(folder, error);
  if (error) return fail("template-error", "cannot open '" + folder.string() + "': " + error.message());
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    fs::path relative = it->path().lexically_relative(root);
    if (is_ignored(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) {
      fs::path target = fs::weakly_canonical(it->path(), error);
      auto [root_end, target_it] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
      if (error || root_end != root.end()) {
        return fail("unsafe-path", "'" + relative.string() + "' is a link leading out of the template folder",
                    {it->path().string(), 0, 0, {}}, "a template may link only to its own files");
      }
      if (fs::is_directory(target)) {
        return fail("template-error", "'" + relative.string() + "' is a link to a folder",
                    {it->path().string(), 0, 0, {}}, "link files, not folders, or copy the folder");
      }
    }
    if (it->is_directory() || relative == manifest_file_name) continue;
    if (!it->is_regular_file()) {
      return fail("template-error", "'" + relative.string() + "' is not a regular file",
                  {it->path().string(), 0, 0, {}});
    }
    auto content = read_file(it->path());
    if (!content) return std::unexpected(content.error());
    struct stat info {};
    bool executable = ::stat(it->path().c_str(), &info) == 0 && (info.st_mode & S_IXUSR) != 0;
    result.files.push_back(TemplateFile{relative.generic_string(), std::move(*content), executable});
  }
  if (error) return fail("template-error", "cannot list '" + folder.string() + "': " + error.message());
  std::ranges::sort(result.files, {}, &TemplateFile::path);
  if (auto ok = check_endpoint_snippets(result); !ok) return std::unexpected(ok.error());
  return result;
}

TemplateReference parse_template_reference(std::string_view reference) {
  std::size_t at = reference.rfind('@');
  if (at == std::string_view::npos || at + 1 == reference.size() ||
      !std::isdigit(static_cast<unsigned char>(reference[at + 1]))) {
    return {std::string(reference), ""};
  }
  return {std::string(reference.substr(0, at)), std::string(reference.substr(at + 1))};
}

Result<Template> load_template(std::string_view reference) {
  TemplateReference parsed = parse_template_reference(reference);
  bool is_path = parsed.name_or_path.find('/') != std::string::npos || parsed.name_or_path.starts_with('.');
  auto loaded =
      is_path ? load_template_folder(fs::path(parsed.name_or_path)) : load_builtin_template(parsed.name_or_path);
  if (!loaded || parsed.version.empty() || parsed.version == loaded->manifest.version) return loaded;
  return template_at_version(*loaded, parsed.version);
}

}  // namespace apictl::scaffold
