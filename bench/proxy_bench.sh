#!/usr/bin/env bash
# proxy_bench.sh: what `apictl dev`'s proxy (lib/dev/proxy.cpp) costs, measured with wrk on a trivial endpoint,
# directly and through the proxy: requests/s, and the latency the proxy adds.
#
#   bench/proxy_bench.sh                     # 10 s per run
#   bench/proxy_bench.sh --duration 3        # a quick run
#   bench/proxy_bench.sh --connections 64
#
# Two apps, each on 127.0.0.1 behind its own proxy:
#   - uvicorn: Debian's uvicorn and FastAPI, one endpoint returning {"ok": true}, as the fastapi template runs.
#     The targets are about it: through the proxy at least 70% of the direct requests/s, and under 1 ms of added
#     p99 latency.
#   - cpp-httplib: a plain cpp-httplib app (apictl_proxy_bench app), much faster than the proxy, so its figures
#     through the proxy are the proxy's own ceiling.
# Each is measured under load (wrk -t2 -cN, N = --connections, 32 by default) and one request at a time
# (wrk -t1 -c1). The added latency that counts is the one-at-a-time p99: under load the latency is mostly the
# queue in front of the app, which grows with any lost throughput, so its difference is reported but not judged.
#
# The driver, apictl_proxy_bench (bench/proxy_bench.cpp), links apictl's library and is built on demand into
# build-release/ (Release) unless PROXY_BENCH names a built driver. wrk is Debian's package, installed when
# missing and run as root. Exit: 0 targets met; 1 missed; 2 usage or setup error.

set -euo pipefail
export LC_ALL=C
# shellcheck source=bench/lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

