#!/usr/bin/env bash
# contract_test_bench.sh: `apictl contract test` against Dredd on the planted-defect fixture, side by side.
#
# tests/fixtures/contract_test holds a FastAPI app in two builds: defective.py breaks openapi.yaml in six
# planted ways (expected_defects.txt), conforming.py follows it. Each tool is run on each build, each run
# against a freshly started app (POST /items changes what later GETs see). The Markdown report (stdout) says
# which planted defects each tool found, what it reported on the conforming twin (false positives), how many
# requests reached the app (counted in uvicorn's access log), the wall time and peak RSS of each tool, and
# what each tool reported. Progress and errors go to stderr.
#
#   bench/contract_test_bench.sh                 # 3 runs per tool and app (~1 min after the install)
#   bench/contract_test_bench.sh --runs 1
#   APICTL=build-debug/apictl bench/contract_test_bench.sh
#
# The tools, exactly as they are run (cwd: tests/fixtures/contract_test; URL: http://127.0.0.1:PORT):
#   apictl contract test --base-url URL --seed 7 --format json openapi.yaml
#   dredd openapi.yaml URL --no-color --reporter xunit --output FILE
#   dredd openapi.yaml URL --no-color --reporter xunit --output FILE --header 'X-Trace: abc'
# The third, "Dredd + hint", is Dredd given one header value by hand: the contract has no example for the
# optional X-Trace header, Dredd then sends it empty, which breaks its minLength 1 and gets a 422 instead of the
# 200 whose headers it would check. apictl is given nothing of the kind. Dredd reads OpenAPI 3 with its
# experimental adapter; the report lists the keys it says it ignores.
# Exit codes 0 and 1 (findings) count as success for both tools.
#
# Setup, done by the script itself:
# - Dredd comes from npm into bench/.peers/dredd (gitignored; reused when the pinned version is there).
#   Install scripts are not run (none is needed); nothing but the npm registry is reached.
# - apictl is $APICTL, else build/apictl (build it first: cmake --build build --target apictl).
# - The apps run under /usr/bin/python3 -m uvicorn (Debian's python3-fastapi and python3-uvicorn).
#
# Environment: APICTL, PEERS_DIR (default bench/.peers), DREDD_VERSION (pinned default below).
# Exit: 0 apictl found every planted defect and nothing on the conforming twin; 1 it did not, or a tool
# failed to run; 2 usage or setup error.

set -euo pipefail
export LC_ALL=C   # a decimal point in EPOCHREALTIME and awk, whatever the locale

DREDD_VERSION=${DREDD_VERSION:-14.1.0}
PYTHON=/usr/bin/python3
HINT_HEADER='X-Trace: abc'

usage() {
  cat <<'EOF'
usage: bench/contract_test_bench.sh [--runs N] [--seed N]

  --runs N    runs per tool and app, each against a fresh app (default 3); the median wall time is reported
  --seed N    apictl's --seed (default 7, as in tests/e2e/contract_test.sh)
  -h, --help  this help

Environment: APICTL=/path/to/apictl (default build/apictl); PEERS_DIR overrides bench/.peers;
DREDD_VERSION overrides the pinned Dredd version.
Exit: 0 apictl found every planted defect and nothing on the conforming twin; 1 it did not, or a tool
failed to run; 2 usage or setup error.
EOF
}

# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

