// Path checks for template file names, answers used in them, and the target folder's existing tree.
#include "scaffold/path_safety.hpp"

namespace apictl::scaffold {

Result<std::filesystem::path> safe_relative_path(std::string_view path, const SourcePosition& origin) {
  auto refuse = [&](const std::string& why) {
    return fail("unsafe-path", "file name '" + std::string(path) + "' " + why, origin,
                "template file names and the answers used in them must stay inside the new project");
  };
  if (path.empty()) return refuse("is empty");
  if (path.find('\0') != std::string_view::npos) return refuse("holds a NUL character");
  if (path.find('\\') != std::string_view::npos) return refuse("holds a backslash");
  if (path.front() == '/') return refuse("is absolute");
  std::filesystem::path normal;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    std::string_view part =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part == "..") return refuse("leaves the project folder with '..'");
    if (part.empty() && slash != std::string_view::npos) return refuse("has an empty folder name");
    if (part.empty()) return refuse("ends with '/'");
    if (part != ".") normal /= std::string(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (normal.empty()) return refuse("names the project folder itself");
  return normal;
}

Result<void> check_no_links_on_the_way(const std::filesystem::path& root, const std::filesystem::path& relative) {
  std::filesystem::path current = root;
  for (const auto& part : relative) {
    current /= part;
    std::error_code error;
    auto status = std::filesystem::symlink_status(current, error);
    if (error || !std::filesystem::exists(status)) return {};  // nothing there yet: the rest is new
    if (std::filesystem::is_symlink(status)) {
      return fail("unsafe-path", "'" + current.string() + "' is a symbolic link", {current.string(), 0, 0, {}},
                  "apictl new never writes through links in the target folder; remove the link or choose "
                  "another folder");
    }
  }
  return {};
}

}  // namespace apictl::scaffold
