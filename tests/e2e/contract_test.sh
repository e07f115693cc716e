#!/usr/bin/env bash
# apictl contract test against a FastAPI app with six planted contract defects (tests/fixtures/contract_test,
# listed in expected_defects.txt) and its conforming twin: every planted defect is found, by check id and
# operation, once, with a curl command that reproduces it; the twin gives none and exits 0; json parses, junit
# is well-formed; the same seed gives the same bytes; auth headers from the environment are sent but never
# printed; a dead address, a bad URL and a missing contract exit 2.
source "$(dirname "$0")/lib.bash"
need_python_modules fastapi uvicorn pydantic

fixture="$(realpath tests/fixtures/contract_test)"
contract="$fixture/openapi.yaml"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

healthy() {
  "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=2)' \
    "$base" 2>/dev/null
}
start_app() {  # start_app MODULE [PORT]: serves MODULE:app of the fixture on PORT (default: a free one)
  port=${2:-$(free_port)}
  base="http://127.0.0.1:$port"
  "$python" -m uvicorn --app-dir "$fixture" "$1:app" --host 127.0.0.1 --port "$port" >"$work/$1.log" 2>&1 &
  server_pid=$!
  wait_until 30 healthy || { echo "FAIL: $1 did not start" >&2; cat "$work/$1.log" >&2; exit 1; }
}

# ---- input errors (exit 2) ----
base="http://127.0.0.1:$(free_port)"
expect_exit 2 "nothing listening exits 2" -- "$APICTL" contract test --base-url "$base" "$contract" && {
  check "... saying it cannot reach the URL" -- grep -q "cannot reach $base" "$work/err"
  check "... with a hint" -- grep -q "start the app first" "$work/err"
}
expect_exit 2 "a URL without a scheme exits 2" -- "$APICTL" contract test --base-url 127.0.0.1:8000 "$contract" &&
  check "... naming --base-url" -- grep -q -- "--base-url '127.0.0.1:8000' has no scheme" "$work/err"
expect_exit 2 "a missing contract exits 2" -- "$APICTL" contract test --base-url "$base" "$work/none.yaml"
printf 'openapi: 3.0.3\npaths: [\n' >"$work/broken.yaml"
expect_exit 2 "a malformed contract exits 2" -- "$APICTL" contract test --base-url "$base" "$work/broken.yaml"
unset APICTL_E2E_UNSET
expect_exit 2 "a header naming an unset variable exits 2" -- \
  "$APICTL" contract test --base-url "$base" --header 'X-Key: ${APICTL_E2E_UNSET}' "$contract" &&
  check "... naming the variable" -- grep -q 'APICTL_E2E_UNSET}, which is not set' "$work/err"

# ---- the app with planted defects ----
# Each run starts from a fresh app on the same port: POST /items adds items, which later GETs would see.
fresh_app() {
  stop_server
  start_app "$1" "${port:-}"
}
export APICTL_E2E_KEY="e2e-secret-value"
run() { "$APICTL" contract test --base-url "$base" --seed 7 --header 'X-Api-Key: ${APICTL_E2E_KEY}' "$@" "$contract"; }
port=""
fresh_app defective
expect_exit 1 "defects exit 1 (text)" -- run
cp "$work/out" "$work/text1"
fresh_app defective
expect_exit 1 "defects exit 1 (json)" -- run --format json
cp "$work/out" "$work/json1"
check "json parses" -- "$python" -m json.tool "$work/json1" /dev/null

