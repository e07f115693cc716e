// Appending to and reading the SLO history file.
#include "slo/history.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/file_replace.hpp"

namespace apictl::slo {

Result<void> append_history(const std::filesystem::path& root, const std::vector<Measurement>& measurements) {
  std::filesystem::path path = root / history_file;
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return fail("io-error", "cannot create " + path.parent_path().string() + ": " + error.message(),
                {path.string(), 0, 0, {}});
  }
  std::string lines;
  for (const Measurement& measurement : measurements) lines += to_json(measurement) + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail("io-error", std::string("cannot open the SLO history: ") + std::strerror(errno),
                {path.string(), 0, 0, {}});
  bool written = write_all(fd, lines);
  int saved = errno;
  bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    return fail("io-error", std::string("cannot write the SLO history: ") + std::strerror(written ? errno : saved),
                {path.string(), 0, 0, {}});
  }
  return {};
}

Result<std::vector<Measurement>> read_history(const std::filesystem::path& root) {
  std::filesystem::path path = root / history_file;
  std::vector<Measurement> measurements;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return measurements;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("io-error", "cannot read the SLO history", {path.string(), 0, 0, {}});
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto measurement = parse_measurement(line, SourcePosition{path.string(), number, 1, {}});
    if (!measurement) return std::unexpected(measurement.error());
    measurements.push_back(std::move(*measurement));
  }
  if (in.bad()) return fail("io-error", "cannot read the SLO history", {path.string(), 0, 0, {}});
  return measurements;
}

}  // namespace apictl::slo
