#!/usr/bin/env bash
# watch_bench.sh: the file watcher `apictl dev` is built on, on a tree of 10,000 files — how long adding the
# watches takes, how much CPU watching costs while nothing changes, and that a burst of 1,000 new files gives
# exactly one change callback (one reload).
#
#   bench/watch_bench.sh                      # 60 s of idle measurement
#   bench/watch_bench.sh --idle-seconds 5     # a quick run
#   bench/watch_bench.sh --files 20000 --folders 200
#
# The tree (files spread over folders two levels deep, like a project's sources) is made in a temporary
# folder and removed at the end. The driver, apictl_watch_bench (bench/watch_bench.cpp), links apictl's library
# and is built on demand into build-release/ (Release) unless WATCH_BENCH names a built driver.
# Environment: WATCH_BENCH (skip the build). Exit: 0 measured and the burst gave one callback; 1 it did not;
# 2 usage or setup error.

set -euo pipefail
export LC_ALL=C
# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

idle_seconds=60
files=10000
folders=100
burst=1000
while (($#)); do
  case $1 in
    --idle-seconds) (($# >= 2)) || die "--idle-seconds needs a number"; idle_seconds=$2; shift 2 ;;
    --files) (($# >= 2)) || die "--files needs a number"; files=$2; shift 2 ;;
    --folders) (($# >= 2)) || die "--folders needs a number"; folders=$2; shift 2 ;;
    --burst) (($# >= 2)) || die "--burst needs a number"; burst=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for setting in idle_seconds files folders burst; do
  [[ ${!setting} =~ ^[0-9]+$ ]] || die "--${setting//_/-} must be a whole number, not '${!setting}'"
done
((folders >= 1 && burst >= 1)) || die "--folders and --burst must be at least 1"
if [[ -n ${WATCH_BENCH:-} ]]; then WATCH_BENCH=$(abspath "$WATCH_BENCH"); fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z ${WATCH_BENCH:-} ]]; then
  say "watch_bench: building apictl_watch_bench (Release) into build-release/ ..."
  { cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DAPICTL_BUILD_TESTS=OFF &&
    cmake --build build-release --target apictl_watch_bench --parallel "$(nproc)"; } >&2 ||
    die "building apictl_watch_bench failed (or pass WATCH_BENCH=/path/to/apictl_watch_bench)"
  WATCH_BENCH=$PWD/build-release/apictl_watch_bench
fi
[[ -x $WATCH_BENCH ]] || die "benchmark driver not found or not executable: $WATCH_BENCH"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/tree
# `folders` folders in groups of ten (two levels), the files spread evenly over them.
t0=$EPOCHREALTIME
python3 - "$tree" "$files" "$folders" <<'PY'
import os, sys
root, files, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
paths = [os.path.join(root, f"pkg{i // 10}", f"mod{i % 10}") for i in range(folders)]
for path in paths:
    os.makedirs(path, exist_ok=True)
for n in range(files):
    with open(os.path.join(paths[n % folders], f"file{n}.py"), "w") as out:
        out.write(f"VALUE = {n}\n")
PY
made=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
say "watch_bench: made $files files in $folders folders in ${made} s; idle measurement: ${idle_seconds} s"

rc=0
"$WATCH_BENCH" --root "$tree" --idle-seconds "$idle_seconds" --burst "$burst" >"$scratch/result" || rc=$?
((rc <= 1)) || die "the benchmark driver failed (exit $rc)"
value() { awk -v key="$1:" '$1 == key { print $2 }' "$scratch/result"; }

printf '%s\n' "file watcher on $files files in $(value folders_watched) watched folders (apictl_watch_bench)"
printf '  %-34s %s ms (CPU %s ms)\n' "watch setup" "$(value setup_ms)" "$(value setup_cpu_ms)"
printf '  %-34s %s ms CPU over %s s = %s%% of one core; %s callbacks\n' "idle" "$(value idle_cpu_ms)" \
  "$(value idle_seconds)" "$(value idle_cpu_percent)" "$(value idle_callbacks)"
printf '  %-34s %s callback(s), all files reported: %s\n' "burst of $burst new files" \
  "$(value burst_callbacks)" "$(value burst_all_reported)"
printf '  %-34s written in %s ms, reported %s ms after the last write\n' "" "$(value burst_write_ms)" \
  "$(value burst_report_ms)"
if ((rc != 0)); then
  loud "the burst of $burst files did not give exactly one callback"
  exit 1
fi
