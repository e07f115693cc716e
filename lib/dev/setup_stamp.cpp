#include "dev/setup_stamp.hpp"

#include <fstream>
#include <sstream>

namespace apictl::dev {

bool setup_needed(const std::filesystem::path& root, const std::string& command) {
  if (command.empty()) return false;
  std::ifstream stamp(root / setup_stamp_file, std::ios::binary);
  if (!stamp) return true;
  std::ostringstream recorded;
  recorded << stamp.rdbuf();
  return recorded.str() != command + "\n";
}

Result<void> record_setup(const std::filesystem::path& root, const std::string& command) {
  const auto path = root / setup_stamp_file;
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  auto temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << command << '\n';
    if (!out.flush()) return fail("setup-stamp", "cannot write '" + temporary.string() + "'");
  }
  std::filesystem::rename(temporary, path, error);  // a reader sees the old stamp or the new, never half
  if (error) return fail("setup-stamp", "cannot write '" + path.string() + "': " + error.message());
  return {};
}

}  // namespace apictl::dev
