#!/usr/bin/env bash
# Crash safety of apictl migrate: stop an apply at every point it can be stopped (APICTL_MIGRATE_CRASH_AFTER=N
# makes apictl send itself SIGKILL after its Nth durable write, rename or removal), then: status
# explains the state; apply recovers to the fully migrated project; separately, rollback recovers to the
# project fully before (or, when the crash came after the ledger was written, fully after) the migration.
source "$(dirname "$0")/lib.bash"

fixture=tests/fixtures/migrate/engine/project
id=20261120-0900-shoplib-v2

# The projects live in memory (tmpfs) when the machine has it: each apply syncs every write to disk, and a
# few hundred applies on a disk would take minutes. A kill leaves the page cache as it is, so what the test
# checks (the state a stopped process leaves) is the same on either.
if [[ -d /dev/shm && -w /dev/shm ]]; then
  projects=$(mktemp -d /dev/shm/apictl-migrate-crash.XXXXXX)
  trap 'stop_server; rm -rf "$work" "$projects"' EXIT
else
  projects="$work"
fi

# Checksums of every file and folder, but the ledger's own (it holds times); whether the ledger lists the
# migration instead.
tree_sum() {
  (cd "$1" && find . -type f ! -path ./migrations/ledger.json -print0 | LC_ALL=C sort -z | xargs -0 sha256sum &&
    find . -type d | LC_ALL=C sort)
  if grep -q "\"id\": \"$id\"" "$1/migrations/ledger.json" 2>/dev/null; then echo "ledger: $id"; fi
}

# The fixture, with a verify command that starts no interpreter: the test runs a few hundred applies.
cp -r "$fixture" "$projects/base"
sed -i 's|^test = .*|test = "test -f app/models.py -a ! -e app/schemas.py"|' "$projects/base/apictl.toml"
grep -q '^test = "test -f' "$projects/base/apictl.toml"

cp -r "$projects/base" "$projects/before"
before=$(tree_sum "$projects/before")
cp -r "$projects/base" "$projects/after"
"$APICTL" -C "$projects/after" migrate apply >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
after=$(tree_sum "$projects/after")

points=0
for ((n = 1; n < 500; n++)); do
  rm -rf "$projects/p" "$projects/q"
  cp -r "$projects/base" "$projects/p"
  code=0
  APICTL_MIGRATE_CRASH_AFTER=$n "$APICTL" -C "$projects/p" migrate apply >/dev/null 2>&1 || code=$?
  if [[ "$code" == 0 ]]; then
    break  # no point n: the apply ran to its end
  fi
  points=$n
  checks=$((checks + 1))
  if [[ "$code" != 137 ]]; then
    echo "FAIL: point $n: apply exited $code, not 137" >&2
    failures=$((failures + 1))
    continue
  fi
  cp -r "$projects/p" "$projects/q"
  if expect_exit 0 "point $n: status" -- "$APICTL" -C "$projects/p" migrate status; then
    if [[ -e "$projects/p/migrations/.ledger/journal.json" ]]; then
      check "point $n: status explains the interruption" -- grep -q "^Interrupted: " "$work/out"
    fi
  fi
  if expect_exit 0 "point $n: apply recovers" -- "$APICTL" -C "$projects/p" migrate apply; then
    check "point $n: apply ends fully migrated" -- test "$(tree_sum "$projects/p")" == "$after"
  fi
  if expect_exit 0 "point $n: rollback recovers" -- "$APICTL" -C "$projects/q" migrate rollback; then
    state=$(tree_sum "$projects/q")
    check "point $n: rollback ends fully before or fully after" -- test "$state" == "$before" -o "$state" == "$after"
  fi
done
echo "stopped the apply at $points points"
check "the apply has many points to stop at" -- test "$points" -ge 20

finish
