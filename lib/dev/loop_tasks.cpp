#include "dev/loop_tasks.hpp"

#include <utility>

namespace apictl::dev {

struct LoopTasks::Shared {
  uv_async_t wake{};
  std::mutex mutex;
  std::vector<std::function<void()>> queued;  // under mutex
};

LoopTasks::LoopTasks(uv_loop_t* loop) : shared_(new Shared()) {
  uv_async_init(loop, &shared_->wake, [](uv_async_t* handle) {
    auto* shared = static_cast<Shared*>(handle->data);
    std::vector<std::function<void()>> tasks;
    {
      std::lock_guard lock(shared->mutex);
      tasks.swap(shared->queued);
    }
    for (auto& task : tasks) task();
  });
  shared_->wake.data = shared_;
}

LoopTasks::~LoopTasks() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->queued.clear();
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&shared_->wake),
           [](uv_handle_t* handle) { delete static_cast<Shared*>(handle->data); });
}

void LoopTasks::post(std::function<void()> task) {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->queued.push_back(std::move(task));
  }
  uv_async_send(&shared_->wake);  // libuv coalesces wake-ups; the callback drains the whole queue
}

}  // namespace apictl::dev
