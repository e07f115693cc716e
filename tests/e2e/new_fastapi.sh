#!/usr/bin/env bash
# `apictl new` with the built-in fastapi template: the project's own tests pass, its contract lints clean,
# the app started like its dev command answers 200 on /healthz.
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi uvicorn httpx pytest yaml

project="$work/petstore"
expect_exit 0 "apictl new --defaults --no-hooks" -- "$APICTL" new "$project" --defaults --no-hooks
check "summary names the template" -- grep -q "from template fastapi" "$work/out"
check "apictl.toml records the template" -- grep -q '^template = "fastapi"$' "$project/apictl.toml"
check "apictl.toml records the answers" -- grep -q '^project_name = "petstore"$' "$project/apictl.toml"
check "no temporary folder left beside it" -- bash -c "! ls -A '$work' | grep -q apictl-new"

expect_exit 0 "the generated project's tests pass" -- bash -c "cd '$project' && '$python' -m pytest -q"
check "pytest ran the contract drift test" -- grep -Eq "^[0-9]+ passed" "$work/out"
expect_exit 0 "its contract lints clean" -- "$APICTL" -C "$project" contract lint
check "no findings at all" -- grep -q "no problems (0 errors, 0 warnings" "$work/out"

# Drift is caught: a renamed operationId in the contract fails the project's own test.
sed -i 's/operationId: getItem$/operationId: fetchItem/' "$project/openapi.yaml"
expect_exit 1 "a drifted contract fails the drift test" -- bash -c "cd '$project' && '$python' -m pytest -q tests/test_contract.py"
check "the drift is named" -- grep -q "operationId" "$work/out"
sed -i 's/operationId: fetchItem$/operationId: getItem/' "$project/openapi.yaml"

# Start the app as the dev command does, on a free loopback port, and ask /healthz.
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$project" && exec "$python" -m uvicorn petstore.main:app --host 127.0.0.1 --port "$port") \
  >"$work/server.log" 2>&1 &
server_pid=$!
healthy=0
for _ in $(seq 1 100); do
  if "$python" - "$port" <<'PY' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1) as response:
    sys.exit(0 if response.status == 200 else 1)
PY
    healthy=1
    break
  fi
  sleep 0.1
done
check "the app answers 200 on /healthz" -- test "$healthy" = 1
[[ "$healthy" == 1 ]] || sed 's/^/  server: /' "$work/server.log" >&2
# The request id: the client's X-Request-ID comes back, and the server's log line shows it (written after the
# response, so it is waited for).
check "the response echoes the client's X-Request-ID" -- "$python" - "$port" <<'PY'
import sys, urllib.request
request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/healthz", headers={"X-Request-ID": "e2e-report-7"})
with urllib.request.urlopen(request, timeout=2) as response:
    sys.exit(0 if response.headers["X-Request-ID"] == "e2e-report-7" else 1)
PY
check "the server's log line shows the request id" -- bash -c "for _ in \$(seq 1 50); do
  grep -q 'GET /healthz 200 request_id=e2e-report-7' '$work/server.log' && exit 0; sleep 0.1; done; exit 1"
stop_server

finish
