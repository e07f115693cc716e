#!/usr/bin/env bash
# Every `--format json` output validates against its JSON Schema in docs/schemas/ (draft 2020-12, checked with
# Debian's python3-jsonschema): each command on real inputs, with findings and without (templates, contract
# rules|lint|diff|changelog|test, add endpoint, migrate list|status|plan|apply|rollback, slo measure|check,
# doctor), and every command whose --help offers `--format json` is among them. Each schema is itself valid,
# validates some output here and is linked from docs/json-output.md; outputs broken on purpose are rejected,
# so the validator is really on.
source "$(dirname "$0")/lib.bash"
need_python_modules jsonschema fastapi uvicorn pydantic
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in the source tree
export PATH="/usr/bin:$PATH"     # the template's dev command says `python3`; Debian's has FastAPI and uvicorn

schemas=docs/schemas
outputs="$work/outputs"
manifest="$work/manifest.tsv"
mkdir -p "$outputs"
: >"$manifest"
produced=0
last=""

# produce SCHEMA CODE DESCRIPTION -- COMMAND...: runs COMMAND, expects exit CODE and queues its stdout for
# validation against docs/schemas/SCHEMA.schema.json (all are validated at the end, in one interpreter); the
# output's file is left in $last, the command in the manifest.
produce() {
  local schema="$1" want="$2" what="$3"
  shift 3
  last=""
  if expect_exit "$want" "$what" "$@"; then
    produced=$((produced + 1))
    last="$outputs/$produced.json"
    cp "$work/out" "$last"
    printf 'valid\t%s\t%s\t%s\t%s\n' "$schema" "$last" "$what" " ${*:3} " >>"$manifest"
  fi
}

# broken SCHEMA FILE DESCRIPTION PYTHON: FILE changed by the Python statement (on `d`, the parsed document) must
# fail SCHEMA. Skipped when FILE is "" (its command failed, which is reported already).
broken() {
  if [[ -n "$2" ]]; then printf 'invalid\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$manifest"; fi
}

# ---- templates, contract rules ----
produce templates.v1 0 "templates" -- "$APICTL" templates --format json
produce templates.v1 0 "templates with a template folder" -- "$APICTL" templates --format json scaffolds/fastapi
broken templates.v1 "$last" "broken: a string variable with choices" \
  'next(v for t in d["templates"] for v in t["variables"] if v["type"] != "choice")["choices"] = ["a"]'
produce rules.v1 0 "contract rules" -- "$APICTL" contract rules --format json
produce rules.v1 0 "contract rules --preset structural" -- "$APICTL" contract rules --format json --preset structural