while IFS=$'\t' read -r rule operation; do
  [[ -z "$rule" || "$rule" == \#* ]] && continue
  found=$("$python" -c '
import json, sys
report = json.load(open(sys.argv[1]))
print(sum(1 for d in report["defects"] if d["check"] == sys.argv[2] and d["operation"] == sys.argv[3]))
' "$work/json1" "$rule" "$operation")
  check "$rule on $operation is reported once (got $found)" -- test "$found" -eq 1
  check "... and in the text report" -- grep -qF -- "$operation $rule " "$work/text1"
done <"$fixture/expected_defects.txt"
expected=$(grep -c -v '^#' "$fixture/expected_defects.txt")
total=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"]["defects"])' "$work/json1")
check "nothing else is reported ($total defects for $expected planted)" -- test "$total" -eq "$expected"

# Pointers and details of the schema defects.
check "the wrong type points at /amount" -- "$python" -c '
import json, sys
d = [d for d in json.load(open(sys.argv[1]))["defects"] if d["operation"] == "GET /items/{itemId}/price"][0]
assert d["pointer"] == "/amount" and d["schema"]["keyword"] == "type", d' "$work/json1"
check "the missing property is named, with the schema location" -- "$python" -c '
import json, sys
d = [d for d in json.load(open(sys.argv[1]))["defects"] if d["operation"] == "GET /items/{itemId}"][0]
assert "category" in d["message"] and d["schema"]["keyword"] == "required", d
assert d["schema"]["file"].endswith("openapi.yaml") and d["schema"]["line"] > 0, d' "$work/json1"
check "the 500 was found at the boundary limit=100" -- "$python" -c '
import json, sys
d = [d for d in json.load(open(sys.argv[1]))["defects"] if d["check"] == "server-error"][0]
assert "limit=100" in d["request"]["target"] and d["case"] == "query '"'"'limit'"'"': maximum", d' "$work/json1"

# Each curl command reproduces its defect; the auth header is sent from the environment, never printed.
curl_of() {
  "$python" -c '
import json, sys
print([d for d in json.load(open(sys.argv[1]))["defects"] if d["check"] == sys.argv[2]][0]["curl"])' "$work/json1" "$1"
}
if command -v curl >/dev/null; then
  check "the server-error curl gets a 500" -- bash -c "$(curl_of server-error) | head -1 | grep -q ' 500'"
  check "the undocumented-status curl gets a 200" -- bash -c "$(curl_of response-status-undocumented) | head -1 | grep -q ' 200'"
fi
check "the curl commands show \${APICTL_E2E_KEY}" -- grep -qF 'X-Api-Key: ${APICTL_E2E_KEY}' "$work/text1"
check "the key's value is printed nowhere" -- bash -c "! grep -q e2e-secret-value '$work/text1' '$work/json1'"

# The same seed against the same app gives the same bytes; junit is well-formed.
fresh_app defective
expect_exit 1 "a second run with the same seed" -- run
check "text output is byte-identical" -- cmp -s "$work/out" "$work/text1"
fresh_app defective
expect_exit 1 "a second json run with the same seed" -- run --format json
check "json output is byte-identical" -- cmp -s "$work/out" "$work/json1"
expect_exit 1 "junit output exits 1 too" -- run --format junit
check "junit is well-formed XML with a failure per defective check" -- "$python" -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
failures = root.findall(".//failure")
assert len(failures) == int(sys.argv[2]), (len(failures), sys.argv[2])' "$work/out" "$expected"
expect_exit 1 "another seed still finds the defects" -- "$APICTL" contract test --base-url "$base" --seed 8 "$contract"
stop_server

# ---- the conforming twin ----
port=""
start_app conforming
expect_exit 0 "the conforming twin has no defects (exit 0)" -- run
check "... and says so" -- grep -q "^0 defects in 0 of 6 operations" "$work/out"
check "... nor requests off the contract" -- bash -c "! grep -q 'did not conform' '$work/out'"
expect_exit 0 "... in json" -- run --format json
check "... whose summary counts requests" -- "$python" -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["defects"] == 0 and s["requests"] > 30 and s["operations"] == 6, s' "$work/out"
expect_exit 0 "... in junit" -- run --format junit
check "... with no failures" -- "$python" -c '
import sys, xml.etree.ElementTree as ET
assert not ET.parse(sys.argv[1]).getroot().findall(".//failure")' "$work/out"
stop_server

finish
