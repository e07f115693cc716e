// LoopTasks: hands work from other threads (the proxy's, a health probe's) to the libuv loop's thread.
#pragma once

#include <uv.h>

#include <functional>
#include <mutex>
#include <vector>

namespace apictl::dev {

class LoopTasks {
 public:
  explicit LoopTasks(uv_loop_t* loop);
  // Drops tasks not run yet. Destroy it on the loop's thread, before the loop, once no other thread can post.
  ~LoopTasks();
  LoopTasks(const LoopTasks&) = delete;
  LoopTasks& operator=(const LoopTasks&) = delete;

  // Runs `task` on the loop's thread soon, in posting order. Callable from any thread.
  void post(std::function<void()> task);

 private:
  struct Shared;
  Shared* shared_;  // freed by the async handle's close callback
};

}  // namespace apictl::dev
