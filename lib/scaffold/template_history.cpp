#include "scaffold/template_history.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>

#include "util/toml_position.hpp"

namespace apictl::scaffold {

namespace {

// One overlay: the release `version`, which `next` follows.
struct Release {
  std::string version;
  std::string next;
  std::vector<std::string> added;                    // files `next` added: absent at `version`
  std::map<std::string, const TemplateFile*> files;  // `version`'s own copies, by template path
  bool described = false;                            // its VERSION.toml was read
};

std::string history_label(const Template& source, std::string_view path) {
  return source.source == "built-in" ? "template '" + source.manifest.name + "': " + std::string(path)
                                     : source.source + "/" + std::string(path);
}

Result<void> read_release_file(const Template& source, const TemplateFile& file, Release& release) {
  std::string label = history_label(source, file.path);
  toml::table document;
  try {
    document = toml::parse(file.content, label);
  } catch (const toml::parse_error& error) {
    return fail("template-error", std::string(error.description()), toml_position(label, error.source()),
                "fix the TOML syntax of " + file.path);
  }
  for (const auto& [key, value] : document) {
    if (key.str() != "next" && key.str() != "added") {
      return fail("template-error", "unknown key '" + std::string(key.str()) + "' in a release file",
                  toml_position(label, key.source()), "a release file holds `next` and `added` only");
    }
  }
  const toml::node* next = document.get("next");
  if (!next || !next->is_string() || next->as_string()->get().empty()) {
    return fail("template-error", "the release file names no `next` release", {label, 1, 1, {}},
                "add next = \"VERSION\": the release this one is an overlay on");
  }
  release.next = next->as_string()->get();
  if (const toml::node* added = document.get("added")) {
    const toml::array* paths = added->as_array();
    if (!paths) {
      return fail("template-error", "`added` must be an array of template paths",
                  toml_position(label, added->source()));
    }
    for (const toml::node& path : *paths) {
      if (!path.is_string()) {
        return fail("template-error", "`added` must hold template paths (strings)",
                    toml_position(label, path.source()));
      }
      release.added.push_back(path.as_string()->get());
    }
  }
  release.described = true;
  return {};
}

Result<std::vector<Release>> read_releases(const Template& source) {
  std::string prefix = std::string(releases_folder) + "/";
  std::map<std::string, Release> releases;
  for (const TemplateFile& file : source.files) {
    if (!file.path.starts_with(prefix)) continue;
    std::string rest = file.path.substr(prefix.size());
    std::size_t slash = rest.find('/');
    if (slash != std::string::npos) {
      std::string version = rest.substr(0, slash);
      releases[version].version = version;
      releases[version].files[rest.substr(slash + 1)] = &file;
      continue;
    }
    if (!rest.ends_with(".toml")) {
      return fail("template-error", "'" + file.path + "' is neither a release file nor inside a release folder",
                  {history_label(source, file.path), 0, 0, {}},
                  "_releases/ holds VERSION.toml files and VERSION/ folders only (docs/templates.md, \"Releases\")");
    }
    std::string version = rest.substr(0, rest.size() - 5);
    releases[version].version = version;
    if (auto ok = read_release_file(source, file, releases[version]); !ok) return std::unexpected(ok.error());
  }
  std::vector<Release> list;
  for (auto& [version, release] : releases) {
    if (!release.described) {
      return fail("template-error", "release folder _releases/" + version + "/ has no _releases/" + version + ".toml",
                  {history_label(source, prefix + version), 0, 0, {}},
                  "name the release it is an overlay on: next = \"...\"");
    }
    list.push_back(std::move(release));
  }
  return list;
}

const Release* release_before(const std::vector<Release>& releases, std::string_view version) {
  auto found = std::ranges::find(releases, version, &Release::next);
  return found == releases.end() ? nullptr : &*found;
}

Result<void> step_back(const Template& source, const Release& release, Template& at) {
  for (const std::string& added : release.added) {
    auto file = std::ranges::find(at.files, added, &TemplateFile::path);
    if (file == at.files.end()) {
      return fail("template-error",
                  "release " + release.next + " is said to add '" + added + "', which it does not hold",
                  {history_label(source, std::string(releases_folder) + "/" + release.version + ".toml"), 0, 0, {}},
                  "list in `added` exactly the files the next release added");
    }
    at.files.erase(file);
  }
  bool manifest_replaced = false;
  for (const auto& [path, file] : release.files) {
    if (path == manifest_file_name) {
      auto manifest = parse_template_manifest(file->content, history_label(source, file->path));
      if (!manifest) return std::unexpected(manifest.error());
      at.manifest = std::move(*manifest);
      manifest_replaced = true;
      continue;
    }
    TemplateFile copy{path, file->content, file->executable};
    auto existing = std::ranges::find(at.files, path, &TemplateFile::path);
    if (existing == at.files.end()) {
      at.files.push_back(std::move(copy));
    } else {
      *existing = std::move(copy);
    }
  }
  if (!manifest_replaced) at.manifest.version = release.version;
  if (at.manifest.version != release.version) {
    return fail(
        "template-error", "_releases/" + release.version + "/template.toml says version " + at.manifest.version,
        {history_label(source, std::string(releases_folder) + "/" + release.version + "/template.toml"), 0, 0, {}});
  }
  return {};
}

}  // namespace

bool is_release_history(std::string_view path) {
  return path.starts_with(releases_folder) && path.size() > releases_folder.size() &&
         path[releases_folder.size()] == '/';
}

Result<std::vector<std::string>> template_versions(const Template& source) {
  auto releases = read_releases(source);
  if (!releases) return std::unexpected(releases.error());
  std::vector<std::string> versions{source.manifest.version};
  while (const Release* before = release_before(*releases, versions.back())) {
    if (std::ranges::find(versions, before->version) != versions.end()) {
      return fail("template-error",
                  "the release files of template '" + source.manifest.name + "' form a loop at " + before->version);
    }
    versions.push_back(before->version);
  }
  return versions;
}

Result<Template> template_at_version(const Template& source, std::string_view version) {
  auto versions = template_versions(source);
  if (!versions) return std::unexpected(versions.error());
  if (std::ranges::find(*versions, version) == versions->end()) {
    std::string list;
    for (const std::string& known : *versions) list += (list.empty() ? "" : ", ") + known;
    return fail("unknown-template-version",
                "template '" + source.manifest.name + "' has no release " + std::string(version), {},
                "its releases: " + list);
  }
  auto releases = read_releases(source);
  if (!releases) return std::unexpected(releases.error());
  Template at = source;
  while (at.manifest.version != version) {
    if (auto ok = step_back(source, *release_before(*releases, at.manifest.version), at); !ok) {
      return std::unexpected(ok.error());
    }
  }
  std::ranges::sort(at.files, {}, &TemplateFile::path);
  return at;
}

}  // namespace apictl::scaffold
