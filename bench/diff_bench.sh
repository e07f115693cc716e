#!/usr/bin/env bash
# diff_bench.sh: `apictl contract diff` on real contract pairs — wall time and peak memory, against the time
# and memory apictl needs just to load the two documents.
#
# For each pair the report gives the median wall time of the diff, its peak RSS, the load time (the medians of
# loading each document alone, added), and the ratios diff / load for both. "Loading" is
#   apictl contract lint FILE --preset structural --rule oas-structure=off --rule no-unresolved-refs=off \
#                             --rule no-misplaced-refs=off
# which runs no rule: it parses the file, and every file its $refs reach, and resolves every $ref — what a
# diff must do before it compares anything. The diff itself is
#   apictl contract diff BASE REVISION --format json      (stdout to /dev/null)
#
#   bench/diff_bench.sh                 # 3 runs of every pair
#   bench/diff_bench.sh --runs 5 --only github-13mb,stripe-json-yaml
#
# Pairs: the series of ../shared/corpus (see its README: Stripe JSON and YAML, Stripe JSON vs YAML of one
# version, GitHub, OpenAI 3.0 -> 3.1, DigitalOcean multi-file) and github-13mb: two releases of the ~13 MB
# api.github.com description from the npm package @octokit/openapi, installed side by side under aliases into
# bench/.peers/diff (gitignored; nothing but the npm registry is reached).
#
# Environment: APICTL (skip the Release build), PEERS_DIR (default bench/.peers), OCTOKIT_BASE_VERSION,
# OCTOKIT_REVISION_VERSION. Exit: 0 all runs succeeded; 1 a run failed; 2 usage or setup error.

set -euo pipefail
export LC_ALL=C
# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

OCTOKIT_BASE_VERSION=${OCTOKIT_BASE_VERSION:-22.0.0}
OCTOKIT_REVISION_VERSION=${OCTOKIT_REVISION_VERSION:-23.0.2}
OCTOKIT_DOC=generated/api.github.com.json

