#!/usr/bin/python3
"""The load driver of bench/dev_reload_bench.sh: steady open-loop load on GET /healthz while the app's code is
edited, and what the client saw. Python standard library only; run with /usr/bin/python3.

  dev_reload_load.py run --port P --init PKG/__init__.py --out RESULT.json [--tool-pid PID] [--project DIR] ...
  dev_reload_load.py survivors --result RESULT.json --project DIR [--kill]
  dev_reload_load.py report --load TEXT NAME=RESULT.json ...

run: a scheduler thread issues a request every 1/rate s at fixed times onto a pool of worker threads, each with
its own keep-alive connection (open loop: a stalled server does not slow the schedule down, the requests queue
in the client and the wait counts). Meanwhile the main thread edits __version__ in PKG/__init__.py --reloads
times, each time waiting until a response carries the new version, then writes a syntax error into the file for
--broken-seconds and fixes it. Every request is recorded.

Latency is measured two ways:
  - from the scheduled send time: what a client sending at a steady rate sees, stalls included (a request that
    waited in the client for a free connection because the earlier ones were stuck counts its wait); this is
    the figure that avoids coordinated omission and the one the target is about;
  - from the actual send (the worker's http.client call) to the end of the response: the server's answer time
    alone, which understates stalls because requests queued behind a stuck one start late.

A failure is an exception, no answer within --timeout s of the actual send, a status other than 200, or a body
that is not the expected JSON. Like urllib3 and browsers, a worker whose idle keep-alive connection was closed
by the server reconnects before sending, and a request that fails on a reused connection before any byte of
the answer arrived is sent once more on a fresh connection (safe for a GET); such retries are counted apart.

survivors: after the tool was stopped, which processes it started are still there: the pids recorded during the
run (matched with their start time, so a reused pid does not count) and any process whose working directory is
inside the project.

report: the side-by-side table of several runs and one JSON summary line.
"""

import argparse
import http.client
import json
import os
import queue
import re
import resource
import select
import socket
import sys
import threading
import time

HUNG_SECONDS = 1.0  # a request slower than this (from its scheduled send) counts as hung while the code is broken
CLIENT_STALL_MS = 50.0  # the scheduler waking this late means the machine, not the server, stalled the client
WINDOW_TAIL = 0.2  # a reload window: from the save to the first answer from the new code, plus this

def fail(message):
    print(f"dev_reload_load: error: {message}", file=sys.stderr)
    sys.exit(2)


# ---- the client ----


