// Running independent tasks on the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace apictl {

// Calls task(0) .. task(count - 1), each exactly once, spread over up to `threads` threads (the caller's
// included) that take the next index as they finish one; returns when all are done. Tasks must not depend on
// each other's order. The first exception a task throws is rethrown here, after every thread has stopped.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task);

// The number of threads worth using here: the hardware's, at least 1.
unsigned available_threads();

}  // namespace apictl