# ---- contract lint ----
produce lint.v1 0 "lint: a clean multi-file contract" -- "$APICTL" contract lint --format json examples/petstore
broken lint.v1 "$last" "broken: an undocumented top-level field" 'd["elapsed"] = 0.1'
produce lint.v1 1 "lint: every rule's failing fixture, each severity" -- "$APICTL" contract lint --format json \
  --preset all --rule operation-description=hint tests/fixtures/lint/*/fail.yaml
broken lint.v1 "$last" "broken: a severity outside the enum" 'd["findings"][0]["severity"] = "warning"'
broken lint.v1 "$last" "broken: a finding without its line" 'del d["findings"][-1]["line"]'
produce lint.v1 1 "lint: Swagger 2.0" -- "$APICTL" contract lint --format json "$SHARED/corpus/oai/v2.0/uber.yaml"
produce lint.v1 0 "lint: 3.1 webhooks" -- \
  "$APICTL" contract lint --format json "$SHARED/corpus/oai/v3.1/webhook-example.yaml"

# ---- contract diff, changelog ----
base=tests/fixtures/diff/petstore-base.yaml
revision=tests/fixtures/diff/petstore-revision.json
# A change no operation has (global security, a security scheme) and one in a schema two operations share.
cat >"$work/shared-base.yaml" <<'YAML'
openapi: 3.0.3
info: {title: shared, version: v1}
security: [{key: []}]
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
  /b:
    get:
      operationId: getB
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
        size: {type: integer}
YAML
sed -e 's/version: v1/version: v2/' -e '/^security:/d' -e '/securitySchemes:/,/X-Key/d' -e '/size:/d' \
  "$work/shared-base.yaml" >"$work/shared-revision.yaml"
produce diff.v1 1 "diff: breaking changes" -- "$APICTL" contract diff --format json "$base" "$revision"
broken diff.v1 "$last" "broken: a summary without ignored" 'del d["summary"]["ignored"]'
broken diff.v1 "$last" "broken: a level outside the enum" 'd["changes"][0]["level"] = "ERROR"'
produce diff.v1 0 "diff: no changes" -- "$APICTL" contract diff --format json "$base" "$base"
produce diff.v1 0 "diff: --suggest-version" -- \
  "$APICTL" contract diff --format json --suggest-version "$base" "$revision"
produce diff.v1 1 "diff: ignored changes" -- \
  "$APICTL" contract diff --format json --ignore 'request-*' "$base" "$revision"
produce diff.v1 0 "diff: document-wide and shared changes, no semver" -- \
  "$APICTL" contract diff --format json "$work/shared-base.yaml" "$work/shared-revision.yaml"
broken diff.v1 "$last" "broken: a change found in neither document" 'd["changes"][0]["base"] = None'
produce diff.v1 1 "diff: a removed webhook" -- \
  "$APICTL" contract diff --format json tests/fixtures/diff/ids/webhook-removed/{base,revision}.yaml

cl_base=tests/fixtures/diff/changelog-base.yaml
cl_revision=tests/fixtures/diff/changelog-revision.yaml
produce changelog.v1 0 "changelog: every group" -- \
  "$APICTL" contract changelog --format json --date 2026-03-01 "$cl_base" "$cl_revision"
broken changelog.v1 "$last" "broken: a breaking change under Added" \
  'd["sections"][0].update(group="added", title="Added")'
produce changelog.v1 0 "changelog: no changes" -- "$APICTL" contract changelog --format json "$cl_base" "$cl_base"
produce changelog.v1 0 "changelog: document-wide and shared changes" -- \
  "$APICTL" contract changelog --format json "$work/shared-base.yaml" "$work/shared-revision.yaml"
produce changelog.v1 0 "changelog: an ERR deprecation (a bad sunset)" -- "$APICTL" contract changelog --format json \
  --date 2026-03-01 "$SHARED/oasdiff/data/deprecation/base.yaml" \
  "$SHARED/oasdiff/data/deprecation/deprecated-with-invalid-sunset.yaml"

# ---- add endpoint (and, below, its project's history for slo) ----
commit_at() { # commit_at PROJECT DATE MESSAGE
  git -C "$1" add -A
  GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -C "$1" -c user.name=t -c user.email=t@example.com \
    -c commit.gpgsign=false commit -q -m "$3"
}
svc="$work/svc"
expect_exit 0 "apictl new" -- "$APICTL" new "$svc" --defaults --no-hooks
git -C "$svc" init -q -b main
commit_at "$svc" 2024-03-01T00:00:00Z "the project"
produce add-endpoint.v1 0 "add endpoint --dry-run, new schemas" -- "$APICTL" -C "$svc" add endpoint POST /orders \
  --request-schema OrderCreate --response-schema Order --dry-run --format json
broken add-endpoint.v1 "$last" "broken: a dry run without a file's diff" 'del d["files"][0]["diff"]'
produce add-endpoint.v1 0 "add endpoint" -- "$APICTL" -C "$svc" add endpoint GET '/widgets/{widgetId}' --format json
broken add-endpoint.v1 "$last" "broken: a diff without --dry-run" 'd["files"][0]["diff"] = "--- a/openapi.yaml\n"'
# Lead time: GET /widgets gets its test two days after its operation; DELETE /gadgets never does.
cp "$svc/tests/test_endpoints.py" "$work/test_endpoints.py"
git -C "$svc" checkout -q -- tests
commit_at "$svc" 2024-03-04T00:00:00Z "GET /widgets/{widgetId}"
cp "$work/test_endpoints.py" "$svc/tests/test_endpoints.py"
commit_at "$svc" 2024-03-06T00:00:00Z "its test"
"$APICTL" -C "$svc" add endpoint DELETE '/gadgets/{gadgetId}' >/dev/null 2>&1
git -C "$svc" checkout -q -- tests
commit_at "$svc" 2024-03-07T00:00:00Z "DELETE /gadgets/{gadgetId}, untested"
git -C "$svc" tag v1.0.0

old="$work/old"
expect_exit 0 "apictl new from fastapi 1.0.0" -- "$APICTL" new "$old" --template fastapi@1.0.0 --defaults --no-hooks
produce add-endpoint.v1 0 "add endpoint: a note on the template release" -- \
  "$APICTL" -C "$old" add endpoint DELETE '/pets/{petId}' --format json

# ---- migrate ----
# Its projects live in memory (tmpfs) when the machine has it: apply and rollback sync every write to disk, and
# finding the crash point below takes a few dozen applies.
if [[ -d /dev/shm && -w /dev/shm ]]; then
  projects=$(mktemp -d /dev/shm/apictl-json-schemas.XXXXXX)
  trap 'stop_server; rm -rf "$work" "$projects"' EXIT
else
  projects="$work"
fi
fixture=tests/fixtures/migrate/engine/project
id=20261120-0900-shoplib-v2
shop="$projects/shop"
cp -r "$fixture" "$shop"
produce migrate-list.v1 0 "migrate list: pending, not applicable" -- "$APICTL" -C "$shop" migrate list --format json
produce migrate-status.v1 0 "migrate status: pending" -- "$APICTL" -C "$shop" migrate status --format json
produce migrate-plan.v1 0 "migrate plan: every step kind but template" -- \
  "$APICTL" -C "$shop" migrate plan --format json
broken migrate-plan.v1 "$last" "broken: a file change outside the enum" \
  'd["migrations"][0]["files"][0]["change"] = "renamed"'
produce migrate-apply.v1 0 "migrate apply: steps, files, a checklist item" -- \
  "$APICTL" -C "$shop" migrate apply --format json
produce migrate-list.v1 0 "migrate list: applied" -- "$APICTL" -C "$shop" migrate list --format json
broken migrate-list.v1 "$last" "broken: an applied migration without its time" \
  'next(m for m in d["migrations"] if m["state"] == "applied")["applied_at"] = ""'
produce migrate-status.v1 0 "migrate status: applied, an open item" -- "$APICTL" -C "$shop" migrate status --format json
produce migrate-plan.v1 0 "migrate plan: nothing pending" -- "$APICTL" -C "$shop" migrate plan --format json
produce migrate-apply.v1 0 "migrate apply: nothing to apply" -- "$APICTL" -C "$shop" migrate apply --format json
expect_exit 0 "migrate done" -- "$APICTL" -C "$shop" migrate done "$id" 1
cp "$shop/app/store.py" "$work/store.py"
echo "# edited after the migration" >>"$shop/app/store.py"
produce migrate-status.v1 0 "migrate status: drift, a done item" -- "$APICTL" -C "$shop" migrate status --format json
broken migrate-status.v1 "$last" "broken: an item not done, with a done time" \
  'd["applied"][0]["checklist"][0]["done"] = False'
broken migrate-status.v1 "$last" "broken: a checksum that is not SHA-256" 'd["drift"][0]["actual"] = "04d05a6c"'
produce migrate-rollback.v1 1 "migrate rollback refused: drift, with its diff" -- \
  "$APICTL" -C "$shop" migrate rollback --format json
cp "$work/store.py" "$shop/app/store.py"
produce migrate-rollback.v1 0 "migrate rollback" -- "$APICTL" -C "$shop" migrate rollback --format json
# A migration whose rewrite breaks the code: its verify fails and it is rolled back.
cat >"$shop/migrations/20261121-1000-break.toml" <<'TOML'
id = "20261121-1000-break"
title = "A rewrite that breaks the code"
verify = "python3 tools/check_syntax.py"
[[steps]]
kind = "rewrite"
language = "python"
files = ["app/**/*.py"]
[[steps.replace]]
pattern = "$row.as_dict()"
replacement = "$row.as_dict() +"
TOML
expect_exit 0 "migrate apply --to the first" -- "$APICTL" -C "$shop" migrate apply --to "$id"
produce migrate-apply.v1 1 "migrate apply: a failing verify, rolled back" -- \
  "$APICTL" -C "$shop" migrate apply --format json