class Recorder:
    """Every request's record, and the version the main thread waits for."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.records = []  # (scheduled, started, ended, status, version, error, retried)
        self.awaited = None  # version the main thread waits for
        self.awaited_seen = None  # end time of the first response carrying it
        self.reconnects = 0  # idle connections found closed by the server before a request

    def add(self, record):
        with self.lock:
            self.records.append(record)
            version = record[4]
            if self.awaited is not None and self.awaited_seen is None and version == self.awaited:
                self.awaited_seen = record[2]
                self.cond.notify_all()

    def await_version(self, version):
        with self.lock:
            self.awaited = version
            self.awaited_seen = None

    def wait_seen(self, deadline):
        with self.lock:
            while self.awaited_seen is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)
            return self.awaited_seen


class Worker(threading.Thread):
    """Takes (scheduled time) off the queue and sends GET /healthz on its own keep-alive connection."""

    def __init__(self, jobs, recorder, host, port, timeout):
        super().__init__(daemon=True)
        self.jobs, self.recorder = jobs, recorder
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = None
        self.used = False  # the connection has carried a request: a failure on it may be a stale keep-alive
        self.got_answer = False  # the current attempt got the response head
        self.reused_failed = False  # the current attempt failed on a reused connection before any answer

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn, self.used = None, False

    def dropped(self):
        # What urllib3 checks before reusing a pooled connection: readable while idle means the server closed it.
        sock = self.conn.sock
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def once(self):
        """One attempt: (status, body) or an exception; sets got_answer when the response head arrived."""
        if self.conn is not None and self.used and self.dropped():
            self.close()
            with self.recorder.lock:
                self.recorder.reconnects += 1
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        reused = self.used
        self.used = True
        self.got_answer = False
        try:
            self.conn.request("GET", "/healthz", headers={"Accept": "application/json"})
            response = self.conn.getresponse()
            self.got_answer = True
            body = response.read()
            if response.will_close:
                self.close()
            return response.status, body
        except Exception:
            self.close()
            self.reused_failed = reused and not self.got_answer
            raise

    def request(self):
        retried = False
        for attempt in (0, 1):
            self.reused_failed = False
            try:
                status, body = self.once()
            except socket.timeout:
                return None, None, f"no answer within {self.timeout:g} s", retried
            except Exception as error:  # noqa: BLE001 - every failure is recorded, whatever it is
                if attempt == 0 and self.reused_failed:
                    retried = True
                    continue
                return None, None, f"{type(error).__name__}: {error}".rstrip(": "), retried
            if status != 200:
                return status, None, f"status {status}: {body[:120]!r}", retried
            try:
                version = json.loads(body)["version"]
            except (ValueError, KeyError, TypeError):
                return status, None, f"unexpected body {body[:120]!r}", retried
            return status, version, None, retried
        raise AssertionError("unreachable")

    def run(self):
        while True:
            scheduled = self.jobs.get()
            if scheduled is None:
                self.close()
                return
            started = time.monotonic()
            status, version, error, retried = self.request()
            ended = time.monotonic()
            self.recorder.add((scheduled, started, ended, status, version, error, retried))


class Scheduler(threading.Thread):
    """Puts one job per 1/rate s on the queue at fixed times, whatever the workers are doing."""

    def __init__(self, jobs, rate):
        super().__init__(daemon=True)
        self.jobs, self.rate = jobs, rate
        self.stop_at = None
        self.start_time = None
        self.late_max = 0.0  # how late the scheduler itself woke, at most (the client's own jitter)
        self.issued = 0

    def run(self):
        self.start_time = time.monotonic()
        n = 0
        while True:
            due = self.start_time + n / self.rate
            if self.stop_at is not None and due >= self.stop_at:
                return
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
                now = time.monotonic()
            self.late_max = max(self.late_max, now - due)
            self.jobs.put(due)
            self.issued += 1
            n += 1


# ---- the processes the tool started ----


def process_start_time(pid):
    """Field 22 of /proc/PID/stat (clock ticks since boot): with the pid, names one process for good."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            text = stat.read().decode(errors="replace")
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[19])


def cpu_seconds(pid):
    """The process's own user + system CPU time (not its children's), from /proc/PID/stat; None when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            text = stat.read().decode(errors="replace")
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid):
    """The pids of pid's children, from /proc/PID/task/*/children (cheaper than reading every process)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found.extend(int(v) for v in listing.read().split())
        except OSError:
            continue
    return found


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def descendants(root_pid):
    """{pid: start time} of root_pid's descendants now."""
    found, todo = {}, children(root_pid)
    while todo:
        pid = todo.pop()
        start = process_start_time(pid)
        if start is None or pid in found:
            continue
        found[pid] = start
        todo.extend(children(pid))
    return found


class ProcessLog:
    """Every descendant of the tool seen at the sampling points, with its command line."""

    def __init__(self, root_pid):
        self.root_pid = root_pid
        self.seen = {}  # (pid, start) -> command line

    def sample(self):
        if not self.root_pid:
            return {}
        now = descendants(self.root_pid)
        for pid, start in now.items():
            if (pid, start) not in self.seen:
                self.seen[(pid, start)] = command_line(pid)
        return now


def app_processes(now):
    """How many of these pids run the app: Python processes, not multiprocessing's resource tracker (apictl's
    supervisors run apictl, and uvicorn --reload's own process is the tool, not one of these)."""
    count = 0
    for pid in now:
        line = command_line(pid)
        if "python" in line.split(" ")[0] and "resource_tracker" not in line:
            count += 1
    return count


# ---- the edits ----

