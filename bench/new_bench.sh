#!/usr/bin/env bash
# new_bench.sh: how long `apictl new` takes with a built-in template and no hooks (the issue's budget: 50 ms).
#
#   bench/new_bench.sh                   # fastapi template, 20 runs
#   bench/new_bench.sh --runs 50 --template fastapi
#
# Each run generates into a fresh folder under a temporary directory (removed at the end); the report gives
# the best, the median and the worst wall time. cookiecutter and copier are not measured: they come from PyPI,
# which these machines cannot reach.
# Environment: APICTL (skip the Release build). Exit: 0 all runs succeeded; 1 a run failed; 2 usage error.

set -euo pipefail
export LC_ALL=C
# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

runs=20
template=fastapi
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || die "--runs needs a number"; runs=$2; shift 2 ;;
    --template) (($# >= 2)) || die "--template needs a name"; template=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
if [[ -n ${APICTL:-} ]]; then APICTL=$(abspath "$APICTL"); fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
need_apictl

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
walls=''
for ((r = 1; r <= runs; r++)); do
  t0=$EPOCHREALTIME
  "$APICTL" new "$scratch/project-$r" --template "$template" --defaults --no-hooks >/dev/null 2>"$scratch/err" || {
    loud "apictl new failed:"
    cat "$scratch/err" >&2
    exit 1
  }
  t1=$EPOCHREALTIME
  walls+=" $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')"
done
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
sorted=$(tr ' ' '\n' <<<"$walls" | sed '/^$/d' | sort -g)
printf '## apictl new --template %s --defaults --no-hooks\n\n%s; %s; %s runs.\n\n' "$template" "$(machine_line)" \
  "$("$APICTL" --version | head -n1)" "$runs"
printf '| best (ms) | median (ms) | worst (ms) |\n| ---: | ---: | ---: |\n'
printf '| %s | %s | %s |\n' "$(ms "$(head -n1 <<<"$sorted")")" "$(ms "$(median <<<"$walls")")" "$(ms "$(tail -n1 <<<"$sorted")")"
