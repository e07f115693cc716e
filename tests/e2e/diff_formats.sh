#!/usr/bin/env bash
# `contract diff --format markdown|html|junit|github|sarif` and `contract changelog` on the real binary: the XML
# outputs are well-formed, JSON and SARIF parse, the page needs no network, output is byte-identical across
# runs, and the formats keep the exit codes.
source "$(dirname "$0")/lib.bash"

base=tests/fixtures/diff/petstore-base.yaml
revision=tests/fixtures/diff/petstore-revision.json

for format in markdown html junit github sarif json text; do
  expect_exit 1 "--format $format keeps exit 1 on breaking changes" -- "$APICTL" contract diff -f "$format" "$base" "$revision"
  cp "$work/out" "$work/first.$format"
  expect_exit 1 "--format $format, second run" -- "$APICTL" contract diff -f "$format" "$base" "$revision"
  check "--format $format is byte-identical across runs" -- cmp -s "$work/out" "$work/first.$format"
done

check "junit is well-formed XML with 5 failures" -- python3 -c "
import xml.dom.minidom, sys
doc = xml.dom.minidom.parse('$work/first.junit')
assert len(doc.getElementsByTagName('testcase')) == 13
assert len(doc.getElementsByTagName('failure')) == 5, 'failures'"
check "html is well-formed (polyglot) markup" -- python3 -c "
import xml.dom.minidom
doc = xml.dom.minidom.parse('$work/first.html')
assert len(doc.getElementsByTagName('tr')) == 13 + 3  # and a header row for each of 3 operations
assert not doc.getElementsByTagName('script')"
check "html names no URL at all" -- bash -c "! grep -Eq 'https?:|//|src=|<link' '$work/first.html'"
check "sarif parses as 2.1.0 with a result per change" -- python3 -c "
import json
log = json.load(open('$work/first.sarif'))
assert log['version'] == '2.1.0'
results = log['runs'][0]['results']
assert len(results) == 13
assert all(r['partialFingerprints']['apictlChange/v1'] for r in results)"
check "github: one annotation per change with file and line" -- bash -c "
[[ \$(grep -Ec '^::(error|warning|notice) file=[^,]+,line=[0-9]+,col=[0-9]+,title=[a-z-]+::' '$work/first.github') == 13 ]]"
check "markdown leads with the summary" -- grep -q '^\*\*13 changes\*\* in ' "$work/first.markdown"

# Against a git revision, what was removed is in no file of the checkout: its annotation goes on the revision's
# contract, without a line, and says where it was; what is in the revision keeps its file and line.
repo="$work/repo"
mkdir -p "$repo"
cp "$base" "$repo/openapi.yaml"
git -C "$repo" init -q
git -C "$repo" add openapi.yaml
git -C "$repo" -c user.email=test@example.com -c user.name=test commit -qm base
cp "$revision" "$repo/openapi.yaml"
expect_exit 1 "github annotations against HEAD:openapi.yaml" -- \
  "$APICTL" -C "$repo" contract diff -f github HEAD:openapi.yaml openapi.yaml
check "no annotation names the git revision as its file" -- bash -c "! grep -q 'file=HEAD' '$work/out'"
check "a removal is annotated on openapi.yaml, saying where it was" -- \
  grep -Eq '^::error file=openapi.yaml,title=[a-z-]+::.*\(it was at HEAD:openapi.yaml:[0-9]+:[0-9]+\)$' "$work/out"
check "what the revision has keeps its line" -- grep -Eq '^::[a-z]+ file=openapi.yaml,line=[0-9]+,col=[0-9]+,' "$work/out"

expect_exit 0 "junit without changes exits 0 even at --fail-on INFO" -- "$APICTL" contract diff -f junit --fail-on INFO "$base" "$base"
check "no changes is one passing case" -- python3 -c "
import xml.dom.minidom
doc = xml.dom.minidom.parse('$work/out')
assert len(doc.getElementsByTagName('testcase')) == 1 and not doc.getElementsByTagName('failure')"
expect_exit 2 "an unknown format" -- "$APICTL" contract diff -f pdf "$base" "$revision"

cl_base=tests/fixtures/diff/changelog-base.yaml
cl_revision=tests/fixtures/diff/changelog-revision.yaml
expect_exit 0 "changelog exits 0 even with breaking changes" -- "$APICTL" contract changelog "$cl_base" "$cl_revision" --date 2026-03-01
check "changelog matches its golden file" -- cmp -s "$work/out" tests/golden/diff/changelog.md
expect_exit 0 "changelog as json" -- "$APICTL" contract changelog -f json "$cl_base" "$cl_revision" --date 2026-03-01
check "changelog json parses" -- python3 -c "
import json
d = json.load(open('$work/out'))
assert [s['group'] for s in d['sections']] == ['breaking', 'deprecated', 'added', 'changed']"
expect_exit 0 "changelog defaults the date to today" -- "$APICTL" contract changelog "$cl_base" "$cl_revision"
check "today's date in the heading" -- grep -q "^## \[2.0.0\] - $(date -u +%F)\$" "$work/out"
expect_exit 2 "changelog: a malformed --date" -- "$APICTL" contract changelog "$cl_base" "$cl_revision" --date 01/03/2026
expect_exit 2 "changelog: a missing REVISION" -- "$APICTL" contract changelog "$cl_base" "$work/missing.yaml"
check "the error names the file" -- grep -q "missing.yaml" "$work/err"

# In a project, apictl.toml's [contract.diff] shapes the changelog: ignored changes leave it, overridden levels
# move changes between groups; --no-config restores them.
mkdir -p "$work/project"
printf '[contract.diff]\nignore = ["endpoint-deprecated"]\nlevels = { "request-parameter-max-decreased" = "INFO" }\n' \
  >"$work/project/apictl.toml"
expect_exit 0 "changelog in a project" -- "$APICTL" -C "$work/project" contract changelog "$PWD/$cl_base" "$PWD/$cl_revision" --date 2026-03-01
check "an ignored change is not in the changelog" -- bash -c "! grep -q '### Deprecated' '$work/out'"
check "an overridden level moves the change to Changed" -- bash -c "sed -n '/### Changed/,\$p' '$work/out' | grep -q 'maximum decreased'"
expect_exit 0 "changelog --no-config" -- "$APICTL" -C "$work/project" contract changelog --no-config "$PWD/$cl_base" "$PWD/$cl_revision" --date 2026-03-01
check "--no-config ignores apictl.toml" -- cmp -s "$work/out" tests/golden/diff/changelog.md
printf '[contract.diff]\nignore = ["endpoint-deprecatd"]\n' >"$work/project/apictl.toml"
expect_exit 2 "changelog: an unknown id in apictl.toml" -- "$APICTL" -C "$work/project" contract changelog "$PWD/$cl_base" "$PWD/$cl_revision"
check "the error names apictl.toml" -- grep -q "apictl.toml" "$work/err"
finish