broken migrate-apply.v1 "$last" "broken: a failure without its output" 'del d["failure"]["output"]'

# An apply killed once its journal is written (APICTL_MIGRATE_CRASH_AFTER=N: SIGKILL after the Nth durable write).
crashed="$projects/crashed"
for ((n = 1; n < 200; n++)); do
  rm -rf "$crashed"
  cp -r "$fixture" "$crashed"
  code=0
  APICTL_MIGRATE_CRASH_AFTER=$n "$APICTL" -C "$crashed" migrate apply >/dev/null 2>&1 || code=$?
  [[ "$code" == 137 && -e "$crashed/migrations/.ledger/journal.json" ]] && break
done 2>/dev/null # bash's "Killed" notices
check "an apply killed with its journal written" -- test -e "$crashed/migrations/.ledger/journal.json"
cp -r "$crashed" "$projects/crashed-too"
produce migrate-status.v1 0 "migrate status: interrupted" -- "$APICTL" -C "$crashed" migrate status --format json
produce migrate-apply.v1 0 "migrate apply: recovered first" -- "$APICTL" -C "$crashed" migrate apply --format json
produce migrate-rollback.v1 0 "migrate rollback: recovered first" -- \
  "$APICTL" -C "$projects/crashed-too" migrate rollback --format json

