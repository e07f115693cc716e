#!/usr/bin/env bash
# `contract diff` policies from apictl.toml and flags: the baseline default (HEAD:openapi.yaml in a throwaway
# git repository), ignore rules, level overrides, the version policy and --suggest-version.
source "$(dirname "$0")/lib.bash"

project="$work/project"
mkdir -p "$project"
contract() {  # contract VERSION [internal]: /pets always, /internal/jobs when the second argument is given
  printf 'openapi: 3.0.3\ninfo: {title: Pets, version: "%s"}\npaths:\n' "$1"
  printf '  /pets:\n    get:\n      responses:\n        "200": {description: ok}\n'
  if [[ -n "${2:-}" ]]; then
    printf '  /internal/jobs:\n    get:\n      responses:\n        "200": {description: ok}\n'
  fi
}
config() {  # config [LINES...]: apictl.toml with a baseline and the given [contract.diff] lines
  {
    printf '[contract]\npath = "openapi.yaml"\nbaseline = "HEAD:openapi.yaml"\n\n[contract.diff]\n'
    printf '%s\n' "$@"
  } >"$project/apictl.toml"
}
diff_in_project() { "$APICTL" -C "$project" contract diff "$@"; }

contract 1.4.0 internal >"$project/openapi.yaml"
git -C "$project" init -q
git -C "$project" add openapi.yaml
git -C "$project" -c user.email=t@t -c user.name=t commit -q -m base
contract 1.4.0 >"$project/openapi.yaml"  # the working tree drops GET /internal/jobs: breaking
config

# The baseline default: no arguments diff HEAD:openapi.yaml against the working contract.
expect_exit 1 "no arguments: baseline -> contract, a removed path is breaking" -- diff_in_project
check "the removal is reported" -- grep -q "api-path-removed-without-deprecation" "$work/out"
check "the summary names the baseline and the contract" -- grep -q "between HEAD:openapi.yaml and openapi.yaml" "$work/out"
expect_exit 0 "one argument is BASE, like git diff REV" -- diff_in_project openapi.yaml
check "the contract against itself: nothing" -- grep -q "no changes" "$work/out"
mkdir -p "$project/sub/dir"
expect_exit 1 "from a subfolder the baseline is still relative to apictl.toml" -- \
  bash -c "cd \"$project/sub/dir\" && \"$APICTL\" contract diff"
expect_exit 2 "--no-config: no baseline to default to" -- diff_in_project --no-config
check "says what is missing" -- grep -q "no BASE given" "$work/err"

# Ignore rules, from apictl.toml and from --ignore.
config 'ignore = [ { id = "api-path-removed-without-deprecation", path = "/internal/**", reason = "no clients" } ]'
expect_exit 0 "an ignored change does not fail the gate" -- diff_in_project
check "nor is it reported" -- bash -c "! grep -q api-path-removed-without-deprecation \"$work/out\""
check "but it is counted" -- grep -q "1 change ignored by policy" "$work/out"
expect_exit 0 "json counts ignored changes" -- diff_in_project -f json
check "summary.ignored is 1" -- python3 -c "import json; d = json.load(open('$work/out')); assert d['summary']['ignored'] == 1 and d['changes'] == [], d"
config 'ignore = [ "api-path-removed-without-deprecation@/pets/**" ]'
expect_exit 1 "an ignore rule on another path does not match" -- diff_in_project
config 'ignore = [ "api-path-removed-without-deprecation@POST /internal/**" ]'
expect_exit 1 "an ignore rule for another method does not match" -- diff_in_project
config
expect_exit 0 "--ignore with a method and a path glob" -- diff_in_project --ignore 'api-path-removed-*@GET /internal/*'
expect_exit 1 "--ignore: * is one path segment" -- diff_in_project --ignore 'api-path-removed-*@/*'
expect_exit 0 "--ignore: ** spans segments" -- diff_in_project --ignore 'api-path-removed-*@/**'
expect_exit 2 "--ignore with an unknown id" -- diff_in_project --ignore 'api-path-removed-without-deprecatoin'
check "suggests the id" -- grep -q "did you mean 'api-path-removed-without-deprecation'" "$work/err"

