// The CPU share of a process's session, through Linux's autogroup scheduling: how a starting app instance
// gives way to the one still serving.
#pragma once

#include <sys/types.h>

namespace apictl::dev {

enum class SessionNice {
  applied,     // the kernel took the value
  busy,        // refused for now: unprivileged users get one change per 100 ms, machine-wide; try again later
  unsupported  // no /proc/PID/autogroup (kernel without autogroups), or the process is gone
};

// Sets the nice value (0 to 19) of the autogroup of `member`'s session. With autogroups on (Debian's default,
// kernel.sched_autogroup_enabled), the scheduler shares the CPU between sessions first and within each
// session by the processes' nice values, so this is the knob that counts for a whole process tree. Unlike a
// process's own nice value, which an unprivileged user can raise but never lower, an autogroup's may go back
// down to 0. Where a CPU cgroup other than the root one holds the process, autogroups have no effect: the
// call still succeeds.
SessionNice set_session_nice(pid_t member, int nice);

}  // namespace apictl::dev