runs=3
only=
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || die "--runs needs a number"; runs=$2; shift 2 ;;
    --only) (($# >= 2)) || die "--only needs a list of pair names"; only=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
if [[ -n ${APICTL:-} ]]; then APICTL=$(abspath "$APICTL"); fi
if [[ -n ${PEERS_DIR:-} ]]; then PEERS_DIR=$(abspath "$PEERS_DIR"); fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PEERS=${PEERS_DIR:-$ROOT/bench/.peers}/diff
C=../shared/corpus

# name|base|revision (paths relative to the project root; a folder means its entry file)
pairs=(
  "stripe-json-2021|$C/stripe/spec3.2021-07-27.json|$C/stripe/spec3.2021-10-19.json"
  "stripe-json-2022|$C/stripe/spec3.2021-10-19.json|$C/stripe/spec3.2022-04-12.json"
  "stripe-yaml-2023a|$C/stripe/spec3.2022-09-28.yaml|$C/stripe/spec3.2023-03-31.yaml"
  "stripe-yaml-2023b|$C/stripe/spec3.2023-03-31.yaml|$C/stripe/spec3.2023-09-12.yaml"
  "stripe-json-yaml|$C/stripe/spec3.2022-04-12.json|$C/stripe/spec3.2022-04-12.yaml"
  "github-2021a|$C/github/api.github.com.2020-11-27.json|$C/github/api.github.com.2021-04-20.json"
  "github-2021b|$C/github/api.github.com.2021-04-20.json|$C/github/api.github.com.2021-10-10.json"
  "openai-3.0-3.1|$C/openai/openapi.2025-04-29.yaml|$C/openai/openapi.2026-05-13.yaml"
  "openai-3.1|$C/openai/openapi.2026-05-13.yaml|$C/openai/openapi.2026-08-21.yaml"
  "digitalocean-multifile|$C/digitalocean/2025-08-28/DigitalOcean-public.v2.yaml|$C/digitalocean/2026-08-07/DigitalOcean-public.v2.yaml"
  "github-13mb|@octokit/openapi@$OCTOKIT_BASE_VERSION|@octokit/openapi@$OCTOKIT_REVISION_VERSION"
)
selected=()
for pair in "${pairs[@]}"; do
  name=${pair%%|*}
  if [[ -z $only || ",$only," == *",$name,"* ]]; then selected+=("$pair"); fi
done
((${#selected[@]})) || die "--only selects no pair; names: $(printf '%s ' "${pairs[@]%%|*}")"

need_gnu_time
need_apictl

# Two releases of @octokit/openapi side by side, under npm aliases.
octokit_doc() { printf '%s/node_modules/octokit-openapi-%s/%s' "$PEERS" "$1" "$OCTOKIT_DOC"; }
if [[ " ${selected[*]} " == *"github-13mb|"* ]]; then
  if [[ ! -f $(octokit_doc "$OCTOKIT_BASE_VERSION") || ! -f $(octokit_doc "$OCTOKIT_REVISION_VERSION") ]]; then
    command -v npm >/dev/null || die "npm is needed for the 13 MB pair (apt-get install -y npm)"
    say "diff_bench: installing @octokit/openapi $OCTOKIT_BASE_VERSION and $OCTOKIT_REVISION_VERSION into ${PEERS#"$ROOT"/} ..."
    mkdir -p "$PEERS"
    npm install --prefix "$PEERS" --no-audit --no-fund --ignore-scripts --loglevel=error \
      "octokit-openapi-$OCTOKIT_BASE_VERSION@npm:@octokit/openapi@$OCTOKIT_BASE_VERSION" \
      "octokit-openapi-$OCTOKIT_REVISION_VERSION@npm:@octokit/openapi@$OCTOKIT_REVISION_VERSION" >&2 ||
      die "npm install failed"
  fi
fi
resolve_doc() {
  case $1 in
    @octokit/openapi@*) octokit_doc "${1#@octokit/openapi@}" ;;
    *) printf '%s' "$ROOT/$1" ;;
  esac
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
load_cmd=(contract lint --preset structural --rule oas-structure=off --rule no-unresolved-refs=off
  --rule no-misplaced-refs=off)
failures=0

# median_of CMD...: runs CMD $runs times in a folder without apictl.toml; sets MED (s) and PEAK (KiB).
median_of() {
  local walls='' rsss='' r
  for ((r = 1; r <= runs; r++)); do
    timed "$scratch" "$scratch/run" "$@"
    if [[ $RC != 0 && $RC != 1 ]]; then
      loud "exit $RC from: $*"
      tail -n 5 "$scratch/run.log" | sed 's/^/    | /' >&2
      failures=$((failures + 1))
      MED= PEAK=
      return 0
    fi
    walls+=" $WALL" rsss+=" $RSS"
  done
  MED=$(median <<<"$walls")
  PEAK=$(maxof <<<"$rsss")
}

{
  printf '## Diff benchmark: apictl contract diff vs. loading the two documents\n\n'
  printf '%s; %s; %s run(s) each, median wall time, peak RSS the highest of the runs.\n\n' "$(machine_line)" \
    "$("$APICTL" --version | head -n1)" "$runs"
  printf '| pair | MB (base + revision) | changes | diff (s) | load both (s) | diff / load | diff RSS (MiB) | load RSS, both (MiB) | RSS diff / load |\n'
  printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
} >"$scratch/report.md"

for pair in "${selected[@]}"; do
  IFS='|' read -r name base revision <<<"$pair"
  base=$(resolve_doc "$base")
  revision=$(resolve_doc "$revision")
  for f in "$base" "$revision"; do [[ -e $f ]] || die "$name: not found: $f (../shared/ is absent in a plain clone)"; done
  size=$(du -cb "$(dirname "$base")" "$(dirname "$revision")" 2>/dev/null | tail -n1 | cut -f1)
  [[ -d $(dirname "$base")/resources || -d $(dirname "$base")/shared ]] || size=$(($(stat -c %s "$base") + $(stat -c %s "$revision")))
  say "diff_bench: $name ..."
  cat "$base" "$revision" >/dev/null
  median_of "$APICTL" "${load_cmd[@]}" "$base"
  load_base=$MED load_base_rss=$PEAK
  median_of "$APICTL" "${load_cmd[@]}" "$revision"
  load_revision=$MED load_revision_rss=$PEAK
  median_of "$APICTL" contract diff "$base" "$revision" --format json
  diff_wall=$MED diff_rss=$PEAK
  "$APICTL" contract diff "$base" "$revision" --format json >"$scratch/changes.json" 2>/dev/null || true
  changes=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["changes"]))' \
    "$scratch/changes.json" 2>/dev/null || echo "?")
  if [[ -z $diff_wall || -z $load_base || -z $load_revision ]]; then
    printf '| %s | | | FAILED | | | | | |\n' "$name" >>"$scratch/report.md"
    continue
  fi
  load=$(awk -v a="$load_base" -v b="$load_revision" 'BEGIN { printf "%.3f", a + b }')
  load_rss=$((load_base_rss + load_revision_rss))
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
    "$(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1e6 }')" "$changes" "$diff_wall" "$load" \
    "$(ratio "$diff_wall" "$load")" "$((diff_rss / 1024))" "$((load_rss / 1024))" \
    "$(ratio "$diff_rss" "$load_rss")" >>"$scratch/report.md"
done

cat "$scratch/report.md"
((failures == 0)) || { loud "$failures run(s) failed; see above"; exit 1; }
