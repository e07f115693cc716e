#!/usr/bin/env bash
# Exit codes 0/1/2 of `contract diff`, stdin, JSON on stdout, and byte-identical output across runs.
source "$(dirname "$0")/lib.bash"

cat >"$work/base.yaml" <<'YAML'
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
      responses:
        '200': {description: ok}
YAML
sed 's/maximum: 100/maximum: 200/' "$work/base.yaml" >"$work/wider.yaml"
printf 'openapi: 3.0.3\ninfo: [unclosed\n' >"$work/malformed.yaml"

expect_exit 0 "same contract" -- "$APICTL" contract diff "$work/base.yaml" "$work/base.yaml"
check "nothing changed" -- grep -q "no changes" "$work/out"
expect_exit 0 "an INFO change is below the default threshold" -- "$APICTL" contract diff "$work/base.yaml" "$work/wider.yaml"
check "the change is named by its oasdiff id" -- grep -q "request-parameter-max-increased" "$work/out"
expect_exit 1 "--fail-on INFO" -- "$APICTL" contract diff --fail-on INFO "$work/base.yaml" "$work/wider.yaml"
expect_exit 1 "a narrowed request is breaking" -- "$APICTL" contract diff "$work/wider.yaml" "$work/base.yaml"
expect_exit 1 "json keeps the exit code" -- "$APICTL" contract diff -f json "$work/wider.yaml" "$work/base.yaml"
check "json output parses" -- python3 -c "import json; d = json.load(open('$work/out')); assert d['changes'][0]['id'] == 'request-parameter-max-decreased'"
cp "$work/out" "$work/first.json"
expect_exit 1 "second run" -- "$APICTL" contract diff -f json "$work/wider.yaml" "$work/base.yaml"
check "byte-identical across runs" -- cmp -s "$work/out" "$work/first.json"
expect_exit 0 "BASE from stdin" -- bash -c "\"$APICTL\" contract diff - \"$work/base.yaml\" < \"$work/base.yaml\""
expect_exit 2 "malformed REVISION" -- "$APICTL" contract diff "$work/base.yaml" "$work/malformed.yaml"
check "parse error names file:line:col" -- grep -Eq "malformed.yaml:[0-9]+:[0-9]+: error: " "$work/err"
check "nothing on stdout for an input error" -- test ! -s "$work/out"
expect_exit 2 "missing REVISION argument" -- "$APICTL" contract diff "$work/base.yaml"
expect_exit 2 "both from stdin" -- "$APICTL" contract diff - -
expect_exit 2 "unknown level" -- "$APICTL" contract diff --fail-on BREAKING "$work/base.yaml" "$work/base.yaml"
finish
