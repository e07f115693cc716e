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

// `--template NAME|PATH`: a path when it holds a '/' or starts with '.', else a built-in name.
Result<Template> load_template(std::string_view name_or_path);

}  // namespace apictl::scaffold