runs=3
seed=7
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || die "--runs needs a number"; runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --seed) (($# >= 2)) || die "--seed needs a number"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, not '$seed'"

if [[ -n ${APICTL:-} ]]; then APICTL=$(abspath "$APICTL"); fi
if [[ -n ${PEERS_DIR:-} ]]; then PEERS_DIR=$(abspath "$PEERS_DIR"); fi

# --- to the project root (the parent of bench/) ----------------------------------
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PEERS=${PEERS_DIR:-$ROOT/bench/.peers}/dredd
FIXTURE=$ROOT/tests/fixtures/contract_test
DREDD=$PEERS/node_modules/.bin/dredd

APICTL=${APICTL:-$ROOT/build/apictl}
[[ -x $APICTL ]] || die "apictl not found at $APICTL: build it (cmake --build build --target apictl) or pass APICTL=/path/to/apictl"
if ! [[ -x $PYTHON ]] || ! "$PYTHON" -c 'import fastapi, uvicorn' 2>/dev/null; then
  die "$PYTHON with fastapi and uvicorn is needed (apt-get install -y python3-fastapi python3-uvicorn)"
fi
for f in app.py defective.py conforming.py openapi.yaml expected_defects.txt; do
  [[ -f $FIXTURE/$f ]] || die "fixture file missing: ${FIXTURE#"$ROOT"/}/$f"
done
need_gnu_time

# --- Dredd from npm -----------------------------------------------------------
install_dredd() {
  command -v node >/dev/null || die "node is needed for Dredd (apt-get install -y nodejs npm)"
  command -v npm >/dev/null || die "npm is needed for Dredd (apt-get install -y npm)"
  local want="dredd@$DREDD_VERSION" stamp=$PEERS/installed.txt
  if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $DREDD ]]; then
    say "contract_test_bench: Dredd already in ${PEERS#"$ROOT"/}: $want"
    return
  fi
  say "contract_test_bench: installing $want into ${PEERS#"$ROOT"/} ..."
  mkdir -p "$PEERS"
  rm -f "$stamp"
  # --ignore-scripts: Dredd's dependencies need none for OpenAPI (the native API Blueprint parser is optional).
  npm install --prefix "$PEERS" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error "$want" >&2 ||
    die "npm install $want failed"
  [[ -x $DREDD ]] || die "the dredd package has no bin/dredd any more; look in ${PEERS#"$ROOT"/}/node_modules/dredd"
  printf '%s\n' "$want" >"$stamp"
}
install_dredd

# --- servers ------------------------------------------------------------------
scratch=$(mktemp -d)
server_pid=
stop_app() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_app
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
healthy() { "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=2)' "$base" 2>/dev/null; }
access_lines() { grep -c '" [0-9][0-9][0-9] ' "$app_log" || true; }   # uvicorn: ... "GET /items HTTP/1.1" 200 OK

# start_app MODULE: serves MODULE:app of the fixture on a free port; sets base, app_log, server_pid.
start_app() {
  local deadline=$((SECONDS + 30))
  base="http://127.0.0.1:$(free_port)"
  app_log=$scratch/$1.uvicorn.log
  PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m uvicorn --app-dir "$FIXTURE" "$1:app" --host 127.0.0.1 \
    --port "${base##*:}" >"$app_log" 2>&1 &
  server_pid=$!
  until healthy; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      tail -n 20 "$app_log" >&2
      die "the $1 app did not start on $base"
    fi
    sleep 0.05
  done
}

# --- the tools ----------------------------------------------------------------
tools=(apictl dredd dredd-hint)
printf 'apictl\tapictl\ndredd\tDredd\ndredd-hint\tDredd + hint\n' >"$scratch/tools.tsv"

# tool_cmd TOOL OUTFILE: fills CMD (run in the fixture folder; stdout goes to OUTFILE.out).
tool_cmd() {
  case $1 in
    apictl) CMD=("$APICTL" contract test --base-url "$base" --seed "$seed" --format json openapi.yaml) ;;
    dredd) CMD=("$DREDD" openapi.yaml "$base" --no-color --reporter xunit --output "$2.xml") ;;
    dredd-hint) CMD=("$DREDD" openapi.yaml "$base" --no-color --reporter xunit --output "$2.xml" --header "$HINT_HEADER") ;;
  esac
}

