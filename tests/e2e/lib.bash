# Shared helpers for the end-to-end scripts (sourced, not a test itself).
# shellcheck shell=bash
set -euo pipefail
APICTL="$(realpath "$1")"
SHARED="../shared"
failures=0
checks=0

expect_exit() {  # expect_exit CODE DESCRIPTION -- COMMAND...
  local want="$1" what="$2"
  shift 3
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  checks=$((checks + 1))
  if [[ "$got" != "$want" ]]; then
    echo "FAIL: $what: exit $got, expected $want" >&2
    sed 's/^/  stdout: /' "$work/out" | head -20 >&2
    sed 's/^/  stderr: /' "$work/err" | head -20 >&2
    failures=$((failures + 1))
    return 1
  fi
  return 0
}

check() {  # check DESCRIPTION -- COMMAND... (passes when the command succeeds)
  local what="$1"
  shift 2
  checks=$((checks + 1))
  if ! "$@"; then
    echo "FAIL: $what" >&2
    failures=$((failures + 1))
  fi
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ "$failures" == 0 ]]
}

# The generated Python projects run on Debian's packages, which /usr/bin/python3 imports (the python3 first on
# PATH may be another interpreter). Sets `python`; without the modules the test fails in CI and skips elsewhere.
python=/usr/bin/python3
need_python_modules() {  # need_python_modules MODULE...
  local modules
  modules=$(IFS=,; echo "$*")
  if ! "$python" -c "import $modules" 2>/dev/null; then
    if [[ "${CI:-}" == true ]]; then
      echo "FAIL: $python lacks one of $*: run scripts/setup.sh" >&2
      exit 1
    fi
    echo "SKIP: $python lacks one of $* (scripts/setup.sh installs them)"
    exit 0
  fi
}

# A server a test starts in the background sets server_pid; it is stopped and reaped on exit at the latest.
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

work="$(mktemp -d)"
trap 'stop_server; rm -rf "$work"' EXIT

# A TCP port on 127.0.0.1 that is free now.
free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_until SECONDS COMMAND...: polls COMMAND every 50 ms until it succeeds (0) or SECONDS pass (1).
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# The process is gone: kill -0 fails (a zombie would still answer).
process_gone() { ! kill -0 "$1" 2>/dev/null; }
