#!/usr/bin/env bash
# `apictl slo`: time to first request on a fresh fastapi project (phases, median, nothing left behind), from a
# template too; lead time through the CLI on a git history; `slo check` exit codes against [slo] budgets; a
# malformed [slo] exits 2 with file:line:col; defects by contract test against the running app, keyed by tag,
# a planted one found; `slo report` opened in headless Chromium: a chart per SLO, budget
# lines, no console error, no request but the page itself (and the same check catches a page that breaks both).
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi uvicorn
# The template's dev command says `python3`; Debian's has FastAPI and uvicorn.
export PATH="/usr/bin:$PATH"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"

project="$work/slo-probe"
expect_exit 0 "apictl new fastapi" -- "$APICTL" new "$project" --template fastapi --defaults --no-hooks

# Time to first request, three runs, without [dev] setup (it installs packages from the network).
expect_exit 0 "slo measure --scenario ttfr --no-setup" -- \
  "$APICTL" -C "$project" slo measure --scenario ttfr --no-setup --runs 3 --format json
cp "$work/out" "$work/ttfr.json"
check "ttfr: the phases and the figure" -- "$python" - "$work/ttfr.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
(measurement,) = result["measurements"]
assert measurement["scenario"] == "ttfr" and measurement["source"] == "copy", measurement
phases = measurement["phases"]
assert list(phases) == ["copy", "start", "first_response"], phases  # no setup (skipped), no build step
total = measurement["figures"]["ttfr_seconds"]
assert len(measurement["run_totals"]) == 3 and 0 < total < 60, measurement
assert sorted(measurement["run_totals"])[1] == total, measurement  # the median run
print("ttfr (fastapi, copy, median of 3): %.3f s; phases: %s" % (total, ", ".join(f"{k} {v:.3f} s" for k, v in phases.items())))
PY
check "ttfr: recorded in .apictl/slo-history.jsonl" -- test "$(wc -l <"$project/.apictl/slo-history.jsonl")" = 1
check "ttfr: every temporary folder removed" -- test -z "$(ls -A "$TMPDIR")"
check "ttfr: no app left running" -- bash -c "! pgrep -f 'slo_probe[.]main:app' >/dev/null"

expect_exit 0 "slo measure --template fastapi" -- \
  "$APICTL" -C "$project" slo measure -s ttfr --template fastapi --no-setup --runs 1 --format json
check "template: scaffold phase instead of copy" -- grep -q '"scaffold"' "$work/out"
check "template: source named" -- grep -q '"source": "template:fastapi"' "$work/out"
check "template: temporary folders removed" -- test -z "$(ls -A "$TMPDIR")"

# An app that never answers: exit 2 naming the reason, and still nothing left behind.
cp "$project/apictl.toml" "$work/apictl.toml.good"
sed -i 's|^command = .*|command = "sleep 30 # {port}"|' "$project/apictl.toml"
expect_exit 2 "an app that never answers" -- "$APICTL" -C "$project" slo measure -s ttfr --no-setup --runs 1 --timeout 1
check "never answers: says so" -- grep -q "did not answer 2xx on /healthz within 1 s" "$work/err"
check "never answers: temporary folders removed" -- test -z "$(ls -A "$TMPDIR")"
check "never answers: the app was stopped" -- bash -c "! pgrep -f '[s]leep 30 # ' >/dev/null"
cp "$work/apictl.toml.good" "$project/apictl.toml"

