// Built-in packs are the templates' embedded files under migrations/.
#include "migrate/builtin_packs.hpp"

#include "scaffold/embedded_templates.hpp"

namespace apictl::migrate {

std::vector<PackFile> builtin_pack_files() {
  std::vector<PackFile> packs;
  for (const scaffold::EmbeddedFile& file : scaffold::embedded_template_files()) {
    std::string_view path = file.path;
    if (!path.starts_with("migrations/") || !path.ends_with(".toml")) continue;
    std::string_view name = path.substr(std::string_view("migrations/").size());
    if (name.find('/') != std::string_view::npos) continue;
    packs.push_back({std::string(file.template_name), std::string(name), file.content});
  }
  return packs;
}

}  // namespace apictl::migrate
