// EventLoop: a libuv loop owned by one object and closed with every handle on it, plus bounded runs for
// tests and benchmarks.
#pragma once

#include <uv.h>

#include <chrono>
#include <functional>
#include <memory>

#include "diagnostic.hpp"

namespace apictl::dev {

class EventLoop {
 public:
  static Result<std::unique_ptr<EventLoop>> open();
  // Closes every handle still on the loop (their close callbacks run) and then the loop itself.
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  uv_loop_t* get() { return &loop_; }

  // Runs the loop until `done()` holds (checked after every wake-up) or `timeout` passes. True when done()
  // held. A timer of its own keeps the loop waiting, so this blocks rather than spins when nothing happens.
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Runs the loop for `duration`, handling whatever happens meanwhile.
  void run_for(std::chrono::milliseconds duration);

 private:
  EventLoop() = default;
  uv_loop_t loop_{};
};

}  // namespace apictl::dev