# Lead time through the CLI: the project as a git history with fixed dates.
commit_at() {  # commit_at DATE MESSAGE
  git -C "$project" add -A
  GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$project" -c user.name=t -c user.email=t@example.com \
    -c commit.gpgsign=false commit -q -m "$2"
}
git -C "$project" init -q -b main
commit_at 2024-03-01T00:00:00Z "the project"
"$APICTL" -C "$project" add endpoint GET /widgets/{widgetId} >/dev/null 2>&1
commit_at 2024-03-03T00:00:00Z "widgets"
git -C "$project" tag v1.0.0
expect_exit 0 "slo measure --scenario lead-time" -- "$APICTL" -C "$project" slo measure -s lead-time --format json
cp "$work/out" "$work/lead.json"
check "lead time: every operation done, the endpoint added with its test in 0 days" -- "$python" - "$work/lead.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
operations = {o["operation"]: o for o in result["lead_time_operations"]}
assert operations["GET /widgets/{widgetId}"]["days"] == 0, operations
measurement = result["measurements"][0]
assert measurement["tag"] == "v1.0.0" and len(measurement["commit"]) == 40, measurement
print("lead time:", measurement["figures"], "open:", measurement["open"])
PY

# Budgets: met, breached, never measured; malformed.
cat >>"$project/apictl.toml" <<'TOML'

[slo]
ttfr_seconds = 60
lead_time_p90_days = 7
TOML
expect_exit 0 "slo check: budgets met" -- "$APICTL" -C "$project" slo check
check "check: says all met" -- grep -q "all 2 budgets met" "$work/out"
sed -i 's/^ttfr_seconds = 60$/ttfr_seconds = 0.001/' "$project/apictl.toml"
expect_exit 1 "slo check: ttfr budget breached" -- "$APICTL" -C "$project" slo check
check "check: names the breached figure" -- grep -q "BREACHED  ttfr_seconds" "$work/out"
expect_exit 1 "slo check --format json" -- "$APICTL" -C "$project" slo check --format json
check "check json: met false, ttfr breached" -- "$python" -c "
import json, sys
r = json.load(open('$work/out'))
assert r['met'] is False and {b['figure']: b['status'] for b in r['budgets']} == {'ttfr_seconds': 'breached', 'lead_time_p90_days': 'met'}, r"
sed -i 's/^ttfr_seconds = 0.001$/ttfr_seconds = 60\ndefects = 0/' "$project/apictl.toml"
expect_exit 1 "slo check: a budget never measured" -- "$APICTL" -C "$project" slo check
check "check: names the unmeasured figure" -- grep -q "defects: never measured" "$work/out"
sed -i '/^defects = 0$/d' "$project/apictl.toml"

cp "$project/apictl.toml" "$work/apictl.toml.budgets"
sed -i 's/^lead_time_p90_days = 7$/lead_time_p90_days = "a week"/' "$project/apictl.toml"
expect_exit 2 "a malformed [slo]" -- "$APICTL" -C "$project" slo check
check "malformed [slo]: file:line:col" -- grep -Eq "apictl.toml:[0-9]+:22: error: 'lead_time_p90_days' must be a number" "$work/err"
echo "nonsense = 1" >>"$project/apictl.toml"
sed -i 's/^lead_time_p90_days = "a week"$/lead_time_p90_days = 7/' "$project/apictl.toml"
expect_exit 2 "an unknown key in [slo]" -- "$APICTL" -C "$project" slo measure -s lead-time
check "unknown key: file:line:col" -- grep -Eq "apictl.toml:[0-9]+:1: error: unknown key 'nonsense' in \[slo\]" "$work/err"
cp "$work/apictl.toml.budgets" "$project/apictl.toml"
echo '{"scenario": "ttfr", "figures": {' >>"$project/.apictl/slo-history.jsonl"
expect_exit 2 "a malformed history line" -- "$APICTL" -C "$project" slo check
check "malformed history: file:line:col" -- grep -Eq "slo-history.jsonl:4:[0-9]+: error" "$work/err"
sed -i '$d' "$project/.apictl/slo-history.jsonl"

