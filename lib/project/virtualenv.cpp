// Activates a project's .venv for the commands apictl runs there, the way its activate script would.
#include "project/virtualenv.hpp"

#include <cstdlib>

namespace apictl::project {

std::vector<std::string> virtualenv_environment(const std::filesystem::path& root) {
  std::error_code error;
  std::filesystem::path folder = (std::filesystem::absolute(root, error) / ".venv").lexically_normal();
  if (error || !std::filesystem::exists(folder / "bin" / "python", error)) return {};
  const char* path = std::getenv("PATH");
  std::string bin = (folder / "bin").string();
  return {"PATH=" + bin + (path && *path ? ":" + std::string(path) : std::string()), "VIRTUAL_ENV=" + folder.string()};
}

std::string step_search_path(const std::vector<std::string>& environment) {
  for (const std::string& entry : environment) {
    if (entry.starts_with("PATH=")) return entry.substr(5);
  }
  const char* path = std::getenv("PATH");
  return path ? path : "/usr/bin:/bin";
}

}  // namespace apictl::project
