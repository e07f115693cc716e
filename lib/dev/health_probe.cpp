#include "dev/health_probe.hpp"

#include <httplib.h>

#include <condition_variable>
#include <mutex>

namespace apictl::dev {

bool answers_healthy(int port, const std::string& path, std::chrono::milliseconds timeout) {
  httplib::Client client("127.0.0.1", port);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  if (path.empty()) {
    // Any answer, even 404, shows the port accepts connections; a refused connection gives no result.
    return static_cast<bool>(client.Head("/"));
  }
  auto result = client.Get(path);
  return result && result->status >= 200 && result->status < 300;
}

HealthProbe::HealthProbe(LoopTasks& tasks, int port, std::string path, std::function<void()> on_healthy,
                         std::chrono::milliseconds interval)
    : thread_([&tasks, port, path = std::move(path), on_healthy = std::move(on_healthy),
               interval](std::stop_token stop) mutable {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          if (answers_healthy(port, path, std::chrono::seconds(1))) {
            if (!stop.stop_requested()) tasks.post(std::move(on_healthy));
            return;
          }
          std::unique_lock lock(mutex);
          wake.wait_for(lock, stop, interval, [] { return false; });
        }
      }) {}

}  // namespace apictl::dev
