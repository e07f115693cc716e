// HealthProbe: asks a starting app "are you up?" until it answers, off the loop's thread.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "dev/loop_tasks.hpp"

namespace apictl::dev {

// Polls 127.0.0.1:port every `interval` on a thread of its own: GET `path` until it answers 2xx, or, when
// `path` is empty, until the port accepts a connection. Then posts `on_healthy` to the loop and stops.
// Destroying the probe stops the polling (waiting at most for the request under way).
class HealthProbe {
 public:
  HealthProbe(LoopTasks& tasks, int port, std::string path, std::function<void()> on_healthy,
              std::chrono::milliseconds interval = std::chrono::milliseconds(20));
  ~HealthProbe() = default;  // the jthread asks for a stop and joins
  HealthProbe(const HealthProbe&) = delete;
  HealthProbe& operator=(const HealthProbe&) = delete;

 private:
  std::jthread thread_;
};

// Whether 127.0.0.1:port answers GET `path` with 2xx (or accepts a connection when `path` is empty), waiting
// at most `timeout` for it. For the probe and for tests.
bool answers_healthy(int port, const std::string& path, std::chrono::milliseconds timeout);

}  // namespace apictl::dev
