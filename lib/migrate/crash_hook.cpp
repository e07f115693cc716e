// The crash hook's counter: read from the environment once per process.
#include "migrate/crash_hook.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace apictl::migrate {

void crash_point() {
  static const long chosen = [] {
    const char* value = std::getenv(std::string(crash_hook_variable).c_str());
    return value ? std::strtol(value, nullptr, 10) : 0L;
  }();
  static std::atomic<long> count{0};
  if (chosen > 0 && ++count == chosen) ::_exit(137);
}

}  // namespace apictl::migrate
