#!/usr/bin/env bash
# Hostile and broken input: each ends in exit 2 with file:line:col and a hint, in bounded time and memory.
source "$(dirname "$0")/lib.bash"

fixtures=tests/fixtures/bad
run_bounded() {  # 20 s and 2 GiB of address space at most; ASan builds reserve more, so skip the cap there
  if [[ "${APICTL_SANITIZED:-}" == 1 ]]; then
    timeout 60 "$@"
  else
    (ulimit -v 2097152 && timeout 20 "$@")
  fi
}

for name in malformed.yaml malformed.json empty.yaml binary.bin invalid-utf8.yaml duplicate-keys.yaml \
            duplicate-keys.json billion-laughs.yaml scalar.yaml list.yaml; do
  expect_exit 2 "$name" -- run_bounded "$APICTL" contract lint "$fixtures/$name" || continue
  check "$name: error names file:line:col" -- grep -Eq "^$fixtures/$name:[0-9]+:[0-9]+: error: " "$work/err"
  check "$name: nothing on stdout" -- test ! -s "$work/out"
done

# 100,000 levels of nesting, in JSON and in YAML flow style.
python3 -c "print('[' * 100000 + ']' * 100000)" >"$work/deep.json"
python3 -c "print('a: ' + '[' * 100000 + ']' * 100000)" >"$work/deep.yaml"
for name in deep.json deep.yaml; do
  expect_exit 2 "$name" -- run_bounded "$APICTL" contract lint "$work/$name" &&
    check "$name: says how deep" -- grep -q "nesting deeper than" "$work/err"
done

# A $ref cycle and a $ref to a missing file or pointer are findings (exit 1), not crashes.
cat >"$work/refs.yaml" <<'YAML'
openapi: 3.0.3
info: {title: refs, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
    C: {$ref: 'missing.yaml#/X'}
    D: {$ref: '#/components/schemas/Nope'}
    E:
      type: object
      properties:
        self: {$ref: '#/components/schemas/E'}
YAML
expect_exit 1 "ref problems are findings" -- run_bounded "$APICTL" contract lint --preset structural "$work/refs.yaml"
check "cycle reported" -- grep -q "refs.yaml:6:15 error no-unresolved-refs" "$work/out"
check "missing file reported" -- grep -q "refs.yaml:8:15 error no-unresolved-refs.*missing.yaml" "$work/out"
check "missing pointer reported" -- grep -q "refs.yaml:9:15 error no-unresolved-refs" "$work/out"
finish
