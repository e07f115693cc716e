# Helpers shared by the bench/ scripts: messages, /usr/bin/time, medians and ratios, JSON strings.
# Sourced; expects `set -euo pipefail` and LC_ALL=C from the caller.

say() { printf '%s\n' "$*" >&2; }
die() { say "$(basename "$0" .sh): error: $*"; exit 2; }
loud() { say ""; say "!!! $(basename "$0" .sh): FAILURE: $*"; say ""; }

# A path given by the caller, resolved against the caller's cwd (before any cd).
abspath() { realpath -m -- "$1"; }

# /usr/bin/time (not the shell keyword) reports peak RSS; install the Debian package when root can.
need_gnu_time() {
  [[ -x /usr/bin/time ]] && return 0
  say "$(basename "$0" .sh): /usr/bin/time is missing; installing the Debian package 'time'"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; } ||
      die "could not install 'time' (apt-get install -y time)"
  else
    die "/usr/bin/time is needed: run 'apt-get install -y time' as root"
  fi
}

# Builds apictl in Release into build-release/ unless APICTL names a binary; sets APICTL. Run from the root.
need_apictl() {
  if [[ -z ${APICTL:-} ]]; then
    say "$(basename "$0" .sh): building apictl (Release) into build-release/ ..."
    { cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DAPICTL_BUILD_TESTS=OFF &&
      cmake --build build-release --target apictl --parallel "$(nproc)"; } >&2 ||
      die "the Release build of apictl failed (or pass APICTL=/path/to/apictl)"
    APICTL=$PWD/build-release/apictl
  fi
  [[ -x $APICTL ]] || die "apictl binary not found or not executable: $APICTL"
}

# timed DIR PREFIX CMD...: runs CMD once in DIR (stdout discarded, stderr to PREFIX.log); sets WALL (s, ms
# precision), RSS (peak, KiB) and RC.
timed() {
  local dir=$1 prefix=$2 t0 t1
  shift 2
  t0=$EPOCHREALTIME
  RC=0
  (cd "$dir" && /usr/bin/time -f '%e %M' -o "$prefix.time" "$@" >/dev/null 2>"$prefix.log") || RC=$?
  t1=$EPOCHREALTIME
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RSS=$(tail -n1 "$prefix.time" | awk '{ print $2 }')
  [[ $RSS =~ ^[0-9]+$ ]] || RSS=0
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { tr ' ' '\n' | sed '/^$/d' | sort -g | tail -n1; }
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) { print "–"; exit }
    r = a / b; printf (r < 10 ? "%.2f" : r < 100 ? "%.1f" : "%.0f"), r }'
}
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# The machine line every report starts with.
machine_line() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
  printf '%s; %s cores%s; %s GiB' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "${cpu:+ ($cpu)}" "${mem:-?}"
}
