#!/usr/bin/env bash
# Silencing findings: inline x-apictl-ignore, apictl.toml ignores by pointer glob, severities and presets.
source "$(dirname "$0")/lib.bash"

mkdir -p "$work/project/sub"
cat >"$work/project/openapi.yaml" <<'YAML'
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing1'}
  /b:
    x-apictl-ignore: [no-unresolved-refs]
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing2'}
  /c:
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing3'}
YAML
cat >"$work/project/apictl.toml" <<'TOML'
[contract]
path = "openapi.yaml"

[contract.lint]
preset = "structural"
ignore = [ { rule = "no-unresolved-refs", pointer = "/paths/~1c/**" } ]
TOML
cd "$work/project/sub"
expect_exit 1 "project contract found from a subfolder" -- "$APICTL" contract lint --format json
check "only /a is reported" -- python3 -c "
import json; d = json.load(open('$work/out'))
ptrs = [f['pointer'] for f in d['findings']]
assert len(ptrs) == 1 and ptrs[0].startswith('/paths/~1a/'), ptrs"
expect_exit 0 "rule turned off by flag" -- "$APICTL" contract lint --rule no-unresolved-refs=off
expect_exit 0 "ignored everywhere by flag" -- "$APICTL" contract lint --ignore no-unresolved-refs
expect_exit 1 "flag preset overrides the file" -- "$APICTL" contract lint --preset recommended

printf '[contract]\npath = "openapi.yaml"\n[contract.lint]\nrules = { "no-unresolved-ref" = "off" }\n' \
  >"$work/project/apictl.toml"
expect_exit 2 "unknown rule id in apictl.toml" -- "$APICTL" contract lint
check "error at the key with a suggestion" -- \
  grep -Eq "apictl.toml:4:11: error: unknown rule id 'no-unresolved-ref'; did you mean 'no-unresolved-refs'" "$work/err"
finish
