#!/usr/bin/env bash
# Every document in the shared corpus lints with exit 0 or 1 — never 2, never a crash — and every finding
# has a file, a line and a column. Skips when ../shared is absent (a user's clone).
source "$(dirname "$0")/lib.bash"

corpus="$SHARED/corpus"
if [[ ! -d "$corpus" ]]; then
  echo "SKIP: $corpus is absent"
  exit 0
fi

# The corpus manifest lists each document once, naming the entry file of multi-file trees.
mapfile -t documents < <(python3 -c "
import json, sys
for d in json.load(open(sys.argv[1]))['documents']:
    print(sys.argv[2] + '/' + d['local'])
" "$corpus/manifest.json" "$corpus")

for document in "${documents[@]}"; do
  code=0
  "$APICTL" contract lint --format json "$document" >"$work/out" 2>"$work/err" || code=$?
  checks=$((checks + 1))
  if [[ "$code" != 0 && "$code" != 1 ]]; then
    echo "FAIL: $document: exit $code" >&2
    head -5 "$work/err" >&2
    failures=$((failures + 1))
    continue
  fi
  if ! python3 - "$work/out" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
bad = [f for f in report["findings"] if not f["file"] or f["line"] < 1 or f["column"] < 1]
if bad:
    print("findings without a location:", bad[:3], file=sys.stderr)
    sys.exit(1)
PY
  then
    echo "FAIL: $document: a finding without file:line:col" >&2
    failures=$((failures + 1))
  fi
done
echo "linted ${#documents[@]} corpus documents"
finish
