// parallel_for: a shared atomic cursor over the task indexes, so fast threads take more tasks.
#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <locale>
#include <mutex>
#include <thread>
#include <vector>

namespace apictl {

namespace {

// libstdc++'s std::ctype<char> fills its narrow/widen caches lazily, without synchronisation (GCC bug 77704), and
// std::regex compiles through them: fill them once before threads start, so no thread writes them later.
void prime_ctype_caches() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
    ctype.widen('a');
    for (int c = 0; c < 256; ++c) ctype.narrow(static_cast<char>(c), '\0');
  });
}

}  // namespace

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t index; !failed && (index = next.fetch_add(1)) < count;) {
      try {
        task(index);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::size_t helpers = threads > 1 ? std::min<std::size_t>(threads - 1, count > 0 ? count - 1 : 0) : 0;
  if (helpers > 0) prime_ctype_caches();
  {
    std::vector<std::jthread> pool;
    pool.reserve(helpers);
    for (std::size_t i = 0; i < helpers; ++i) pool.emplace_back(work);
    work();
  }  // jthreads join here
  if (first_error) std::rethrow_exception(first_error);
}

unsigned available_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace apictl
