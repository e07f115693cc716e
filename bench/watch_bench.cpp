// apictl_watch_bench: the FileWatcher on a given tree — watch setup time, CPU used while idle, and how many
// change callbacks a burst of new files gives. Driven by bench/watch_bench.sh; not part of apictl.
//
//   apictl_watch_bench --root DIR [--idle-seconds N] [--burst N]
//
// Prints "name: value" lines. Exit: 0 measured (the burst gave exactly one callback); 1 it did not; 2 usage or
// setup error.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dev/event_loop.hpp"
#include "dev/file_watcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int usage_error(const std::string& message) {
  std::cerr << "apictl_watch_bench: error: " << message
            << "\nusage: apictl_watch_bench --root DIR [--idle-seconds N] [--burst N]\n";
  return 2;
}

bool parse_count(std::string_view text, int& value) {
  char* end = nullptr;
  long parsed = std::strtol(std::string(text).c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || parsed < 0 || parsed > 1000000) return false;
  value = static_cast<int>(parsed);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path root;
  int idle_seconds = 60;
  int burst = 1000;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (i + 1 >= argc) return usage_error("'" + std::string(argument) + "' needs a value");
    std::string_view value = argv[++i];
    if (argument == "--root") {
      root = value;
    } else if (argument == "--idle-seconds") {
      if (!parse_count(value, idle_seconds)) return usage_error("--idle-seconds needs a whole number of seconds");
    } else if (argument == "--burst") {
      if (!parse_count(value, burst) || burst == 0) return usage_error("--burst needs a positive number of files");
    } else {
      return usage_error("unknown argument '" + std::string(argument) + "'");
    }
  }
  if (root.empty()) return usage_error("--root is required");
  std::error_code error;
  std::filesystem::create_directories(root / "burst", error);
  if (error) return usage_error("cannot create " + (root / "burst").string() + ": " + error.message());

  auto loop = apictl::dev::EventLoop::open();
  if (!loop) return usage_error(loop.error().message);
  std::vector<std::vector<std::string>> batches;
  apictl::dev::FileWatcherOptions options;  // the defaults apictl dev uses: 100 ms quiet, 1 s at most
  apictl::dev::FileWatcher watcher((*loop)->get(), root, options,
                                   [&](const std::vector<std::string>& paths) { batches.push_back(paths); });

  std::cout << std::fixed << std::setprecision(3);
  double cpu_before_setup = cpu_seconds();
  auto setup_start = Clock::now();
  if (auto started = watcher.start(); !started) {
    std::cerr << "apictl_watch_bench: " << apictl::format_diagnostic(started.error()) << "\n";
    return 2;
  }
  double setup_ms = milliseconds_since(setup_start);
  double setup_cpu_ms = (cpu_seconds() - cpu_before_setup) * 1000;
  std::cout << "folders_watched: " << watcher.watched_folder_count() << "\n"
            << "setup_ms: " << setup_ms << "\n"
            << "setup_cpu_ms: " << setup_cpu_ms << "\n"
            << std::flush;

  // Idle: the loop waits for events that never come; the CPU it uses is the cost of watching.
  double cpu_before_idle = cpu_seconds();
  auto idle_start = Clock::now();
  (*loop)->run_for(std::chrono::seconds(idle_seconds));
  double idle_wall = milliseconds_since(idle_start) / 1000;
  double idle_cpu = cpu_seconds() - cpu_before_idle;
  std::cout << "idle_seconds: " << idle_wall << "\n"
            << "idle_cpu_ms: " << idle_cpu * 1000 << "\n"
            << "idle_cpu_percent: " << std::setprecision(6) << (idle_wall > 0 ? 100 * idle_cpu / idle_wall : 0)
            << std::setprecision(3) << "\n"
            << "idle_callbacks: " << batches.size() << "\n"
            << std::flush;
  batches.clear();

  // Burst: `burst` new files as fast as they can be written, then wait for the report(s).
  auto burst_start = Clock::now();
  for (int i = 0; i < burst; ++i) {
    std::string path = (root / "burst" / ("file-" + std::to_string(i) + ".py")).string();
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ::write(fd, "x = 1\n", 6) != 6) {
      std::perror(path.c_str());
      return 2;
    }
    ::close(fd);
  }
  double write_ms = milliseconds_since(burst_start);
  auto written = Clock::now();
  std::set<std::string> seen;
  bool complete = (*loop)->run_until(
      [&] {
        for (const auto& batch : batches) seen.insert(batch.begin(), batch.end());
        int found = 0;
        for (int i = 0; i < burst; ++i) found += seen.contains("burst/file-" + std::to_string(i) + ".py") ? 1 : 0;
        return found == burst;
      },
      std::chrono::seconds(30));
  double report_ms = milliseconds_since(written);
  // Anything reported later would be a second callback for the same burst: give it well over max_delay.
  (*loop)->run_for(options.max_delay + std::chrono::milliseconds(1000));
  std::cout << "burst_files: " << burst << "\n"
            << "burst_write_ms: " << write_ms << "\n"
            << "burst_report_ms: " << report_ms << "\n"
            << "burst_callbacks: " << batches.size() << "\n"
            << "burst_all_reported: " << (complete ? "yes" : "no") << "\n";
  watcher.stop();
  return complete && batches.size() == 1 ? 0 : 1;
}