failures=0
load_before=$(cut -d' ' -f1 /proc/loadavg)   # the machine may be shared: say how busy it was
: >"$scratch/measurements.tsv"
for ((r = 1; r <= runs; r++)); do
  for app in defective conforming; do
    for t in "${tools[@]}"; do
      start_app "$app"
      before=$(access_lines)
      prefix=$scratch/$t.$app.run$r
      tool_cmd "$t" "$prefix"
      rm -f "$prefix.xml"
      say "contract_test_bench: $t on the $app app ($base), run $r/$runs ..."
      t0=$EPOCHREALTIME
      rc=0
      (cd "$FIXTURE" && /usr/bin/time -f '%e %M' -o "$prefix.time" "${CMD[@]}" >"$prefix.out" 2>"$prefix.err") || rc=$?
      t1=$EPOCHREALTIME
      stop_app   # the access log is complete once the server has stopped
      requests=$(($(access_lines) - before))
      wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
      rss=$(tail -n1 "$prefix.time" | awk '{ print $2 }')
      [[ $rss =~ ^[0-9]+$ ]] || rss=0
      say "contract_test_bench:   ${wall} s, $((rss / 1024)) MiB, exit $rc, $requests requests"
      bad=
      if [[ $rc != 0 && $rc != 1 ]]; then bad="exit $rc"; fi
      if [[ $t == dredd* && -z $bad && ! -s $prefix.xml ]]; then bad="no xunit report"; fi
      if [[ $t == apictl && -z $bad ]] && ! "$PYTHON" -m json.tool "$prefix.out" >/dev/null 2>&1; then bad="no JSON report"; fi
      if [[ -n $bad ]]; then
        loud "$t on the $app app: $bad; command (in ${FIXTURE#"$ROOT"/}): ${CMD[*]}"
        tail -n 20 "$prefix.err" "$prefix.out" | sed 's/^/    | /' >&2
        failures=$((failures + 1))
        continue
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$app" "$r" "$wall" "$rss" "$rc" "$requests" >>"$scratch/measurements.tsv"
      if ((r == 1)); then   # the findings of the first run are reported; later runs must agree
        if [[ $t == apictl ]]; then
          cp "$prefix.out" "$scratch/$t.$app.json"
          sed "s|$base|URL|g" "$prefix.out" >"$scratch/$t.$app.norm"
        else
          cp "$prefix.xml" "$scratch/$t.$app.xml"
        fi
        cat "$prefix.out" "$prefix.err" >"$scratch/$t.$app.out"
      else
        first=$scratch/$t.$app.run1
        # Each run has its own port: compare with the base URL blanked out.
        if [[ $t == apictl ]] && ! cmp -s <(sed "s|$base|URL|g" "$prefix.out") "$scratch/$t.$app.norm"; then
          say "contract_test_bench: note: apictl's report of run $r differs from run 1 on the $app app"
        elif [[ $t == dredd* ]] && [[ $(grep -c '<failure' "$prefix.xml") != $(grep -c '<failure' "$first.xml") ]]; then
          say "contract_test_bench: note: Dredd's failures of run $r differ from run 1 on the $app app"
        fi
      fi
    done
  done
done
if ((failures)); then
  loud "$failures tool run(s) failed; see above"
  exit 1
fi

# --- the report -----------------------------------------------------------------
python_version=$("$PYTHON" -c 'import platform; print(platform.python_version())')
fastapi_version=$("$PYTHON" -c 'import fastapi; print(fastapi.__version__)')
uvicorn_version=$("$PYTHON" -c 'import uvicorn; print(uvicorn.__version__)')
oas3_parser=$(node -p "require('$PEERS/node_modules/@apielements/openapi3-parser/package.json').version" 2>/dev/null || echo '?')
# shellcheck disable=SC2016  # the backquotes are Markdown
{
  printf '## Contract test benchmark: apictl vs. Dredd\n\n'
  printf '%s; load average %s before the runs; Node %s; Python %s, FastAPI %s, uvicorn %s; %s run(s) per tool and app,\n' \
    "$(machine_line)" "$load_before" "$(node --version)" "$python_version" "$fastapi_version" "$uvicorn_version" "$runs"
  printf 'each against a fresh app.\n\n'
  printf -- '- apictl: %s: `apictl contract test --base-url URL --seed %s --format json openapi.yaml`\n' \
    "$("$APICTL" --version | head -n1)" "$seed"
  printf -- '- Dredd: dredd %s (@apielements/openapi3-parser %s): `dredd openapi.yaml URL --no-color --reporter xunit --output FILE`\n' \
    "$DREDD_VERSION" "$oas3_parser"
  printf -- "- Dredd + hint: the same with \`--header '%s'\`, a value for the optional header the contract gives no example for\n" \
    "$HINT_HEADER"
  printf '\nThe apps: tests/fixtures/contract_test/defective.py and conforming.py under uvicorn on 127.0.0.1; cwd of\n'
  printf 'the tools: tests/fixtures/contract_test. Reproduce: `bench/contract_test_bench.sh --runs %s`.\n' "$runs"
} >"$scratch/header.md"

rc=0
"$PYTHON" "$ROOT/bench/contract_test_report.py" "$FIXTURE/expected_defects.txt" "$scratch" "$scratch/header.md" || rc=$?
case $rc in
  0) ;;
  1) loud "apictl missed a planted defect or reported a false positive; see the report"; exit 1 ;;
  *) die "the report could not be made (exit $rc)" ;;
esac