# Defects: the app started in the project, apictl contract test against it, the count keyed by release.
expect_exit 0 "slo measure --scenario defects" -- "$APICTL" -C "$project" slo measure -s defects --format json
cp "$work/out" "$work/defects.json"
check "defects: counted, keyed by the nearest tag" -- "$python" - "$work/defects.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
measurement = result["measurements"][0]
assert measurement["scenario"] == "defects" and measurement["tag"] == "v1.0.0", measurement
assert result["defects"]["requests"] > 0 and measurement["figures"]["defects"] == result["defects"]["count"], result
print("defects (template app):", result["defects"])
PY
check "defects: no app left running" -- bash -c "! pgrep -f 'slo_probe[.]main:app' >/dev/null"
# A planted defect: the contract says the health check's version is an integer; the app sends a string.
cp "$project/openapi.yaml" "$work/openapi.yaml.good"
"$python" - "$project/openapi.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
old = "version:\n          type: string\n          description: The running version of the service"
assert old in text
open(path, "w").write(text.replace(old, old.replace("type: string", "type: integer")))
PY
expect_exit 0 "slo measure --scenario defects, a planted defect" -- \
  "$APICTL" -C "$project" slo measure -s defects --no-record --format json
check "defects: the planted one is found" -- "$python" -c "
import json
r = json.load(open('$work/out'))
assert r['defects']['count'] >= 1 and any(f.startswith('GET /healthz') for f in r['defects']['found']), r['defects']"
cp "$work/openapi.yaml.good" "$project/openapi.yaml"

# The report, in a real browser.
expect_exit 0 "slo report -o" -- "$APICTL" -C "$project" slo report -o "$work/slo.html"
check "report: a whole page" -- grep -q '</html>' "$work/slo.html"
if ! command -v chromium >/dev/null; then
  if [[ "${CI:-}" == true ]]; then
    echo "FAIL: chromium is not installed: run scripts/setup.sh" >&2
    exit 1
  fi
  echo "SKIP: chromium is not installed (scripts/setup.sh installs it): the browser checks did not run"
  finish
  exit
fi
query="JSON.stringify({charts: [...document.querySelectorAll('section.slo')].map(s => [s.dataset.slo,
  s.querySelectorAll('svg.slo-chart').length, [...s.querySelectorAll('line.budget-line')].map(l => l.dataset.figure),
  s.querySelectorAll('circle.point').length]), width: document.querySelector('svg.slo-chart').getBoundingClientRect().width})"
browser_check() {  # browser_check PAGE OUTPUT
  "$python" "$(dirname "$0")/slo_browser_check.py" "$1" "$(mktemp -d "$work/chromium.XXXXXX")" "$query" >"$2"
}
check "chromium: the report opens" -- browser_check "$work/slo.html" "$work/browser.json"
check "chromium: a chart per SLO, budget lines, no console error, no request but the page" -- \
  "$python" - "$work/browser.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
dom = json.loads(result["dom"])
print("browser:", dom["charts"])
assert result["loaded"], result
assert [c[0] for c in dom["charts"]] == ["ttfr", "lead-time", "defects"], dom
assert all(c[1] == 1 for c in dom["charts"]), dom
charts = {c[0]: c for c in dom["charts"]}
assert charts["ttfr"][2] == ["ttfr_seconds"] and charts["lead-time"][2] == ["lead_time_p90_days"], dom
assert charts["defects"][2] == [] and charts["defects"][3] == 1, dom  # no budget, measured once
assert charts["ttfr"][3] == 2 and charts["lead-time"][3] == 2, dom  # two ttfr lines; p50 and p90 of one
assert dom["width"] > 100, dom
assert result["console"] == [], result["console"]
assert result["requests"] == [result["page"]], result["requests"]
PY
# The same check on a page that loads an image and throws: it must fail, or it proves nothing.
sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
  -e 's|</body>|<img src="http://127.0.0.1:9/x.png"><script>no_such_function()</script></body>|' \
  "$work/slo.html" >"$work/broken.html"
check "chromium: the broken page opens" -- browser_check "$work/broken.html" "$work/broken.json"
check "chromium: the check sees the request and the errors" -- "$python" -c "
import json
r = json.load(open('$work/broken.json'))
assert 'http://127.0.0.1:9/x.png' in r['requests'] and any(c['type'] == 'exception' for c in r['console']), r"
finish
