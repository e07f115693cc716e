#!/usr/bin/env bash
# Exit codes 0/1/2 of `contract lint`, and that diagnostics go to stderr while stdout stays parseable.
source "$(dirname "$0")/lib.bash"

cat >"$work/findings.yaml" <<'YAML'
openapi: 3.1.0
info:
  title: Findings
  version: 1.0.0
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
YAML
printf 'openapi: 3.1.0\ninfo: [unclosed\n' >"$work/malformed.yaml"

expect_exit 0 "clean sample" -- "$APICTL" contract lint examples/petstore/openapi.yaml
expect_exit 1 "unresolved ref is an error finding" -- "$APICTL" contract lint "$work/findings.yaml"
check "finding printed as file:line:col" -- grep -q "findings.yaml:14:23 error no-unresolved-refs" "$work/out"
expect_exit 2 "malformed YAML" -- "$APICTL" contract lint "$work/malformed.yaml"
check "parse error names file:line:col" -- grep -Eq "malformed.yaml:[0-9]+:[0-9]+: error: " "$work/err"
check "nothing on stdout for an input error" -- test ! -s "$work/out"
expect_exit 2 "missing file" -- "$APICTL" contract lint "$work/none.yaml"
expect_exit 2 "unknown flag" -- "$APICTL" contract lint --frobnicate
printf 'openapi: 3.1.0\ninfo:\n  title: t\n  version: "1"\npaths: {}\n' >"$work/minimal.yaml"
expect_exit 0 "stdin" -- bash -c "\"$APICTL\" contract lint --preset structural - < \"$work/minimal.yaml\""
check "stdin lints clean" -- grep -q "no problems" "$work/out"
expect_exit 1 "json format keeps the exit code" -- "$APICTL" contract lint --format json "$work/findings.yaml"
check "json output parses" -- python3 -c "import json,sys; json.load(open('$work/out'))"
expect_exit 0 "a warning is below the default threshold" -- \
  "$APICTL" contract lint --rule no-unresolved-refs=warn "$work/findings.yaml" --preset structural
expect_exit 1 "warn threshold" -- \
  "$APICTL" contract lint --rule no-unresolved-refs=warn --fail-severity warn "$work/findings.yaml" --preset structural
expect_exit 1 "--fail-on, the name contract diff uses, is the same threshold" -- \
  "$APICTL" contract lint --rule no-unresolved-refs=warn --fail-on warn "$work/findings.yaml" --preset structural
expect_exit 2 "--fail-on checks its value" -- "$APICTL" contract lint --fail-on fatal "$work/findings.yaml"
expect_exit 1 "--fail-on takes contract diff's spelling, ERR, too" -- \
  "$APICTL" contract lint --fail-on ERR "$work/findings.yaml"
expect_exit 1 "one thread finds the same" -- "$APICTL" contract lint -j 1 "$work/findings.yaml"
check "same finding with -j 1" -- grep -q "findings.yaml:14:23 error no-unresolved-refs" "$work/out"
expect_exit 2 "zero jobs is a usage error" -- "$APICTL" contract lint -j 0 "$work/findings.yaml"
finish
