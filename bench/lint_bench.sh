#!/usr/bin/env bash
# lint_bench.sh: `apictl contract lint` against Spectral and Redocly CLI, side by side.
#
# For each document, each tool lints it --runs times; the report gives the
# median wall time, the peak resident memory (the highest over the runs), and
# how each peer compares with apictl. The Markdown report goes to stdout,
# progress and errors to stderr.
#
#   bench/lint_bench.sh                  # 3 runs, all tools, the three default documents
#   bench/lint_bench.sh --quick          # 1 run, and no Spectral on documents of 8 MB and up
#   bench/lint_bench.sh --only apictl,redocly --docs ../shared/corpus/stripe/spec3.2022-04-12.json
#   APICTL=build/apictl bench/lint_bench.sh --json /tmp/lint.json
#
# The tools, exactly as they are run (cwd: the peers folder, so no project
# config is picked up; FILE is an absolute path):
#   apictl contract lint FILE --format json          (stdout to /dev/null)
#   spectral lint -r ruleset.yaml FILE               (ruleset.yaml: extends: ["spectral:oas"])
#   redocly lint FILE                                (built-in "recommended" config)
# Exit codes 0 and 1 (findings) count as success; anything else is a failure,
# reported on stderr and in the table, and makes this script exit 1.
#
# Setup, done by the script itself:
# - Peers come from npm into bench/.peers/ (gitignored; reused when the pinned
#   versions are there): @stoplight/spectral-cli, @redocly/cli, and
#   @octokit/openapi, whose generated/api.github.com.json is the current,
#   ~13 MB description of api.github.com. Install scripts are not run, Redocly
#   telemetry and update checks are off: nothing but the npm registry is reached.
# - apictl is built in Release into build-release/ unless APICTL=/path/to/apictl.
#
# Environment: APICTL, PEERS_DIR (default bench/.peers), SPECTRAL_VERSION,
# REDOCLY_VERSION, OCTOKIT_OPENAPI_VERSION (pinned defaults below).
# Exit: 0 all runs succeeded; 1 a tool failed; 2 usage or setup error.

set -euo pipefail
export LC_ALL=C   # a decimal point in EPOCHREALTIME and awk, whatever the locale

SPECTRAL_VERSION=${SPECTRAL_VERSION:-6.16.3}
REDOCLY_VERSION=${REDOCLY_VERSION:-2.77.0}
OCTOKIT_OPENAPI_VERSION=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
OCTOKIT_DOC=node_modules/@octokit/openapi/generated/api.github.com.json
QUICK_SPECTRAL_LIMIT=$((8 * 1000 * 1000))   # --quick: no Spectral at or above this size (bytes)

usage() {
  cat <<'EOF'
usage: bench/lint_bench.sh [--runs N] [--only TOOLS] [--docs DOCS] [--quick] [--json FILE]

  --runs N       runs per tool and document (default 3); the median wall time is reported
  --only TOOLS   comma-separated subset of apictl,redocly,spectral (default: all three)
  --docs DOCS    comma-separated documents (repeatable) instead of the defaults; the word
                 github-latest names the ~13 MB api.github.com description from @octokit/openapi.
                 Defaults: ../shared/corpus/stripe/spec3.2022-04-12.json,
                 ../shared/corpus/github/api.github.com.2021-10-10.json, github-latest
  --quick        1 run, and skip Spectral on documents of 8 MB or more (~90 s, 2.4 GB each)
  --json FILE    also write every measurement as JSON to FILE
  -h, --help     this help

Environment: APICTL=/path/to/apictl skips the build; PEERS_DIR overrides bench/.peers;
SPECTRAL_VERSION, REDOCLY_VERSION, OCTOKIT_OPENAPI_VERSION override the pinned versions.
Exit: 0 all runs succeeded; 1 a tool failed (exit code other than 0 or 1); 2 usage or setup error.
EOF
}

# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

