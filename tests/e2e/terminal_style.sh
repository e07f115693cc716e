#!/usr/bin/env bash
# Colour and code frames (from the loaded text, so stdin too) appear only on a terminal; NO_COLOR and --no-color turn colour off there too.
source "$(dirname "$0")/lib.bash"

if ! command -v script >/dev/null; then
  echo "SKIP: script(1) is not installed"
  exit 0
fi
cat >"$work/api.yaml" <<'YAML'
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200': {$ref: '#/components/responses/Nope'}
YAML
esc=$'\033'
tty_run() {  # runs the command under a pseudo-terminal, output in $work/tty
  script -qec "$*" /dev/null >"$work/tty" 2>&1 || true
}

tty_run env -u NO_COLOR "$APICTL" contract lint --preset structural "$work/api.yaml"
check "colour on a terminal" -- grep -q "${esc}\[31merror" "$work/tty"
check "code frame on a terminal" -- grep -q "7 | " "$work/tty"
tty_run "\"$APICTL\" contract lint --preset structural - < \"$work/api.yaml\""
check "code frame for a contract read from stdin" -- grep -q "7 | .*components/responses/Nope" "$work/tty"
tty_run env NO_COLOR=1 "$APICTL" contract lint --preset structural "$work/api.yaml"
check "NO_COLOR removes colour" -- bash -c "! grep -q \"${esc}\[3\" \"$work/tty\""
tty_run env -u NO_COLOR "$APICTL" --no-color contract lint --preset structural "$work/api.yaml"
check "--no-color removes colour" -- bash -c "! grep -q \"${esc}\[3\" \"$work/tty\""
env -u NO_COLOR "$APICTL" contract lint --preset structural "$work/api.yaml" >"$work/out" 2>&1 || true
check "no colour into a pipe" -- bash -c "! grep -q \"${esc}\" \"$work/out\""
finish
