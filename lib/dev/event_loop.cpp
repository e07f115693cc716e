// EventLoop: ownership of a uv_loop_t and runs bounded in time.
#include "dev/event_loop.hpp"

namespace apictl::dev {

namespace {

// The timer of one run_until call; heap-allocated because libuv frees nothing before its close callback.
struct Deadline {
  uv_timer_t timer{};
  bool passed = false;
};

}  // namespace

Result<std::unique_ptr<EventLoop>> EventLoop::open() {
  std::unique_ptr<EventLoop> loop(new EventLoop());
  if (int error = uv_loop_init(&loop->loop_); error != 0) {
    loop.release();  // nothing to close: the loop never opened
    return fail("event-loop", std::string("cannot create an event loop: ") + uv_strerror(error));
  }
  return loop;
}

EventLoop::~EventLoop() {
  uv_walk(
      &loop_,
      [](uv_handle_t* handle, void*) {
        if (!uv_is_closing(handle)) uv_close(handle, nullptr);
      },
      nullptr);
  // Closing handles finish on the next turns of the loop; their owners' close callbacks free them.
  while (uv_run(&loop_, UV_RUN_DEFAULT) != 0) {
  }
  uv_loop_close(&loop_);
}

bool EventLoop::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  if (done()) return true;
  uv_update_time(&loop_);  // the loop's clock is from its last turn, which may be long ago
  auto* deadline = new Deadline();
  uv_timer_init(&loop_, &deadline->timer);
  deadline->timer.data = deadline;
  uv_timer_start(
      &deadline->timer, [](uv_timer_t* timer) { static_cast<Deadline*>(timer->data)->passed = true; },
      static_cast<std::uint64_t>(timeout.count()), 0);
  bool result = false;
  for (;;) {
    uv_run(&loop_, UV_RUN_ONCE);
    if (done()) {
      result = true;
      break;
    }
    if (deadline->passed) break;
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&deadline->timer),
           [](uv_handle_t* handle) { delete static_cast<Deadline*>(handle->data); });
  uv_run(&loop_, UV_RUN_NOWAIT);  // lets the timer finish closing
  return result;
}

void EventLoop::run_for(std::chrono::milliseconds duration) {
  run_until([] { return false; }, duration);
}

}  // namespace apictl::dev
