#!/usr/bin/env bash
# apictl dev against the faults its users meet: an app that exits at once or never gets healthy, a failing
# build, a syntax error after a good start, a port in use, apictl killed with SIGKILL, a watched folder
# deleted and restored, a burst of 1,000 changed files. The app is a small standard-library Python server
# that answers GET /version with src/version.txt as it was when the instance started.
source "$(dirname "$0")/lib.bash"

project="$work/project"
mkdir -p "$project/src"
cat >"$project/app.py" <<'PY'
import http.server, sys
port = int(sys.argv[1])
version = open("src/version.txt").read().strip()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = version.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
echo 1 >"$project/src/version.txt"
cat >"$project/apictl.toml" <<'TOML'
[project]
name = "faults"

[dev]
command = "exec /usr/bin/python3 app.py {port}"
health = "/healthz"
watch = ["src/**", "app.py"]
TOML

port=""
log="$work/dev.log"
# start_dev ARGS...: apictl dev in the project on a fresh port, output in $log.
start_dev() {
  port=$(free_port)
  (cd "$project" && exec "$APICTL" dev --port "$port" --grace 2 "$@") >"$log" 2>&1 &
  server_pid=$!
}
# get PATH: the body, or the status code when it is not 200, or "none" when nothing answered.
get() {
  "$python" - "$port" "$1" <<'PY'
import http.client, sys
try:
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
    c.request("GET", sys.argv[2])
    r = c.getresponse()
    body = r.read().decode()
    print(body if r.status == 200 else r.status)
except Exception:
    print("none")
PY
}
answers() { [[ "$(get /version)" == "$1" ]]; }
logged() { grep -q -- "$1" "$log"; }
# The app's pid from "(pid N, port M)", the newest one.
app_pid() { grep -o 'pid [0-9]*' "$log" | tail -1 | cut -d' ' -f2; }
count() { grep -c -- "$1" "$log" || true; }

# A good start, then a syntax error: the last good instance keeps answering, and the traceback is printed.
start_dev
check "the app serves through the proxy" -- wait_until 20 answers 1
cp "$project/app.py" "$work/app.py.good"
echo "def broken(:" >>"$project/app.py"
check "a syntax error is reported with the new instance's traceback" -- wait_until 20 logged "SyntaxError"
check "... and says the last good one still serves" -- wait_until 20 logged "still serving the last good one"
check "the last good instance keeps answering" -- answers 1
cp "$work/app.py.good" "$project/app.py"
echo 2 >"$project/src/version.txt"
check "fixing it swaps in the new code" -- wait_until 20 answers 2

# A watched folder deleted and restored: the watch comes back and the restored files reload the app.
rm -rf "$project/src"
sleep 0.3
mkdir -p "$project/src"
echo 3 >"$project/src/version.txt"
check "a deleted and restored watched folder is watched again" -- wait_until 20 answers 3

# A burst of 1,000 changed files gives exactly one reload (counted once the restore's reloads are over).
settled() {
  local seen
  seen=$(count "reloaded in")
  sleep 1.5
  [[ "$(count "reloaded in")" == "$seen" ]]
}
wait_until 20 settled
before=$(count "reloaded in")
(cd "$project/src" && touch file{1..1000}.txt)
echo 4 >"$project/src/version.txt"
check "a burst of 1,000 files reloads once" -- wait_until 20 answers 4
sleep 1.5  # a second reload would come within the debounce's 1 s cap
after=$(count "reloaded in")
check "... exactly once ($before -> $after)" -- test "$after" -eq $((before + 1))
rm -f "$project"/src/file*.txt
sleep 0.3

# Killed with SIGKILL: the app notices and exits; no process of the session survives.
pid=$(app_pid)
check "the app's pid is printed" -- test -n "$pid"
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
check "SIGKILL on apictl leaves no app process (pid $pid)" -- wait_until 10 process_gone "$pid"

# Ctrl-C: everything stops, exit 0.
start_dev
check "restarted" -- wait_until 20 answers 4
pid=$(app_pid)
kill -INT "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
check "Ctrl-C exits 0 (got $status)" -- test "$status" -eq 0
check "... and stops the app (pid $pid)" -- process_gone "$pid"

# An app that exits at once: a 503 naming the reason right away (no hang), retries with backoff.
start_dev --command 'echo "boom: missing setting" >&2; exit 3'
check "an app that exits at once is reported" -- wait_until 20 logged "exited with status 3 before it was healthy"
check "... with its output" -- logged "\[app\] boom: missing setting"
started=$EPOCHREALTIME
check "... and requests get 503 at once" -- test "$(get /version)" == 503
check "... without hanging" -- awk -v started="$started" -v now="$EPOCHREALTIME" 'BEGIN { exit !(now - started < 2) }'
check "... and it is retried with backoff" -- wait_until 20 logged "starting it again in 1.0 s"
stop_server

# An app that never gets healthy: stopped after the health timeout, the reason printed.
start_dev --command 'exec sleep 60' --health-timeout 1
check "an app that never gets healthy is stopped after the timeout" -- \
  wait_until 20 logged "did not answer GET /healthz with 2xx within 1.0 s"
check "... and requests get 503" -- test "$(get /version)" == 503
stop_server

# A build that fails: nothing to serve at first, the compiler's output shown; fixing it starts the app.
echo broken >"$project/src/build-state"
start_dev --build 'if grep -q broken src/build-state; then echo "main.c:3:7: error: expected ;" >&2; exit 2; fi'
check "a failing build is reported" -- wait_until 20 logged "the build failed (exited with status 2)"
check "... with its output" -- logged "\[build\] main.c:3:7: error: expected ;"
check "... and requests get 503" -- test "$(get /version)" == 503
echo fixed >"$project/src/build-state"
check "fixing the build starts the app" -- wait_until 20 answers 4
echo broken >"$project/src/build-state"
check "a later failing build keeps the last good build serving" -- \
  wait_until 20 logged "still serving the last good build"
check "... which still answers" -- answers 4
stop_server

# The port is taken: exit 2 naming who holds it.
"$python" -c 'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", int(__import__("sys").argv[1]))); s.listen(); time.sleep(30)' \
  "${port:=$(free_port)}" &
holder=$!
wait_until 5 "$python" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])))' "$port"
expect_exit 2 "a port in use exits 2" -- bash -c "cd '$project' && '$APICTL' dev --port $port"
check "... naming the holder's pid" -- grep -q "in use by pid $holder" "$work/err"
kill "$holder"
wait "$holder" 2>/dev/null || true

finish
