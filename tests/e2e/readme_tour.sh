#!/usr/bin/env bash
# README's "A 60-second tour": its ```sh block is extracted and run as written, line by line in one shell, in a
# scratch folder with `apictl` resolving to the binary under test. Every command must exit 0; then a few
# outcomes are checked, and that nothing the tour started is still running. The one change: port 8000 becomes
# a free port, so a busy 8000 on a shared machine cannot fail it.
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi uvicorn httpx pytest yaml
if ! command -v curl >/dev/null; then
  if [[ "${CI:-}" == true ]]; then
    echo "FAIL: curl is not installed and the tour uses it" >&2
    exit 1
  fi
  echo "SKIP: curl is not installed (the tour uses it)"
  exit 0
fi

# The block: from the heading to the first closing fence after it; comment-only and blank lines skipped.
mapfile -t tour < <(awk '
  /^## A 60-second tour$/ { section = 1; next }
  section && /^## / { exit }
  section && !inside && /^```sh$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside && !/^[[:space:]]*(#.*)?$/ { print }' README.md)
check "the README has the tour block" -- test "${#tour[@]}" -ge 10
if ((${#tour[@]} < 10)); then
  finish || exit 1
fi
tour_has() {  # tour_has PREFIX: a command of the tour starts with PREFIX
  local line
  for line in "${tour[@]}"; do
    [[ "$line" == "$1"* ]] && return 0
  done
  return 1
}
for shown in "apictl new" "apictl dev" "apictl contract lint" "apictl add endpoint" "apictl contract diff" \
  "apictl migrate" "apictl slo measure" "apictl slo check"; do
  check "the tour shows $shown" -- tour_has "$shown "
done
for line in "${tour[@]}"; do
  check "one line per command (no continuation): $line" -- test "${line%\\}" == "$line"
done

# Port 8000 -> a free one: `apictl dev` gets --port, the URLs (and comments) the new port; both must be found.
port="$(free_port)"
dev_lines=0 url_lines=0
for i in "${!tour[@]}"; do
  if [[ "${tour[i]}" == "apictl dev "* ]]; then
    tour[i]="apictl dev --port $port ${tour[i]#apictl dev }"
    dev_lines=$((dev_lines + 1))
  fi
  if [[ "${tour[i]}" == *127.0.0.1:8000* ]]; then
    tour[i]="${tour[i]//127.0.0.1:8000/127.0.0.1:$port}"
    url_lines=$((url_lines + 1))
  fi
done
check "one apictl dev, and a URL on its port" -- test "$dev_lines" == 1 -a "$url_lines" -ge 1

# The script: each command in a { } group (so cd and $! carry over) with its output in tour-out/N; a failure stops
# the tour; on exit, any background job still there is stopped (after the tour failed, or did not stop it).
scratch="$work/scratch"
mkdir -p "$scratch" "$work/tour-out" "$work/bin" "$work/tmp"
ln -s "$APICTL" "$work/bin/apictl"
{
  echo 'trap '\''kill $(jobs -p) 2>/dev/null; wait'\'' EXIT'
  for i in "${!tour[@]}"; do
    printf 'echo %q\n{\n%s\n} >%q 2>&1\n' "+ ${tour[i]}" "${tour[i]}" "$work/tour-out/$i"
    printf 'rc=$?; if ((rc != 0)); then echo "tour: exit $rc: "%q; cat %q; exit 1; fi\n' "${tour[i]}" "$work/tour-out/$i"
  done
  # What the tour starts, it stops: no job still running at its end (15 s for a server's shutdown).
  echo 'for _ in $(seq 150); do [[ -z "$(jobs -rp)" ]] && exit 0; sleep 0.1; done'
  echo 'echo "tour: a background job is still running at its end; the tour must stop what it starts"; exit 1'
} >"$work/tour.bash"

# Debian's python3 first (the template's commands say python3), a git identity without this machine's config.
started=$SECONDS
toured=0
expect_exit 0 "the tour runs, every command exits 0" -- env -C "$scratch" \
  PATH="$work/bin:/usr/bin:$PATH" TMPDIR="$work/tmp" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
  GIT_AUTHOR_NAME=tour GIT_AUTHOR_EMAIL=tour@example.com GIT_COMMITTER_NAME=tour GIT_COMMITTER_EMAIL=tour@example.com \
  bash "$work/tour.bash" && toured=1
echo "the tour took $((SECONDS - started)) s"
if [[ "$toured" == 0 ]]; then  # what each command printed (a background one's reason may be the cause)
  for i in "${!tour[@]}"; do
    [[ -f "$work/tour-out/$i" ]] || break
    echo "  \$ ${tour[i]}" >&2
    tail -15 "$work/tour-out/$i" | sed 's/^/    /' >&2
  done
fi

out_of() {  # out_of PREFIX: the output file of the first tour command starting with PREFIX
  local i
  for i in "${!tour[@]}"; do
    if [[ "${tour[i]}" == "$1"* ]]; then
      echo "$work/tour-out/$i"
      return
    fi
  done
  echo /dev/null
}
project="$scratch/petstore"
if [[ "$toured" == 1 ]]; then
  check "the project exists" -- test -f "$project/apictl.toml" -a -f "$project/openapi.yaml"
  check "curl got the health check through the proxy" -- grep -q '"status":"ok"' "$(out_of "curl ")"
  check "apictl dev logged it, checked against the contract" -- grep -q 'GET /healthz -> 200 .*✓' "$(out_of "apictl dev ")"
  check "lint: no errors" -- grep -q 'no problems (0 errors' "$(out_of "apictl contract lint")"
  check "add endpoint: said so" -- grep -q 'Added GET /pets/{petId}' "$(out_of "apictl add endpoint")"
  check "add endpoint: in the contract" -- grep -q '^  /pets/{petId}:$' "$project/openapi.yaml"
  check "pytest: passed" -- grep -Eq '^[0-9]+ passed' "$(out_of "python3 -m pytest")"
  check "diff: the added operation" -- grep -Eq 'endpoint-added .*GET /pets/\{petId\}' "$(out_of "apictl contract diff")"
  check "migrate apply: recorded" -- test -f "$project/migrations/ledger.json"
  check "slo measure: recorded" -- test -s "$project/.apictl/slo-history.jsonl"
  check "slo check: the budget met" -- grep -q 'all 1 budgets met' "$(out_of "apictl slo check")"
fi

# Nothing left: no process working in the scratch folder (apictl dev, the app), no temporary folder.
none_in_scratch() {
  local cwd
  for cwd in /proc/[0-9]*/cwd; do
    [[ "$(readlink "$cwd" 2>/dev/null)" == "$scratch"* ]] && return 1
  done
  return 0
}
check "no process of the tour still running" -- wait_until 15 none_in_scratch
check "nothing listens on the tour's port" -- "$python" -c "
import socket, sys
s = socket.socket()
sys.exit(0 if s.connect_ex(('127.0.0.1', $port)) != 0 else 1)"
check "no temporary folder left" -- test -z "$(ls -A "$work/tmp")"

finish