VERSION_LINE = re.compile(r'^__version__\s*=\s*"[^"]*"\s*$', re.M)


def write_file(path, text):
    # Written to a temporary file and renamed over the original, as many editors save: a watcher never sees a
    # half-written file.
    temporary = f"{path}.bench-tmp"
    with open(temporary, "w") as out:
        out.write(text)
    os.replace(temporary, path)


def with_version(text, version):
    return VERSION_LINE.sub(f'__version__ = "{version}"', text, count=1)


# ---- statistics ----


def percentile(values, fraction):
    """Nearest-rank percentile of a sorted list; None when empty."""
    if not values:
        return None
    rank = max(1, min(len(values), int(-(-fraction * len(values) // 1))))
    return values[rank - 1]


def latency_summary(records):
    """p50/p99/max (ms) from the scheduled send and from the actual send, over the answered requests."""
    scheduled = sorted((r[2] - r[0]) * 1000 for r in records)
    actual = sorted((r[2] - r[1]) * 1000 for r in records)

    def three(values):
        return {
            "p50": percentile(values, 0.50),
            "p99": percentile(values, 0.99),
            "max": values[-1] if values else None,
        }

    return {"requests": len(records), "from_scheduled_ms": three(scheduled), "from_send_ms": three(actual)}


def in_any(t, windows):
    return any(start <= t < end for start, end in windows)


def cpu_busy():
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


# ---- run ----


def wait_ready(host, port, deadline, tool_pid):
    last = "nothing answered"
    while time.monotonic() < deadline:
        if tool_pid and process_start_time(tool_pid) is None:
            fail(f"the tool (pid {tool_pid}) exited before the app answered")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if response.status == 200:
                return json.loads(body)["version"]
            last = f"status {response.status}"
        except (OSError, ValueError, KeyError, http.client.HTTPException) as error:
            last = str(error)
        time.sleep(0.1)
    fail(f"127.0.0.1:{port}/healthz did not answer 200 in time ({last})")


def run(args):
    try:
        with open(args.init) as source:
            original = source.read()
    except OSError as error:
        fail(f"cannot read {args.init}: {error.strerror}")
    if not VERSION_LINE.search(original):
        fail(f'{args.init}: no line __version__ = "..." to rewrite')
    processes = ProcessLog(args.tool_pid)
    started_wait = time.monotonic()
    first_version = wait_ready(args.host, args.port, started_wait + args.ready_timeout, args.tool_pid)
    ready_seconds = time.monotonic() - started_wait
    processes.sample()

    recorder = Recorder()
    jobs = queue.SimpleQueue()
    workers = [Worker(jobs, recorder, args.host, args.port, args.timeout) for _ in range(args.workers)]
    for worker in workers:
        worker.start()
    scheduler = Scheduler(jobs, args.rate)
    cpu_before = cpu_busy()
    tool_before = cpu_seconds(args.tool_pid) if args.tool_pid else None
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    load_before = os.getloadavg()
    scheduler.start()
    time.sleep(args.warmup)

    def say(message):
        if not args.quiet:
            print(f"dev_reload_load: {message}", file=sys.stderr, flush=True)

    reloads = []  # {version, save, seen}
    gave_up = False
    current = original
    for n in range(1, args.reloads + 1):
        version = f"0.1.0+r{n}"
        current = with_version(current, version)
        recorder.await_version(version)
        cpu_at_save = cpu_busy()
        write_file(args.init, current)
        save = time.monotonic()
        seen = recorder.wait_seen(save + args.reload_timeout)
        cpu_at_seen = cpu_busy()
        spent, elapsed = cpu_at_seen[0] - cpu_at_save[0], cpu_at_seen[1] - cpu_at_save[1]
        cpu_percent = round(100.0 * spent / elapsed, 1) if elapsed else None
        reloads.append({"version": version, "save": save, "seen": seen, "cpu_busy_percent": cpu_percent})
        if seen is None:
            say(f"reload {n}: {version} not answered within {args.reload_timeout:g} s")
            if len(reloads) >= args.give_up_after and all(r["seen"] is None for r in reloads[-args.give_up_after:]):
                say(f"giving up: {args.give_up_after} edits in a row were not answered (no broken phase either)")
                gave_up = True
                break
        elif n % 10 == 0 or n == args.reloads:
            say(f"reload {n}/{args.reloads}: {(seen - save) * 1000:.0f} ms")
        # The process sample (a few ms of the client's time) falls after the reload window, not in it.
        time.sleep(min(args.settle, WINDOW_TAIL + 0.05))
        processes.sample()
        time.sleep(max(0.0, args.settle - WINDOW_TAIL - 0.05))

    # The broken phase: a syntax error for a while, under load, then a fix with a new version.
    broken = None
    if args.broken_seconds > 0 and not gave_up:
        last_good = reloads[-1]["version"] if reloads else first_version
        broken_text = with_version(current, "0.1.0+broken") + "\ndef broken(:  # a syntax error on purpose\n"
        recorder.await_version("0.1.0+broken")  # never answered: the file does not compile
        write_file(args.init, broken_text)
        broken_save = time.monotonic()
        while time.monotonic() < broken_save + args.broken_seconds:
            processes.sample()
            time.sleep(0.5)
        fixed_version = "0.1.0+fixed"
        current = with_version(current, fixed_version)
        recorder.await_version(fixed_version)
        write_file(args.init, current)
        fix_save = time.monotonic()
        recovered = recorder.wait_seen(fix_save + args.reload_timeout)
        processes.sample()
        broken = {"save": broken_save, "fix": fix_save, "recovered": recovered, "last_good": last_good}
        say(
            "broken phase: fixed after %.1f s; %s"
            % (
                fix_save - broken_save,
                f"new code answered {(recovered - fix_save) * 1000:.0f} ms after the fix"
                if recovered
                else "the fix was not answered",
            )
        )
        time.sleep(args.settle)

    time.sleep(args.tail)
    scheduler.stop_at = time.monotonic()
    scheduler.join()
    for _ in workers:
        jobs.put(None)
    end_deadline = time.monotonic() + args.timeout * 2 + 5
    for worker in workers:
        worker.join(max(0.0, end_deadline - time.monotonic()))
    stuck = sum(worker.is_alive() for worker in workers)
    cpu_after = cpu_busy()
    tool_after = cpu_seconds(args.tool_pid) if args.tool_pid else None
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    load_after = os.getloadavg()
    now = processes.sample()

    with recorder.lock:
        records = list(recorder.records)
    result = summarize(args, records, reloads, broken, scheduler, stuck)
    busy = cpu_after[0] - cpu_before[0]
    total = cpu_after[1] - cpu_before[1]
    result["machine"] = {
        "cores": os.cpu_count(),
        "cpu_busy_percent": round(100.0 * busy / total, 1) if total else None,
        "loadavg_before": [round(v, 2) for v in load_before],
        "loadavg_after": [round(v, 2) for v in load_after],
        "client_cpu_seconds": round(
            (client_after.ru_utime - client_before.ru_utime) + (client_after.ru_stime - client_before.ru_stime), 2
        ),
    }
    result["tool_cpu_seconds"] = (
        round(tool_after - tool_before, 2) if tool_before is not None and tool_after is not None else None
    )
    result["ready_seconds"] = round(ready_seconds, 2)
    result["processes"] = {
        "seen": [[pid, start, line] for (pid, start), line in sorted(processes.seen.items())],
        "alive_at_end": len(now),
        "app_processes_at_end": app_processes(now),
    }
    result["reconnects"] = recorder.reconnects
    result["gave_up"] = gave_up
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)
    return 0


def summarize(args, records, reloads, broken, scheduler, stuck):
    answered = [r for r in records if r[5] is None]
    failed = [r for r in records if r[5] is not None]
    windows = []
    for reload in reloads:
        end = reload["seen"] + WINDOW_TAIL if reload["seen"] else reload["save"] + args.reload_timeout
        windows.append((reload["save"], end))
    broken_window = None
    if broken:
        end = broken["recovered"] + WINDOW_TAIL if broken["recovered"] else broken["fix"] + args.reload_timeout
        broken_window = (broken["save"], end)
    # Outside the reloads: before the syntax error, away from every reload window (after the broken phase the
    # backlog of a tool that held requests drains for a while, which is no steady state).
    excluded = windows + ([(broken_window[0], float("inf"))] if broken_window else [])

    events = [(r["save"], f"save of {r['version']}") for r in reloads]
    if broken:
        events += [(broken["save"], "save of the syntax error"), (broken["fix"], "save of the fix")]

    def nearest_event(t):
        """The last edit before a moment, and how long after it the moment came."""
        earlier = [event for event in events if event[0] <= t]
        if not earlier:
            return "before the first edit"
        save, name = max(earlier)
        return f"sent {(t - save) * 1000:.0f} ms after the {name}"

    # A response from older code sent after the new code answered: requests still going to the old instance.
    stale = 0
    order = {r["version"]: i for i, r in enumerate(reloads)}
    for i, reload in enumerate(reloads):
        if reload["seen"] is None:
            continue
        end = reloads[i + 1]["save"] if i + 1 < len(reloads) else (broken["save"] if broken else float("inf"))
        for r in answered:
            if reload["seen"] < r[1] < end and r[4] in order and order[r[4]] < i:
                stale += 1

    def describe(r):
        """When a request was sent, against the edits and the moments the new code first answered."""
        text = nearest_event(r[0])
        switches = [rl["seen"] for rl in reloads if rl["seen"]] + ([broken["recovered"]] if broken and broken[
            "recovered"] else [])
        if switches:
            nearest = min(switches, key=lambda t: abs(t - r[0]))
            text += f", {(r[0] - nearest) * 1000:+.0f} ms from the nearest first answer from new code"
        return text

    slowest = sorted(records, key=lambda r: r[2] - r[0], reverse=True)[:10]
    per_reload = []
    for (start, end), reload in zip(windows, reloads):
        inside = [r for r in answered if start <= r[0] < end]
        worst = max(inside, key=lambda r: r[2] - r[0], default=None)
        per_reload.append(
            {
                "reload_ms": round((reload["seen"] - reload["save"]) * 1000, 1) if reload["seen"] else None,
                "requests": len(inside),
                "worst_ms": round((worst[2] - worst[0]) * 1000, 1) if worst else None,
                "worst_sent_after_save_ms": round((worst[0] - reload["save"]) * 1000) if worst else None,
                "cpu_busy_percent": reload["cpu_busy_percent"],  # the machine's, from the save to the new code
            }
        )

    in_windows = [r for r in answered if in_any(r[0], windows)]
    steady = [r for r in answered if not in_any(r[0], excluded)]
    reload_ms = sorted((r["seen"] - r["save"]) * 1000 for r in reloads if r["seen"])
    result = {
        "settings": {
            "rate": args.rate,
            "workers": args.workers,
            "reloads": args.reloads,
            "settle_s": args.settle,
            "broken_s": args.broken_seconds,
            "timeout_s": args.timeout,
        },
        "requests": len(records),
        "scheduled": scheduler.issued,
        "scheduler_late_max_ms": round(scheduler.late_max * 1000, 1),
        "duration_s": round(records[-1][0] - records[0][0], 1) if records else 0,
        "failed": len(failed) + stuck,  # a worker still waiting at the end holds a request that never ended
        "retried": sum(1 for r in records if r[6]),
        "reconnects": None,
        "workers_stuck_at_end": stuck,
        "failures": [
            {"when": nearest_event(r[0]), "error": r[5], "latency_ms": round((r[2] - r[0]) * 1000, 1)}
            for r in failed[:50]
        ],
        "slowest": [
            {"latency_ms": round((r[2] - r[0]) * 1000, 1), "send_ms": round((r[2] - r[1]) * 1000, 1),
             "when": describe(r), "error": r[5]}
            for r in slowest
        ],
        "per_reload": per_reload,
        "latency_all": latency_summary(answered),
        "latency_steady": latency_summary(steady),
        "latency_reloads": latency_summary(in_windows),
        "failed_in_reloads": sum(1 for r in failed if in_any(r[0], windows)),
        "stale_after_switch": stale,
        "reload_ms": {
            "count": args.reloads,
            "answered": len(reload_ms),
            "p50": percentile(reload_ms, 0.50),
            "p95": percentile(reload_ms, 0.95),
            "max": reload_ms[-1] if reload_ms else None,
        },
    }
    if broken:
        during = [r for r in records if broken["save"] <= r[0] < broken["fix"]]
        during_answered = [r for r in during if r[5] is None]
        versions = {}
        for r in during_answered:
            versions[r[4]] = versions.get(r[4], 0) + 1
        result["broken"] = {
            "seconds": round(broken["fix"] - broken["save"], 2),
            "requests": len(during),
            "failed": sum(1 for r in during if r[5] is not None),
            "hung": sum(1 for r in during if r[2] - r[0] > HUNG_SECONDS),
            "max_ms": max(((r[2] - r[0]) * 1000 for r in during), default=None),
            "versions": versions,
            "last_good": broken["last_good"],
            "recovery_ms": (broken["recovered"] - broken["fix"]) * 1000 if broken["recovered"] else None,
            "latency": latency_summary(during_answered),
        }
    return result


# ---- survivors ----


def survivors(args):
    try:
        with open(args.result) as source:
            result = json.load(source)
    except (OSError, ValueError) as error:
        fail(f"cannot read the result {args.result}: {error}")
    project = os.path.realpath(args.project)
    deadline = time.monotonic() + args.wait
    while True:
        alive = {}
        for pid, start, line in result["processes"]["seen"]:
            if process_start_time(pid) == start:
                alive[pid] = line
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == os.getpid():
                continue
            try:
                cwd = os.readlink(f"/proc/{name}/cwd")
            except OSError:
                continue
            if cwd == project or cwd.startswith(project + "/"):
                alive[int(name)] = command_line(int(name))
        if not alive or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    for pid, line in sorted(alive.items()):
        print(f"{pid} {line}")
    if args.kill:
        for pid in alive:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
    return 0


# ---- report ----


def fmt_ms(value):
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def three_ms(summary):
    return f"{fmt_ms(summary['p50'])} / {fmt_ms(summary['p99'])} / {fmt_ms(summary['max'])}"


def rounded(value):
    """The value with every float to 0.1 (ms and percent need no more)."""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def report(args):
    runs = []
    for item in args.runs:
        name, _, path = item.partition("=")
        if not name or not path:
            fail(f"'{item}': give NAME=RESULT.json")
        try:
            with open(path) as source:
                result = json.load(source)
        except (OSError, ValueError) as error:
            fail(f"cannot read the result {path}: {error}")
        extra_path = path + ".tool"
        if os.path.exists(extra_path):
            with open(extra_path) as source:
                result["tool"] = json.load(source)
        runs.append((name, result))

    rows = []

    def row(label, render):
        rows.append((label, [render(r) for _, r in runs]))

    def broken_text(r):
        b = r.get("broken")
        if not b:
            return "–"
        return f"{b['failed']} / {b['hung']} / {fmt_ms(b['max_ms'])}"

    def answered_by(r):
        b = r.get("broken")
        if not b or not b["versions"]:
            return "nothing"
        parts = []
        for version, count in sorted(b["versions"].items(), key=lambda kv: -kv[1]):
            tag = " (last good)" if version == b["last_good"] else ""
            parts.append(f"{version}{tag} ×{count}")
        return ", ".join(parts)

    row("requests / failed", lambda r: f"{r['requests']} / {r['failed']}")
    row("  retried on a fresh connection", lambda r: str(r["retried"]))
    row("  failed during reloads", lambda r: str(r["failed_in_reloads"]))
    row("  idle connections the server closed", lambda r: str(r["reconnects"]))
    row("latency in reload windows", lambda r: f"{r['latency_reloads']['requests']} requests")
    row("  p50/p99/max from scheduled send", lambda r: three_ms(r["latency_reloads"]["from_scheduled_ms"]))
    row("  p50/p99/max from actual send", lambda r: three_ms(r["latency_reloads"]["from_send_ms"]))
    row("latency outside reloads (before the break)", lambda r: f"{r['latency_steady']['requests']} requests")
    row("  p50/p99/max from scheduled send", lambda r: three_ms(r["latency_steady"]["from_scheduled_ms"]))
    row("  p50/p99/max from actual send", lambda r: three_ms(r["latency_steady"]["from_send_ms"]))
    row("whole run p50/p99/max (scheduled)", lambda r: three_ms(r["latency_all"]["from_scheduled_ms"]))
    row("reload latency p50/p95/max", lambda r: three_ms({**r["reload_ms"], "p99": r["reload_ms"]["p95"]}))
    def worst_per_reload(r):
        worst = sorted(p["worst_ms"] for p in r["per_reload"] if p["worst_ms"] is not None)
        if not worst:
            return "–"
        over = sum(1 for w in worst if w >= 50)
        return f"{fmt_ms(percentile(worst, 0.5))} / {fmt_ms(worst[-1])}; {over} over 50 ms"

    row("  worst request per reload: median / max", worst_per_reload)
    row("  reloads answered", lambda r: f"{r['reload_ms']['answered']} of {r['reload_ms']['count']}")
    row("  old code answering after the switch", lambda r: str(r["stale_after_switch"]))
    row("  reloads the tool reported", lambda r: str(r.get("tool", {}).get("reported_reloads", "–"))
        if r.get("tool", {}).get("reported_reloads") else "–")
    row("syntax error in the file", lambda r: f"{r['broken']['seconds']:.1f} s, {r['broken']['requests']} requests"
        if r.get("broken") else "–")
    row("  failed / hung (>1 s) / max", broken_text)
    row("  answered by", answered_by)
    row("  recovery after the fix", lambda r: fmt_ms(r["broken"]["recovery_ms"]) if r.get("broken") else "–")
    row("app processes before the stop", lambda r: str(r["processes"]["app_processes_at_end"]))
    row("processes left after stop", lambda r: str(len(r.get("tool", {}).get("survivors", []))))
    row(
        "stopped cleanly",
        lambda r: "NO: it exited during the run"
        if r.get("tool", {}).get("exited_early")
        else "yes"
        if r.get("tool", {}).get("stopped")
        else "NO",
    )
    row(
        "CPU of the tool's own process (s)",
        lambda r: "–" if r.get("tool_cpu_seconds") is None else str(r["tool_cpu_seconds"]),
    )
    row("client stalled (scheduler late, max)", lambda r: fmt_ms(r["scheduler_late_max_ms"]))
    row("machine CPU busy during run", lambda r: f"{r['machine']['cpu_busy_percent']}%")
    row("  client CPU (s) / load avg before", lambda r: f"{r['machine']['client_cpu_seconds']} / "
        f"{r['machine']['loadavg_before'][0]}")

    names = [name for name, _ in runs]
    label_width = max(len(label) for label, _ in rows)
    widths = [max([len(name)] + [len(values[i]) for _, values in rows]) for i, name in enumerate(names)]
    print(args.title)
    print(f"{'':<{label_width}}  " + "  ".join(f"{n:<{w}}" for n, w in zip(names, widths)))
    for label, values in rows:
        print(f"{label:<{label_width}}  " + "  ".join(f"{v:<{w}}" for v, w in zip(values, widths)))
    for name, r in runs:
        if r["scheduler_late_max_ms"] >= CLIENT_STALL_MS:
            print(
                f"  {name}: the client itself was stalled for up to {fmt_ms(r['scheduler_late_max_ms'])} (its "
                "scheduler woke that late): the machine was overloaded, and the latencies include that stall"
            )
        for failure in r["failures"][:10]:
            print(f"  {name} failure: {failure['when']}: {failure['error']}")
        if r["failed"] > 10:
            print(f"  {name}: {r['failed'] - 10} more failures (the result JSON lists up to 50)")
    for name, r in runs:
        print(f"slowest requests, {name} (latency from the scheduled send; when it was scheduled):")
        for slow in r["slowest"][:5]:
            print(f"  {fmt_ms(slow['latency_ms']):>9} (sent: {fmt_ms(slow['send_ms'])}) {slow['when']}")

    summary = {"bench": "dev_reload", "machine": args.machine, "load": args.load, "tools": {}}
    for name, r in runs:
        summary["tools"][name] = {
            "requests": r["requests"],
            "failed": r["failed"],
            "retried": r["retried"],
            "reload_window_ms": r["latency_reloads"]["from_scheduled_ms"],
            "reload_window_send_ms": r["latency_reloads"]["from_send_ms"],
            "steady_ms": r["latency_steady"]["from_scheduled_ms"],
            "reload_latency_ms": {k: r["reload_ms"][k] for k in ("p50", "p95", "max")},
            "reloads_answered": r["reload_ms"]["answered"],
            "broken": {k: r["broken"][k] for k in ("failed", "hung", "max_ms", "recovery_ms")}
            if r.get("broken")
            else None,
            "survivors": len(r.get("tool", {}).get("survivors", [])),
            "client_stall_ms": r["scheduler_late_max_ms"],
            "stopped_cleanly": bool(r.get("tool", {}).get("stopped")) and not r.get("tool", {}).get("exited_early"),
            "cpu_busy_percent": r["machine"]["cpu_busy_percent"],
        }
    print(json.dumps(rounded(summary), separators=(",", ":")))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("run", help="load the app while editing its code")
    load.add_argument("--host", default="127.0.0.1")
    load.add_argument("--port", type=int, required=True)
    load.add_argument("--init", required=True, help="PKG/__init__.py, whose __version__ /healthz answers")
    load.add_argument("--out", required=True, help="where the result goes (JSON)")
    load.add_argument("--reloads", type=int, default=50)
    load.add_argument("--rate", type=float, default=200.0, help="requests per second")
    load.add_argument("--workers", type=int, default=32, help="client threads, a keep-alive connection each")
    load.add_argument("--timeout", type=float, default=10.0, help="seconds without an answer that fail a request")
    load.add_argument("--settle", type=float, default=0.5, help="seconds between a reload seen and the next edit")
    load.add_argument("--broken-seconds", type=float, default=5.0)
    load.add_argument("--reload-timeout", type=float, default=30.0, help="seconds to wait for the new code")
    load.add_argument("--give-up-after", type=int, default=3, help="stop editing after this many unanswered edits")
    load.add_argument("--warmup", type=float, default=2.0, help="seconds of load before the first edit")
    load.add_argument("--tail", type=float, default=1.0, help="seconds of load after the last edit")
    load.add_argument("--ready-timeout", type=float, default=60.0)
    load.add_argument("--tool-pid", type=int, default=0, help="record the processes this one starts")
    load.add_argument("--quiet", action="store_true")
    load.set_defaults(handler=run)

    left = commands.add_parser("survivors", help="processes of a run still there")
    left.add_argument("--result", required=True)
    left.add_argument("--project", required=True)
    left.add_argument("--wait", type=float, default=3.0, help="seconds to let them go first")
    left.add_argument("--kill", action="store_true", help="then SIGKILL them")
    left.set_defaults(handler=survivors)

    table = commands.add_parser("report", help="side-by-side table and JSON summary")
    table.add_argument("--title", default="")
    table.add_argument("--load", default="", help="the load, in words, for the JSON line")
    table.add_argument("--machine", default="", help="the machine, in words, for the JSON line")
    table.add_argument("runs", nargs="+", metavar="NAME=RESULT.json")
    table.set_defaults(handler=report)

    args = parser.parse_args()
    for name in ("rate", "workers", "timeout"):
        if getattr(args, name, 1) <= 0:
            parser.error(f"--{name} must be positive")
    if getattr(args, "reloads", 0) < 0:
        parser.error("--reloads must not be negative")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
