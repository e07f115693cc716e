#!/usr/bin/env bash
# apictl doctor: on a fastapi project with Debian's Python everything is found (exit 0); a missing module, a
# missing program, the dev port in use and a broken contract each fail (exit 1) with a fix; outside a project
# only a warning; a malformed apictl.toml is named with its line and column.
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi uvicorn pytest
project="$work/pets"
expect_exit 0 "apictl new" -- "$APICTL" new "$project" --defaults --no-hooks
# The project's commands run `python3`: Debian's, first on PATH here.
mkdir -p "$work/bin"
ln -s "$python" "$work/bin/python3"
export PATH="$work/bin:$PATH"
port=$(free_port)

expect_exit 0 "a ready project" -- "$APICTL" -C "$project" doctor --port "$port"
check "the contract is valid" -- grep -q "ok    contract .*is valid" "$work/out"
check "uvicorn is importable" -- grep -q "ok    python3 -m uvicorn .*importable" "$work/out"
check "pytest is importable" -- grep -q "python3 -m pytest" "$work/out"
check "the port is free" -- grep -q "ok    port $port" "$work/out"
check "ready" -- grep -q "^ready: " "$work/out"

expect_exit 0 "--format json" -- "$APICTL" -C "$project" doctor --port "$port" --format json
check "json: ok, every check listed" -- "$python" -c '
import json, sys
report = json.load(open(sys.argv[1]))
assert report["schema"] == "apictl.doctor/v1" and report["ok"] is True, report
names = [c["name"] for c in report["checks"]]
assert names[:3] == ["apictl.toml", "contract", "git"] and "python3 -m uvicorn" in names, names
' "$work/out"

# A module that is not there, a program that is not there.
sed -i 's/^test = .*/test = "python3 -m no_such_module_here \&\& no-such-program-here"/' "$project/apictl.toml"
expect_exit 1 "a missing module and program" -- "$APICTL" -C "$project" doctor --port "$port"
check "the module fails, with a Debian package to install" -- \
  grep -q "FAIL  python3 -m no_such_module_here .*No module named" "$work/out"
check "its fix" -- grep -q "fix: sudo apt-get install python3-no-such-module-here" "$work/out"
check "the program fails" -- grep -q "FAIL  no-such-program-here .*not found on PATH" "$work/out"
check "the count" -- grep -q "^2 of [0-9]* checks failed" "$work/out"
"$APICTL" -C "$project" doctor --port "$port" --format json >"$work/json" || true
check "json: not ok" -- grep -q '"ok": false' "$work/json"
sed -i 's/^test = .*/test = "python3 -m pytest -q"/' "$project/apictl.toml"

# The port in use.
"$python" -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(60)' "$port" &
server_pid=$!
wait_until 5 bash -c "! '$APICTL' -C '$project' doctor --port $port >/dev/null"
expect_exit 1 "the port in use" -- "$APICTL" -C "$project" doctor --port "$port"
check "says so, and how to find what holds it" -- grep -q "FAIL  port $port .*in use" "$work/out"
check "the fix names ss and --port" -- grep -q "ss -ltnp.*apictl dev --port N" "$work/out"
stop_server

# A contract with a structural error.
cp "$project/openapi.yaml" "$work/contract.good"
sed -i 's/^openapi: .*/openapi: 3.1.0\nwebhooks: 7/' "$project/openapi.yaml"
expect_exit 1 "a broken contract" -- "$APICTL" -C "$project" doctor --port "$port"
check "the contract fails with file:line:column" -- grep -q "FAIL  contract .*openapi.yaml:[0-9]*:[0-9]*" "$work/out"
cp "$work/contract.good" "$project/openapi.yaml"

# A malformed apictl.toml.
cp "$project/apictl.toml" "$work/toml.good"
echo "[dev" >>"$project/apictl.toml"
expect_exit 1 "a malformed apictl.toml" -- "$APICTL" -C "$project" doctor --port "$port"
check "named with its line and column" -- grep -q "FAIL  apictl.toml .*apictl.toml:[0-9]*:[0-9]*" "$work/out"
cp "$work/toml.good" "$project/apictl.toml"

# Outside a project: the machine's checks, a warning, exit 0.
mkdir -p "$work/elsewhere"
expect_exit 0 "outside a project" -- "$APICTL" -C "$work/elsewhere" doctor --port "$port"
check "warns that there is no project" -- grep -q "warn  apictl.toml .*not in a project" "$work/out"
check "still checks git" -- grep -q "git " "$work/out"
expect_exit 2 "a bad --format" -- "$APICTL" doctor --format xml

finish
