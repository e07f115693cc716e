#!/usr/bin/env bash
# apictl dev's live contract checks on a fixture app with four known violations (tests/fixtures/dev/violations):
# each is printed exactly once with its operation and JSON pointer however often it happens, every occurrence
# goes to the JSON-lines log, conforming calls get a ✓; the docs page is served; --mock answers from the
# contract and its answers conform.
source "$(dirname "$0")/lib.bash"

fixture="$(realpath tests/fixtures/dev/violations)"
project="$work/project"
mkdir -p "$project"
cp "$fixture/app.py" "$fixture/openapi.yaml" "$project/"
cat >"$project/apictl.toml" <<'TOML'
[project]
name = "violations"

[contract]
path = "openapi.yaml"

[dev]
command = "exec /usr/bin/python3 app.py --port {port}"
health = "/healthz"
watch = ["app.py"]
TOML

log="$work/dev.log"
port=$(free_port)
(cd "$project" && exec "$APICTL" dev --port "$port" --violations-log "$work/violations.jsonl") >"$log" 2>&1 &
server_pid=$!

# send METHOD TARGET [BODY]: prints the status.
send() {
  "$python" - "$port" "$@" <<'PY'
import http.client, sys
port, method, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = sys.argv[4] if len(sys.argv) > 4 else None
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
c.request(method, target, body=body, headers={"Content-Type": "application/json"} if body else {})
r = c.getresponse()
r.read()
print(r.status)
PY
}
healthy() { [[ "$(send GET /healthz 2>/dev/null)" == 200 ]]; }
check "the fixture app serves through the proxy" -- wait_until 20 healthy

# Every request of requests.txt, twice.
for round in 1 2; do
  while read -r method target body; do
    [[ -z "$method" || "$method" == \#* ]] && continue
    send "$method" "$target" ${body:+"$body"} >/dev/null
  done <"$fixture/requests.txt"
done
sleep 0.5  # the checks run after each response is sent

violations="$work/printed"
grep "contract violation: " "$log" >"$violations" || true
expected=0
while IFS=$'\t' read -r rule operation pointer; do
  [[ -z "$rule" || "$rule" == \#* ]] && continue
  expected=$((expected + 1))
  matching=$(grep -F -- "[$rule" "$violations" | grep -F -c -- "$operation" || true)
  check "$rule on $operation is printed exactly once (got $matching)" -- test "$matching" -eq 1
  if [[ -n "$pointer" ]]; then
    check "... with its pointer $pointer" -- grep -F -- "[$rule" "$violations" | grep -F -q -- "$pointer"
  fi
  logged=$("$python" -c '
import json, sys
rule, operation = sys.argv[2], sys.argv[3]
print(sum(1 for line in open(sys.argv[1]) if (r := json.loads(line))["rule"] == rule and r["operation"] == operation))
' "$work/violations.jsonl" "$rule" "$operation")
  check "... and logged at each of its 2 occurrences (got $logged)" -- test "$logged" -eq 2
done <"$fixture/expected.txt"
printed=$(wc -l <"$violations")
check "nothing else is printed ($printed violations for $expected expected)" -- test "$printed" -eq "$expected"
check "conforming calls are marked ✓" -- grep -q "GET /pets/1 -> 200 in .* ✓" "$log"
check "violating calls are marked ✗" -- grep -q "GET /inventory -> .* ✗ 1 violation" "$log"

docs_status=$("$python" -c '
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("GET", "/_apictl/docs")
r = c.getresponse()
body = r.read().decode()
print(r.status, r.getheader("Content-Type"), "/pets/{petId}" in body)
' "$port")
check "/_apictl/docs serves the reference page ($docs_status)" -- test "$docs_status" == "200 text/html; charset=utf-8 True"
stop_server

# --mock: no app; answers conform to the contract, so nothing is reported.
port=$(free_port)
(cd "$project" && exec "$APICTL" dev --mock --port "$port" --violations-log "") >"$log" 2>&1 &
server_pid=$!
mock_answers() { [[ "$(send GET /pets/1 2>/dev/null)" == 200 ]]; }
check "the mock server answers GET /pets/1" -- wait_until 20 mock_answers
for target in /pets /pets/1 /orders /owners/1 /inventory /stats; do send GET "$target" >/dev/null; done
sleep 0.3
check "mock answers conform (no violation printed)" -- bash -c "! grep -q 'contract violation' '$log'"
check "... and are marked ✓" -- grep -q "GET /orders -> 200 in .* ✓" "$log"
check "... and no app ran" -- bash -c "! grep -q '\[app\]' '$log'"
stop_server

finish
