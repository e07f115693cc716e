// A template's earlier releases, kept inside it as overlays so `apictl migrate` can render the version a
// project was made from (docs/templates.md, "Releases"):
//   _releases/VERSION.toml   next = "1.1.0"; added = [files the next release added]
//   _releases/VERSION/...    VERSION's copy of every file the next release changed or removed
//                            (template.toml only when its variables, rules or hooks changed)
// Each overlay steps back one release, so any recorded version is reached from the current one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/template.hpp"

namespace apictl::scaffold {

inline constexpr std::string_view releases_folder = "_releases";

// Whether a template file belongs to the release history: part of the template, never of a project.
bool is_release_history(std::string_view path);

// The versions `source` can be rendered at, newest first: its own, then each recorded earlier release.
Result<std::vector<std::string>> template_versions(const Template& source);

// The template as it was at `version`: the overlays from the current version back to it, applied in turn.
// A version with no recorded release is an error listing the ones there are.
Result<Template> template_at_version(const Template& source, std::string_view version);

}  // namespace apictl::scaffold
