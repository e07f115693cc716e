// A test hook for crash safety: with APICTL_MIGRATE_CRASH_AFTER=N in the environment, apictl stops itself
// at once (it sends itself SIGKILL) after the Nth durable step of a migration command:
// each temporary file written, each rename, each removal. The crash test walks N = 1, 2, ... to stop an
// apply at every point it can be stopped. Unset, it does nothing.
#pragma once

#include <string_view>

namespace apictl::migrate {

inline constexpr std::string_view crash_hook_variable = "APICTL_MIGRATE_CRASH_AFTER";

// Counts one durable step, and ends the process when it is the chosen one.
void crash_point();

}  // namespace apictl::migrate