duration=10
connections=32
while (($#)); do
  case $1 in
    --duration) (($# >= 2)) || die "--duration needs a number of seconds"; duration=$2; shift 2 ;;
    --connections) (($# >= 2)) || die "--connections needs a number"; connections=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $duration =~ ^[1-9][0-9]*$ ]] || die "--duration must be a whole number of seconds, not '$duration'"
[[ $connections =~ ^[1-9][0-9]*$ ]] || die "--connections must be a positive number, not '$connections'"
if [[ -n ${PROXY_BENCH:-} ]]; then PROXY_BENCH=$(abspath "$PROXY_BENCH"); fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=/usr/bin/python3  # Debian's, which has FastAPI and uvicorn (another python3 on PATH may not)
"$python" -c 'import fastapi, uvicorn' 2>/dev/null ||
  die "Debian's python3-fastapi and python3-uvicorn are needed (scripts/setup.sh installs them)"
if ! command -v wrk >/dev/null; then
  say "proxy_bench: wrk is missing; installing the Debian package 'wrk'"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } ||
      die "could not install wrk (apt-get install -y wrk)"
  else
    die "wrk is needed: run 'apt-get install -y wrk' as root"
  fi
fi

if [[ -z ${PROXY_BENCH:-} ]]; then
  say "proxy_bench: building apictl_proxy_bench (Release) into build-release/ ..."
  { cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DAPICTL_BUILD_TESTS=OFF &&
    cmake --build build-release --target apictl_proxy_bench --parallel "$(nproc)"; } >&2 ||
    die "building apictl_proxy_bench failed (or pass PROXY_BENCH=/path/to/apictl_proxy_bench)"
  PROXY_BENCH=$PWD/build-release/apictl_proxy_bench
fi
[[ -x $PROXY_BENCH ]] || die "benchmark driver not found or not executable: $PROXY_BENCH"

scratch=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ok PORT: until GET / on 127.0.0.1:PORT answers 200 (20 s at most).
wait_ok() {
  "$python" - "$1" <<'PY' || die "nothing answered on 127.0.0.1:$1 within 20 s (see $scratch/*.log)"
import sys, time, urllib.request
deadline = time.time() + 20
while True:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=2) as reply:
            if reply.status == 200:
                break
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit(1)
    time.sleep(0.1)
PY
}

# start_driver NAME ARGS...: runs apictl_proxy_bench and sets PORT to the port it prints.
start_driver() {
  local name=$1 line="" tries=0
  shift
  "$PROXY_BENCH" "$@" >"$scratch/$name.port" 2>"$scratch/$name.log" &
  pids+=($!)
  while [[ -z $line ]] && ((tries++ < 100)); do
    sleep 0.05
    line=$(grep -m1 '^port: ' "$scratch/$name.port" || true)
  done
  [[ -n $line ]] || die "apictl_proxy_bench $* did not start: $(cat "$scratch/$name.log")"
  PORT=${line#port: }
}

printf 'from fastapi import FastAPI\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n' \
  >"$scratch/app.py"
uvicorn_port=$(free_port)
"$python" -m uvicorn app:app --app-dir "$scratch" --host 127.0.0.1 --port "$uvicorn_port" --log-level warning \
  --no-access-log >"$scratch/uvicorn.log" 2>&1 &
pids+=($!)
start_driver fast app --port 0
fast_port=$PORT
wait_ok "$uvicorn_port"
wait_ok "$fast_port"
start_driver uvicorn_proxy proxy --upstream "$uvicorn_port" --port 0
uvicorn_proxy=$PORT
start_driver fast_proxy proxy --upstream "$fast_port" --port 0
fast_proxy=$PORT
wait_ok "$uvicorn_proxy"
wait_ok "$fast_proxy"

# to_ms VALUE: wrk's "812.00us", "1.20ms", "2.01s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; unit = v; sub(/^[0-9.]+/, "", unit)
    if (unit == "us") n /= 1000; else if (unit == "s") n *= 1000; else if (unit == "m") n *= 60000
    printf "%.3f", n }'
}

# measure NAME THREADS CONNECTIONS PORT: one wrk run; sets RPS, P50, P99 (ms) and ERRORS.
measure() {
  local name=$1 threads=$2 conns=$3 port=$4 out=$scratch/$1.wrk
  wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "http://127.0.0.1:$port/" >"$out" 2>&1 ||
    die "wrk failed: $(cat "$out")"
  RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  ERRORS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
                END { print n + 0 }' "$out")
  [[ -n $RPS && -n $P99 ]] || die "could not read wrk's output: $(cat "$out")"
}

say "proxy_bench: warming up ..."
for port in "$uvicorn_port" "$uvicorn_proxy" "$fast_port" "$fast_proxy"; do
  wrk -t2 -c"$connections" -d2s "http://127.0.0.1:$port/" >/dev/null 2>&1 || die "wrk cannot reach port $port"
done

printf '%s\n' "proxy overhead ($(machine_line)); wrk, ${duration} s per run, GET / answering {\"ok\": true}"
printf '  %-12s %-10s %12s %12s %7s %19s %19s %10s %7s\n' app load "direct req/s" "proxy req/s" ratio \
  "direct p50/p99 ms" "proxy p50/p99 ms" "added p99" errors
rc=0
for app in uvicorn cpp-httplib; do
  if [[ $app == uvicorn ]]; then direct=$uvicorn_port proxied=$uvicorn_proxy; else direct=$fast_port proxied=$fast_proxy; fi
  for load in "2 $connections" "1 1"; do
    read -r threads conns <<<"$load"
    say "proxy_bench: $app, wrk -t$threads -c$conns, direct then through the proxy ..."
    measure "$app-direct-$conns" "$threads" "$conns" "$direct"
    d_rps=$RPS d_p50=$P50 d_p99=$P99 d_errors=$ERRORS
    measure "$app-proxy-$conns" "$threads" "$conns" "$proxied"
    ratio_value=$(ratio "$RPS" "$d_rps")
    added=$(awk -v a="$P99" -v b="$d_p99" 'BEGIN { printf "%+.2f ms", a - b }')
    printf '  %-12s %-10s %12s %12s %7s %19s %19s %10s %7s\n' "$app" "-t$threads -c$conns" "$d_rps" "$RPS" \
      "$ratio_value" "$d_p50 / $d_p99" "$P50 / $P99" "$added" "$((d_errors + ERRORS))"
    if [[ $app == uvicorn ]]; then
      if ((conns > 1)) && awk -v r="$RPS" -v d="$d_rps" 'BEGIN { exit !(r < 0.70 * d) }'; then
        loud "uvicorn through the proxy made $RPS req/s, under 70% of the direct $d_rps"
        rc=1
      fi
      if ((conns == 1)) && awk -v a="$P99" -v b="$d_p99" 'BEGIN { exit !(a - b >= 1) }'; then
        loud "the proxy added $added to uvicorn's p99 latency, one request at a time (target: under 1 ms)"
        rc=1
      fi
    fi
    if ((d_errors + ERRORS > 0)); then
      loud "$((d_errors + ERRORS)) failed requests ($app, -c$conns); see wrk's output"
      rc=1
    fi
  done
done
exit "$rc"
