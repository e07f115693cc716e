// Where templates come from: the built-ins embedded in the binary, or any local folder (--template PATH).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/template.hpp"

namespace apictl::scaffold {

// The names of the built-in templates, sorted.
std::vector<std::string> builtin_template_names();

// A built-in template by name; an unknown name is an error listing the built-ins.
Result<Template> load_builtin_template(std::string_view name);

// A template folder: its template.toml and every other file, with the executable bit. A symbolic link is
// followed only when it stays inside the folder; one leading out is an error.
Result<Template> load_template_folder(const std::filesystem::path& folder);

// `--template NAME|PATH[@VERSION]`, taken apart: VERSION starts with a digit, so a folder may hold '@'.
struct TemplateReference {
  std::string name_or_path;
  std::string version;  // "" for the template's current release
};
TemplateReference parse_template_reference(std::string_view reference);

// `--template NAME|PATH[@VERSION]`: a path when it holds a '/' or starts with '.', else a built-in name; with
// @VERSION, the template as it was at that earlier release (template_history.hpp).
Result<Template> load_template(std::string_view reference);

}  // namespace apictl::scaffold
