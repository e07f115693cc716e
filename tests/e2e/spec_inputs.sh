#!/usr/bin/env bash
# SPEC as a folder and as REV:path: a two-file contract whose committed version differs from the working tree;
# the revision's files (the root and its $ref'd schema) are what gets linted, and git problems exit 2.
source "$(dirname "$0")/lib.bash"

# Keep git from finding a repository above $work (for the "not a repository" case) or prompting for anything.
export GIT_CEILING_DIRECTORIES="$(dirname "$work")" GIT_TERMINAL_PROMPT=0
repo="$work/repo"
commit() { git -C "$repo" -c user.email=t@t -c user.name=t -c commit.gpgsign=false commit -q "$@"; }

mkdir -p "$repo/api/schemas" "$work/plain/empty"
git -C "$repo" init -q
cat >"$repo/api/openapi.yaml" <<'YAML'
openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths: {}
components:
  schemas:
    Pet:
      $ref: 'schemas/pet.yaml'
YAML
# Committed: the schema has a $ref that does not resolve (an error finding at line 4).
printf 'type: object\nproperties:\n  owner:\n    $ref: "#/nowhere"\n' >"$repo/api/schemas/pet.yaml"
git -C "$repo" add -A
commit -m "pet with a broken ref"
# Working tree: fixed.
printf 'type: object\nproperties:\n  owner:\n    type: string\n' >"$repo/api/schemas/pet.yaml"

expect_exit 0 "a folder lints its openapi.yaml (working tree, fixed)" -- \
  "$APICTL" contract lint --preset structural "$repo/api"
check "folder: names the entry file" -- grep -q "in 2 files" "$work/out"

expect_exit 1 "REV:path lints the committed contract" -- \
  "$APICTL" -C "$repo" contract lint --preset structural HEAD:api/openapi.yaml
check "REV:path: the \$ref'd file is read at the revision and named REV:path" -- \
  grep -q "^HEAD:api/schemas/pet.yaml:4:[0-9]* error no-unresolved-refs" "$work/out"

expect_exit 1 "REV:path is relative to the current directory; REV:. is a folder" -- \
  "$APICTL" -C "$repo/api" contract lint --preset structural HEAD:.
check "REV:.: finding in HEAD:schemas/pet.yaml" -- grep -q "^HEAD:schemas/pet.yaml:4:" "$work/out"

expect_exit 1 "REV:path with --format json" -- \
  "$APICTL" -C "$repo" contract lint --preset structural --format json HEAD:api/openapi.yaml
check "json names the revision's files" -- python3 -c "
import json, sys
files = json.load(open('$work/out'))['contracts'][0]['files']
sys.exit(files != ['HEAD:api/openapi.yaml', 'HEAD:api/schemas/pet.yaml'])"

expect_exit 2 "unknown revision" -- "$APICTL" -C "$repo" contract lint no-such-branch:api/openapi.yaml
check "unknown revision: says so, with a hint" -- \
  grep -q "^no-such-branch:api/openapi.yaml: error: unknown git revision 'no-such-branch'.*; check it with" "$work/err"
check "unknown revision: nothing on stdout" -- test ! -s "$work/out"

expect_exit 2 "path missing at the revision" -- "$APICTL" -C "$repo" contract lint HEAD:api/none.yaml
check "missing path: says so, with a hint" -- \
  grep -q "'api/none.yaml' does not exist at revision 'HEAD'; .*git ls-tree" "$work/err"

expect_exit 2 "folder without an entry file" -- "$APICTL" contract lint "$work/plain/empty"
check "no entry file: names the folder and what was looked for" -- \
  grep -q "folder '$work/plain/empty' has no contract entry file (looked for openapi.yaml, openapi.yml" "$work/err"

expect_exit 2 "REV:path outside a git repository" -- "$APICTL" -C "$work/plain" contract lint HEAD:openapi.yaml
check "no repository: says so" -- grep -q "not in a git repository" "$work/err"

expect_exit 2 "git not installed" -- env PATH=/nonexistent "$APICTL" -C "$repo" contract lint HEAD:api/openapi.yaml
check "no git: says to install it" -- grep -q "git is not installed.*install git" "$work/err"
finish
