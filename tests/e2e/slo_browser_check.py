#!/usr/bin/env python3
"""Opens a page in headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: no port,
no websocket library) and prints one JSON object: every request the page made, every console message and
uncaught exception, and what a few DOM queries return. Used by tests/e2e/slo.sh.

usage: slo_browser_check.py PAGE.html PROFILE_DIR QUERY_JS"""
import json, os, sys, time

page, profile, query = sys.argv[1], sys.argv[2], sys.argv[3]
to_chrome_read, to_chrome_write = os.pipe()
from_chrome_read, from_chrome_write = os.pipe()
arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
# Chromium reads commands from fd 3 and writes replies and events to fd 4.
pid = os.posix_spawnp("chromium", arguments, dict(os.environ), file_actions=[
    (os.POSIX_SPAWN_DUP2, to_chrome_read, 3), (os.POSIX_SPAWN_DUP2, from_chrome_write, 4),
    (os.POSIX_SPAWN_OPEN, 2, os.path.join(profile, "chromium.log"), os.O_WRONLY | os.O_CREAT, 0o600)])
os.close(to_chrome_read)
os.close(from_chrome_write)

buffer, events, next_id = b"", [], 0
deadline = time.monotonic() + 60


def receive():
    global buffer
    while b"\0" not in buffer:
        if time.monotonic() > deadline:
            raise SystemExit("chromium did not answer within 60 s")
        chunk = os.read(from_chrome_read, 65536)
        if not chunk:
            raise SystemExit("chromium closed the pipe")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)


def call(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_write, json.dumps(message).encode() + b"\0")
    while True:
        reply = receive()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(f"{method}: {reply['error']}")
            return reply["result"]
        events.append(reply)


def wait_for(method, session, seconds):
    end = time.monotonic() + seconds
    while not any(e.get("method") == method and e.get("sessionId") == session for e in events):
        if time.monotonic() > end:
            return False
        events.append(receive())
    return True


try:
    target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page"):
        call(f"{domain}.enable", session=session)
    url = "file://" + os.path.realpath(page)
    call("Page.navigate", {"url": url}, session=session)
    loaded = wait_for("Page.loadEventFired", session, 30)
    time.sleep(0.3)  # late console messages
    result = call("Runtime.evaluate", {"expression": query, "returnByValue": True}, session=session)
    mine = [e for e in events if e.get("sessionId") == session]
    requests = [e["params"]["request"]["url"] for e in mine if e.get("method") == "Network.requestWillBeSent"]
    console = [{"type": e["params"]["type"], "text": " ".join(str(a.get("value", a.get("description", "")))
                                                              for a in e["params"]["args"])}
               for e in mine if e.get("method") == "Runtime.consoleAPICalled"]
    console += [{"type": "exception", "text": e["params"]["exceptionDetails"].get("text", "")}
                for e in mine if e.get("method") == "Runtime.exceptionThrown"]
    console += [{"type": e["params"]["entry"]["level"], "text": e["params"]["entry"]["text"]}
                for e in mine if e.get("method") == "Log.entryAdded"]
    print(json.dumps({"loaded": loaded, "page": url, "requests": requests, "console": console,
                      "dom": result["result"].get("value")}))
    try:
        call("Browser.close")
    except SystemExit:
        pass
finally:
    os.close(to_chrome_write)
    for _ in range(100):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