# A built-in pack on code it cannot all rewrite: items to check by hand, with file, line and column.
inventory="$projects/inventory"
mkdir -p "$inventory"
cp -r tests/fixtures/migrate/pydantic-v2/before/. "$inventory"
printf 'pydantic>=1.10,<2\n' >"$inventory/requirements.txt"
printf '[project]\nname = "inventory"\n' >"$inventory/apictl.toml"
produce migrate-plan.v1 0 "migrate plan: a built-in pack, items to check by hand" -- \
  "$APICTL" -C "$inventory" migrate plan --format json
produce migrate-apply.v1 0 "migrate apply --no-verify: a built-in pack" -- \
  "$APICTL" -C "$inventory" migrate apply --no-verify --format json
produce migrate-status.v1 0 "migrate status: open items with file and line" -- \
  "$APICTL" -C "$inventory" migrate status --format json

produce migrate-plan.v1 0 "migrate plan: a template release" -- \
  "$APICTL" -C "$old" migrate plan --only template-fastapi-1.1.0 --format json
produce migrate-apply.v1 0 "migrate apply --no-verify: a template release" -- \
  "$APICTL" -C "$old" migrate apply --only template-fastapi-1.1.0 --no-verify --format json

# ---- contract test, against the fixture app with planted defects and its conforming twin ----
app="$(realpath tests/fixtures/contract_test)"
healthy() {
  "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=2)' \
    "$base_url" 2>/dev/null
}
start_app() { # start_app MODULE: serves MODULE:app of the fixture on a free port
  local port
  port=$(free_port)
  base_url="http://127.0.0.1:$port"
  "$python" -m uvicorn --app-dir "$app" "$1:app" --host 127.0.0.1 --port "$port" >"$work/$1.log" 2>&1 &
  server_pid=$!
  wait_until 30 healthy || { echo "FAIL: $1 did not start" >&2; cat "$work/$1.log" >&2; exit 1; }
}
export APICTL_E2E_KEY="e2e-secret-value"
start_app defective
produce contract-test.v1 1 "contract test: defects" -- "$APICTL" contract test --base-url "$base_url" --seed 7 \
  --max-requests 10 --header 'X-Api-Key: ${APICTL_E2E_KEY}' --format json "$app/openapi.yaml"
