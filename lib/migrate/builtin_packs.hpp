// The built-in migration packs: scaffolds/<template>/migrations/*.toml, embedded in the binary with the
// templates (cmake/embed_scaffolds.cmake) and never generated into a project (their template.toml excludes
// migrations/**).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apictl::migrate {

struct PackFile {
  std::string template_name;  // the template folder it ships with
  std::string name;           // the file name, e.g. "pydantic-v2.toml"
  std::string_view text;
};

std::vector<PackFile> builtin_pack_files();

}  // namespace apictl::migrate
