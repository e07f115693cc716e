// Picking a port for a new app instance.
#pragma once

#include "diagnostic.hpp"

namespace apictl::dev {

// A TCP port on 127.0.0.1 that is free now: the kernel's choice for a socket bound to port 0, released at
// once for the app to take. Another program could take it in between; the app then fails to start and the
// reload reports it, which is rare enough not to need more.
Result<int> free_loopback_port();

}  // namespace apictl::dev
