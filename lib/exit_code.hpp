// The exit codes every apictl command uses, so CI can trust them.
#pragma once

namespace apictl {

enum class ExitCode : int {
  ok = 0,        // success; nothing at or above the failure threshold
  findings = 1,  // findings at or above the threshold (lint errors, breaking changes, ...)
  usage = 2,     // bad flag, unreadable or malformed input
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace apictl