# --- options -----------------------------------------------------------------
runs=3
runs_set=0
only=apictl,redocly,spectral
quick=0
json_out=
doc_args=()
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || die "--runs needs a number"; runs=$2; runs_set=1; shift 2 ;;
    --runs=*) runs=${1#*=}; runs_set=1; shift ;;
    --only) (($# >= 2)) || die "--only needs a list"; only=$2; shift 2 ;;
    --only=*) only=${1#*=}; shift ;;
    --docs) (($# >= 2)) || die "--docs needs a list"; doc_args+=("$2"); shift 2 ;;
    --docs=*) doc_args+=("${1#*=}"); shift ;;
    --quick) quick=1; shift ;;
    --json) (($# >= 2)) || die "--json needs a file"; json_out=$(abspath "$2"); shift 2 ;;
    --json=*) json_out=$(abspath "${1#*=}"); shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
((quick && !runs_set)) && runs=1

tools=()
IFS=, read -ra only_list <<<"$only"
for t in apictl redocly spectral; do   # fixed order: apictl first, the baseline
  for o in "${only_list[@]}"; do [[ $o == "$t" ]] && tools+=("$t") && break; done
done
for o in "${only_list[@]}"; do
  case $o in apictl | redocly | spectral) ;; *) die "--only: unknown tool '$o' (apictl, redocly, spectral)" ;; esac
