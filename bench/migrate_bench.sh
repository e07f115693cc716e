#!/usr/bin/env bash
# migrate_bench.sh: `apictl migrate plan` of the pydantic-v2 pack over a generated Python tree (the issue's
# budget: 100,000 lines in under 1 s), in lines per second, with peak memory.
#
#   bench/migrate_bench.sh                     # 100,000 lines, 9 runs
#   bench/migrate_bench.sh --lines 300000 --runs 5
#
# The tree comes from bench/gen_python_tree.py (seeded: the same tree every time), with a requirements.txt
# pinning Pydantic 1. Each run is a full `plan`: reading every file, the rewrite, the pin and the unified diff
# written to stdout (discarded). After timing, the plan is applied to a copy with --no-verify and every file
# compiled with /usr/bin/python3 -m py_compile, so the speed is of a rewrite that yields valid Python.
# bump-pydantic, the peer, comes from PyPI, which these machines cannot reach: it is not measured.
# Environment: APICTL (skip the Release build). Exit: 0 done; 1 a run or the compile check failed; 2 usage.

set -euo pipefail
export LC_ALL=C
# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

runs=9
lines=100000
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || die "--runs needs a number"; runs=$2; shift 2 ;;
    --lines) (($# >= 2)) || die "--lines needs a number"; lines=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
[[ $lines =~ ^[1-9][0-9]*$ ]] || die "--lines must be a positive integer, not '$lines'"
if [[ -n ${APICTL:-} ]]; then APICTL=$(abspath "$APICTL"); fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
need_gnu_time
need_apictl

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/tree
/usr/bin/python3 bench/gen_python_tree.py "$tree" --lines "$lines" >&2
printf 'pydantic>=1.10,<2\nfastapi>=0.100,<1\n' >"$tree/requirements.txt"
total=$(find "$tree" -name '*.py' -exec cat {} + | wc -l)
files=$(find "$tree" -name '*.py' | wc -l)

walls='' rss=''
for ((r = 1; r <= runs; r++)); do
  timed "$tree" "$scratch/plan" "$APICTL" migrate plan --only pydantic-v2
  ((RC == 0)) || { loud "apictl migrate plan failed:"; cat "$scratch/plan.log" >&2; exit 1; }
  walls+=" $WALL" rss+=" $RSS"
done
wall=$(median <<<"$walls")

# The result must be Python: apply to a copy, then compile every file.
cp -r "$tree" "$scratch/applied"
(cd "$scratch/applied" && "$APICTL" migrate apply --only pydantic-v2 --no-verify >/dev/null 2>"$scratch/apply.log") ||
  { loud "apictl migrate apply failed:"; cat "$scratch/apply.log" >&2; exit 1; }
changed=$(cd "$scratch/applied" && find . -name '*.py' | sort | while read -r f; do
  cmp -s "$f" "$tree/$f" || echo "$f"; done | wc -l)
(cd "$scratch/applied" && find . -name '*.py' -print0 | xargs -0 /usr/bin/python3 -m py_compile) ||
  { loud "a rewritten file does not compile"; exit 1; }

printf '## apictl migrate plan --only pydantic-v2\n\n%s; %s; %s runs.\n\n' "$(machine_line)" \
  "$("$APICTL" --version | head -n1)" "$runs"
printf '| Python files | lines | rewritten files | plan, median (s) | lines per second | peak memory (MiB) |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: |\n'
printf '| %s | %s | %s | %s | %s | %s |\n' "$files" "$total" "$changed" "$wall" \
  "$(awk -v l="$total" -v s="$wall" 'BEGIN { printf "%.0f", l / s }')" \
  "$(awk -v k="$(maxof <<<"$rss")" 'BEGIN { printf "%.0f", k / 1024 }')"
printf '\nEvery rewritten file compiles (/usr/bin/python3 -m py_compile).\n'