broken contract-test.v1 "$last" "broken: no status on a defect that had a response" 'd["defects"][0]["status"] = None'
broken contract-test.v1 "$last" "broken: a check outside the enum" 'd["defects"][0]["check"] = "response-slow"'
stop_server
start_app conforming
produce contract-test.v1 0 "contract test: a conforming app" -- "$APICTL" contract test --base-url "$base_url" \
  --max-requests 5 --format json "$app/openapi.yaml"
stop_server

# ---- slo ----
produce slo-measure.v1 0 "slo measure lead-time: done and open operations" -- \
  "$APICTL" -C "$svc" slo measure --scenario lead-time --format json
broken slo-measure.v1 "$last" "broken: an open operation with days" \
  'next(o for o in d["lead_time_operations"] if o["done"] is None)["days"] = 1.0'
produce slo-measure.v1 0 "slo measure lead-time --no-record" -- \
  "$APICTL" -C "$svc" slo measure --scenario lead-time --no-record --format json
produce slo-measure.v1 0 "slo measure ttfr" -- \
  "$APICTL" -C "$svc" slo measure --scenario ttfr --no-setup --runs 1 --format json
broken slo-measure.v1 "$last" "broken: ttfr without its phases" 'del d["measurements"][0]["phases"]'
# A planted defect: the contract says the health check's version is an integer; the app sends a string.
"$python" - "$svc/openapi.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = "version:\n          type: string\n          description: The running version of the service"
assert old in text
open(sys.argv[1], "w").write(text.replace(old, old.replace("type: string", "type: integer")))
PY
produce slo-measure.v1 0 "slo measure defects, a planted one" -- \
  "$APICTL" -C "$svc" slo measure --scenario defects --no-record --format json
broken slo-measure.v1 "$last" "broken: defects without their count" 'del d["defects"]["count"]'
check "slo measure stopped the app it started" -- bash -c "! pgrep -f 'svc[.]main:app' >/dev/null"
produce slo-check.v1 0 "slo check: no budgets" -- "$APICTL" -C "$svc" slo check --format json
printf '\n[slo]\nttfr_seconds = 0.001\nlead_time_p90_days = 30\ndefects = 0\n' >>"$svc/apictl.toml"
produce slo-check.v1 1 "slo check: met, breached, never measured" -- "$APICTL" -C "$svc" slo check --format json
broken slo-check.v1 "$last" "broken: met with a budget breached" 'd["met"] = True'

# ---- doctor ----
produce doctor.v1 0 "doctor outside a project: a warning" -- \
  "$APICTL" -C "$work" doctor --port "$(free_port)" --format json
# A project whose [dev] command needs a program no machine has: a failed check, with its fix.
mkdir -p "$work/needy"
cp -r examples/petstore/. "$work/needy"
printf '[contract]\npath = "openapi.yaml"\n\n[dev]\ncommand = "apictl-e2e-no-such-program --port {port}"\n' \
  >"$work/needy/apictl.toml"
produce doctor.v1 1 "doctor: a program missing" -- \
  "$APICTL" -C "$work/needy" doctor --port "$(free_port)" --format json
broken doctor.v1 "$last" "broken: ok with a failed check" 'd["ok"] = True'