done
((${#tools[@]})) || die "--only selects no tool"
has_tool() { local t; for t in "${tools[@]}"; do [[ $t == "$1" ]] && return 0; done; return 1; }

# Documents: user-given paths are taken relative to the caller's cwd; the defaults to the project root.
docs=()            # absolute path, or the word github-latest until the peers are installed
docs_explicit=0
if ((${#doc_args[@]})); then
  docs_explicit=1
  for arg in "${doc_args[@]}"; do
    IFS=, read -ra parts <<<"$arg"
    for p in "${parts[@]}"; do
      [[ -n $p ]] || continue
      if [[ $p == github-latest ]]; then docs+=("$p"); else docs+=("$(abspath "$p")"); fi
    done
  done
  ((${#docs[@]})) || die "--docs names no document"
fi

if [[ -n ${APICTL:-} ]]; then APICTL=$(abspath "$APICTL"); fi
if [[ -n ${PEERS_DIR:-} ]]; then PEERS_DIR=$(abspath "$PEERS_DIR"); fi

# --- to the project root (the parent of bench/) ----------------------------------
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PEERS=${PEERS_DIR:-$ROOT/bench/.peers}

if ((!docs_explicit)); then
  for d in ../shared/corpus/stripe/spec3.2022-04-12.json ../shared/corpus/github/api.github.com.2021-10-10.json; do
    if [[ -f $d ]]; then docs+=("$(realpath -m -- "$ROOT/$d")"); else say "lint_bench: skipping $d: not found (../shared/ is absent in a plain clone)"; fi
  done
  docs+=(github-latest)
fi

need_npm=0
if has_tool redocly || has_tool spectral; then need_npm=1; fi
for d in "${docs[@]}"; do [[ $d == github-latest ]] && need_npm=1; done

need_gnu_time

# --- peers from npm -----------------------------------------------------------
install_peers() {
  command -v node >/dev/null || die "node is needed for the peers (apt-get install -y nodejs npm)"
  command -v npm >/dev/null || die "npm is needed for the peers (apt-get install -y npm)"
  local want="@stoplight/spectral-cli@$SPECTRAL_VERSION @redocly/cli@$REDOCLY_VERSION @octokit/openapi@$OCTOKIT_OPENAPI_VERSION"
  local stamp=$PEERS/installed.txt
  if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $PEERS/node_modules/.bin/spectral &&
    -x $PEERS/node_modules/.bin/redocly && -f $PEERS/$OCTOKIT_DOC ]]; then
    say "lint_bench: peers already in ${PEERS#"$ROOT"/}: $want"
  else
    say "lint_bench: installing $want into ${PEERS#"$ROOT"/} ..."
    mkdir -p "$PEERS"
    rm -f "$stamp"
    # --ignore-scripts: no package here needs one, and the one that has one only reports analytics.
    # shellcheck disable=SC2086  # $want is a list of package specs
    SCARF_ANALYTICS=false npm install --prefix "$PEERS" --no-audit --no-fund --ignore-scripts \
      --save-exact --loglevel=error $want >&2 || die "npm install failed"
    [[ -f $PEERS/$OCTOKIT_DOC ]] || die "@octokit/openapi has no $OCTOKIT_DOC any more; look in $PEERS/node_modules/@octokit/openapi/generated/"
    printf '%s\n' "$want" >"$stamp"
  fi
  printf 'extends: ["spectral:oas"]\n' >"$PEERS/ruleset.yaml"
}
((need_npm)) && install_peers
for i in "${!docs[@]}"; do [[ ${docs[$i]} == github-latest ]] && docs[i]=$PEERS/$OCTOKIT_DOC; done
for d in "${docs[@]}"; do [[ -f $d ]] || die "document not found: $d"; done

has_tool apictl && need_apictl

# --- measuring ------------------------------------------------------------------
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true
export NO_COLOR=1 SCARF_ANALYTICS=false
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

version_of() {
  case $1 in
    apictl) "$APICTL" --version 2>/dev/null | head -n1 || true ;;
    redocly) printf 'Redocly CLI %s' "$REDOCLY_VERSION" ;;
    spectral) printf 'Spectral %s' "$SPECTRAL_VERSION" ;;
  esac
}

# tool_cmd TOOL FILE: fills the array CMD.
tool_cmd() {
  case $1 in
    apictl) CMD=("$APICTL" contract lint "$2" --format json) ;;
    redocly) CMD=("$PEERS/node_modules/.bin/redocly" lint "$2") ;;
    spectral) CMD=("$PEERS/node_modules/.bin/spectral" lint -r "$PEERS/ruleset.yaml" "$2") ;;
  esac
}

# measure TOOL FILE LOG: one run; sets WALL (s, ms precision), RSS (KiB), RC, and BAD (why the run
# failed, empty when it succeeded).
measure() {
  local tool=$1 file=$2 log=$3 dir=$ROOT
  tool_cmd "$tool" "$file"
  [[ $tool == apictl ]] || dir=$PEERS   # peers away from any project config
  timed "$dir" "${log%.log}" "${CMD[@]}"
  BAD=
  if [[ $RC != 0 && $RC != 1 ]]; then BAD="exit $RC"; fi
  # Redocly exits 1 for a missing or unparsable file too: require its closing line.
  if [[ $tool == redocly && $RC == 1 ]] && ! grep -q 'validated in' "$log"; then BAD="exit 1 without a result"; fi
}

display_name() {
  case $1 in
    "$PEERS/$OCTOKIT_DOC") printf '@octokit/openapi %s generated/api.github.com.json' "$OCTOKIT_OPENAPI_VERSION" ;;
    "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;;
    "$(dirname "$ROOT")"/*) printf '../%s' "${1#"$(dirname "$ROOT")"/}" ;;
    *) printf '%s' "$1" ;;
  esac
}

failures=0
declare -A version
for t in "${tools[@]}"; do version[$t]=$(version_of "$t"); done
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem_gib=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
node_version=$(node --version 2>/dev/null || echo none)
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)

report="$scratch/report.md"
json_results=()
{
  printf '## Lint benchmark: apictl vs. Spectral vs. Redocly\n\n'
  printf '%s; %s cores%s; %s GiB; Node %s; %s run(s) each%s.\n' "$date_utc" "$(nproc)" \
    "${cpu:+ ($cpu)}" "${mem_gib:-?}" "$node_version" "$runs" "$( ((quick)) && printf ', --quick')"
  for t in "${tools[@]}"; do printf -- '- %s: %s\n' "$t" "${version[$t]:-unknown}"; done
  printf '\nWall: median of the runs. Peak RSS: the highest over the runs. Ratios are against apictl.\n'
} >"$report"

for doc in "${docs[@]}"; do
  name=$(display_name "$doc")
  bytes=$(stat -c %s "$doc")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  cat "$doc" >/dev/null   # into the page cache, for every tool alike
  declare -A med=() peak=() status=()
  for t in "${tools[@]}"; do
    if ((quick)) && [[ $t == spectral ]] && ((bytes >= QUICK_SPECTRAL_LIMIT)); then
      say "lint_bench: --quick: skipping Spectral on $name ($mb MB)"
      status[$t]="skipped (--quick)"
      json_results+=("{\"document\":$(json_str "$name"),\"bytes\":$bytes,\"tool\":\"$t\",\"status\":\"skipped\",\"runs\":[]}")
      continue
    fi
    walls='' rsss='' runs_json='' status[$t]=ok
    for ((r = 1; r <= runs; r++)); do
      say "lint_bench: $t on $name ($mb MB), run $r/$runs ..."
      log="$scratch/$t.log"
      measure "$t" "$doc" "$log"
      say "lint_bench:   ${WALL} s, $((RSS / 1024)) MiB, exit $RC"
      runs_json+="${runs_json:+,}{\"wall_s\":$WALL,\"max_rss_kib\":$RSS,\"exit\":$RC}"
      if [[ -n $BAD ]]; then
        loud "$t on $name: $BAD (0 and 1 are success); command: ${CMD[*]}"
        tail -n 20 "$log" | sed 's/^/    | /' >&2
        status[$t]="FAILED ($BAD)"
        failures=$((failures + 1))
        break
      fi
      walls+=" $WALL" rsss+=" $RSS"
    done
    if [[ ${status[$t]} == ok ]]; then
      med[$t]=$(median <<<"$walls")
      peak[$t]=$(maxof <<<"$rsss")
    fi
    json_results+=("{\"document\":$(json_str "$name"),\"bytes\":$bytes,\"tool\":\"$t\",\"status\":$(json_str "${status[$t]}"),\"median_wall_s\":${med[$t]:-null},\"peak_rss_kib\":${peak[$t]:-null},\"runs\":[$runs_json]}")
  done

  {
    printf '\n### %s (%s MB)\n\n' "$name" "$mb"
    printf '| tool | median wall (s) | peak RSS (MiB) | time: tool / apictl | memory: apictl / tool |\n'
    printf '| --- | ---: | ---: | ---: | ---: |\n'
    for t in "${tools[@]}"; do
      if [[ ${status[$t]} != ok ]]; then
        printf '| %s | %s | | | |\n' "$t" "${status[$t]}"
        continue
      fi
      mib=$(awk -v k="${peak[$t]}" 'BEGIN { printf "%.0f", k / 1024 }')
      printf '| %s | %s | %s | %s | %s |\n' "$t" "$(awk -v w="${med[$t]}" 'BEGIN { printf (w < 10 ? "%.2f" : "%.1f"), w }')" "$mib" \
        "$(ratio "${med[$t]}" "${med[apictl]:-}")" "$(ratio "${peak[apictl]:-}" "${peak[$t]}")"
    done
  } >>"$report"
  unset med peak status
done

cat "$report"

if [[ -n $json_out ]]; then
  {
    printf '{\n  "date": "%s",\n  "runs": %s,\n  "quick": %s,\n' "$date_utc" "$runs" "$( ((quick)) && echo true || echo false)"
    printf '  "machine": {"cores": %s, "cpu": %s, "mem_gib": %s, "node": %s},\n' "$(nproc)" "$(json_str "$cpu")" \
      "${mem_gib:-null}" "$(json_str "$node_version")"
    printf '  "versions": {'
    sep=''
    for t in "${tools[@]}"; do printf '%s"%s": %s' "$sep" "$t" "$(json_str "${version[$t]}")"; sep=', '; done
    printf '},\n  "results": [\n'
    sep=''
    for j in "${json_results[@]}"; do printf '%s    %s' "$sep" "$j"; sep=$',\n'; done
    printf '\n  ]\n}\n'
  } >"$json_out"
  say "lint_bench: wrote $json_out"
fi

if ((failures)); then
  loud "$failures tool run(s) failed; see above"
  exit 1
fi