# Level overrides.
config 'levels = { "api-path-removed-without-deprecation" = "WARN" }'
expect_exit 0 "a breaking change lowered to WARN passes the ERR gate" -- diff_in_project
check "and is shown at its new level" -- grep -Eq "WARN +api-path-removed-without-deprecation" "$work/out"
expect_exit 1 "--fail-on WARN overrides the file and catches it" -- diff_in_project --fail-on WARN
config 'levels = { "api-path-removed-without-deprecation" = "WARN" }' 'fail-on = "WARN"'
expect_exit 1 "fail-on from apictl.toml" -- diff_in_project
expect_exit 0 "--check-level off drops it (the flag comes after the file)" -- \
  diff_in_project --check-level api-path-removed-without-deprecation=off
check "dropped, not shown" -- grep -q "no changes" "$work/out"
expect_exit 2 "--check-level with an unknown level" -- diff_in_project --check-level api-tag-removed=fatal
config 'levels = { "api-path-removed-without-deprecatoin" = "off" }'
expect_exit 2 "an unknown id in apictl.toml" -- diff_in_project
check "names apictl.toml:line:column and the nearest id" -- \
  grep -Eq "apictl.toml:6:12: error: unknown check id .*did you mean 'api-path-removed-without-deprecation'" "$work/err"
check "nothing on stdout" -- test ! -s "$work/out"

# The version policy and --suggest-version.
config 'version-policy = true'
expect_exit 1 "a breaking change without a version bump" -- diff_in_project
check "api-version-not-bumped is reported" -- grep -Eq "ERR +api-version-not-bumped .*make it 2.0.0" "$work/out"
contract 1.5.0 >"$project/openapi.yaml"
expect_exit 1 "a minor bump is not enough" -- diff_in_project
check "api-major-version-not-bumped" -- grep -q "api-major-version-not-bumped" "$work/out"
contract 2.0.0 >"$project/openapi.yaml"
expect_exit 0 "a major bump admits the breaking change" -- diff_in_project
check "which is still reported" -- grep -Eq "ERR +api-path-removed-without-deprecation" "$work/out"
check "with a note on stderr" -- grep -q "major bump" "$work/err"
expect_exit 1 "--no-version-policy: the breaking change fails again" -- diff_in_project --no-version-policy
contract 2024-06 >"$project/openapi.yaml"
expect_exit 1 "a version that is not semver" -- diff_in_project
check "api-version-not-semver" -- grep -q "api-version-not-semver" "$work/out"

config
contract 1.4.0 >"$project/openapi.yaml"
expect_exit 0 "--suggest-version after a breaking change" -- diff_in_project --suggest-version
check "prints the next major alone" -- test "$(cat "$work/out")" = "2.0.0"
contract 1.4.0 internal >"$project/openapi.yaml"
expect_exit 0 "--suggest-version without changes" -- diff_in_project --suggest-version
check "prints the next patch" -- test "$(cat "$work/out")" = "1.4.1"
contract 1.4.0 >"$work/smaller.yaml"
expect_exit 0 "--suggest-version after an addition" -- diff_in_project --suggest-version "$work/smaller.yaml"
check "prints the next minor" -- test "$(cat "$work/out")" = "1.5.0"
expect_exit 0 "--suggest-version with -f json: the report with the field" -- diff_in_project --suggest-version -f json
check "suggested_version in the JSON" -- python3 -c "import json; assert json.load(open('$work/out'))['suggested_version'] == '1.4.1'"
contract 2024-06 internal >"$work/unversioned.yaml"
expect_exit 2 "--suggest-version from a base that is not semver" -- diff_in_project --suggest-version "$work/unversioned.yaml"
check "explains why" -- grep -q "is not MAJOR.MINOR.PATCH" "$work/err"
finish