# ---- every command that offers --format json was run with it above ----
json_commands() { # json_commands [COMMAND...]: the command paths under COMMAND whose --format takes json
  local help sub
  help=$("$APICTL" "$@" --help)
  if grep -Eq -- '--format TEXT:\{[^}]*\bjson\b' <<<"$help"; then echo "$*"; fi
  for sub in $(sed -n '/^Subcommands:/,/^$/p' <<<"$help" | grep -Eo '^  [a-z][a-z-]*'); do
    json_commands "$@" "$sub"
  done
}
json_commands >"$work/json-commands"
check "commands with --format json are found" -- test "$(wc -l <"$work/json-commands")" -ge 15
while read -r command; do
  check "apictl $command --format json is validated here" -- \
    grep -Eq "^valid.* $command .*--format json " "$manifest"
done <"$work/json-commands"

# ---- validate every output, the broken ones, and the schemas themselves ----
"$python" - "$manifest" "$schemas" docs/json-output.md >"$work/verdicts" <<'PY' || {
import json, pathlib, re, sys
import jsonschema

manifest, schemas, doc = sys.argv[1:4]
draft = "https://json-schema.org/draft/2020-12/schema"
validators = {}


def validator(name):
    if name not in validators:
        with open(f"{schemas}/{name}.schema.json") as file:
            validators[name] = jsonschema.Draft202012Validator(json.load(file))
    return validators[name]


def where(error):
    return "/" + "/".join(str(part) for part in error.absolute_path)


used = set()
for line in open(manifest):
    kind, name, path, what, extra = line.rstrip("\n").split("\t")
    try:
        with open(path) as file:
            document = json.load(file)
    except ValueError as error:
        print(f"FAIL\t{what}: not JSON: {error}")
        continue
    try:
        if kind == "invalid":
            exec(extra, {"d": document})
    except Exception as error:  # the change does not fit the output: the test is wrong, not apictl
        print(f"FAIL\t{what}: cannot break the output: {error!r}")
        continue
    try:
        errors = list(validator(name).iter_errors(document))
    except OSError as error:
        print(f"FAIL\t{what}: {error}")
        continue
    if kind == "valid":
        used.add(name)
        # Every output names its schema first, as the schema's title says.
        title = json.load(open(f"{schemas}/{name}.schema.json"))["title"]
        named = next(iter(document), None) == "schema" and document["schema"] == title
        print(f"ok\t{what} names its schema {title} first" if named else f"FAIL\t{what}: does not begin with \"schema\": \"{title}\"")
        shown = "; ".join(f"at {where(e)}: {e.message[:300]}" for e in errors[:3])
        print(f"FAIL\t{what}: not {name}: {shown}" if errors else f"ok\t{what} is {name}")
    else:
        shown = errors[0].message[:120] if errors else ""
        print(f"ok\t{what}: rejected ({shown})" if errors else f"FAIL\t{what}: {name} accepted it")

linked = set(re.findall(r"\(schemas/([a-z0-9.-]+)\.schema\.json\)", open(doc).read()))
for path in sorted(pathlib.Path(schemas).glob("*.schema.json")):
    name = path.name.removesuffix(".schema.json")
    try:
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema.get("$schema") == draft, f"$schema is not {draft}"
        print(f"ok\t{path.name} is a draft 2020-12 schema")
    except (ValueError, AssertionError, jsonschema.SchemaError) as error:
        print(f"FAIL\t{path.name}: {str(error)[:300]}")
    print(("ok" if name in used else "FAIL") + f"\t{path.name} validates an output here")
    print(("ok" if name in linked else "FAIL") + f"\t{path.name} is linked from {doc}")
for name in sorted(linked - {p.name.removesuffix(".schema.json") for p in pathlib.Path(schemas).glob("*.schema.json")}):
    print(f"FAIL\t{doc} links schemas/{name}.schema.json, which does not exist")
PY
  echo "FAIL: the validator did not run to its end" >&2
  failures=$((failures + 1))
}
while IFS=$'\t' read -r verdict what; do
  checks=$((checks + 1))
  if [[ "$verdict" != ok ]]; then
    echo "FAIL: $what" >&2
    failures=$((failures + 1))
  fi
done <"$work/verdicts"
echo "$(grep -c '^valid' "$manifest") outputs validated, $(grep -c '^invalid' "$manifest") broken ones rejected"
finish
