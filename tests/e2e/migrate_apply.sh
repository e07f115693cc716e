#!/usr/bin/env bash
# apictl migrate on a fixture project with its own migration (replace patterns, move, pin, run, manual):
# plan shows the exact diff and writes nothing; apply changes and records; status; applying again changes
# nothing; drift stops a rollback; rollback restores every file byte for byte; a failing verify rolls back.
source "$(dirname "$0")/lib.bash"

fixture=tests/fixtures/migrate/engine/project
id=20261120-0900-shoplib-v2

# Every file's checksum and every folder: two equal sums are two equal trees.
tree_sum() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum && find . -type d | LC_ALL=C sort)
}

project="$work/shop"
cp -r "$fixture" "$project"
before=$(tree_sum "$project")

expect_exit 0 "list" -- "$APICTL" -C "$project" migrate list
check "the project's migration is pending" -- grep -q "^pending  *$id  *shoplib 2" "$work/out"
check "the built-in packs are not for this project" -- grep -q "^not applicable *pydantic-v2" "$work/out"

expect_exit 0 "plan" -- "$APICTL" -C "$project" migrate plan
cp "$work/out" "$work/plan.patch"
check "plan writes nothing" -- test "$(tree_sum "$project")" == "$before"
check "plan lists the steps" -- grep -q "^#   5. run \`grep -v '^#' requirements.txt > requirements.lock\`, undone by" "$work/plan.patch"
check "plan shows the move" -- grep -q "^rename from app/schemas.py$" "$work/plan.patch"
check "plan shows the rewrite" -- grep -qx "+    return order.as_dict()" "$work/plan.patch"
check "strings and comments stay" -- grep -qx "     rows = _client.query(\"SELECT \* FROM orders -- row.to_dict() is done below\")" "$work/plan.patch"
check "plan shows the pins" -- grep -qx "+shoplib\[postgres\]>=2,<3  # the team's data access library" "$work/plan.patch"
check "plan shows the pyproject pin" -- grep -qx '+    "shoplib\[postgres\]>=2,<3",' "$work/plan.patch"
check "plan names the checklist item" -- grep -q "to check by hand 1: Tell the mobile team" "$work/plan.patch"
mkdir "$work/patched" && cp -r "$fixture/." "$work/patched"
check "the plan is a patch git apply takes" -- git -C "$work/patched" apply "$work/plan.patch"
check "which makes the same files as apply will" -- test -f "$work/patched/app/models.py" -a ! -e "$work/patched/app/schemas.py"

expect_exit 0 "plan as JSON" -- "$APICTL" -C "$project" migrate plan --format json
check "plan JSON parses, with the files" -- "$python" -c "
import json, sys
plan = json.load(open(sys.argv[1]))
assert plan['schema'] == 'apictl.migrate-plan/v1', plan['schema']
files = {f['path']: f['change'] for f in plan['migrations'][0]['files']}
assert files == {'app/main.py': 'modified', 'app/models.py': 'created', 'app/schemas.py': 'deleted',
                 'app/store.py': 'modified', 'pyproject.toml': 'modified', 'requirements.txt': 'modified'}, files
" "$work/out"

expect_exit 0 "apply" -- "$APICTL" -C "$project" migrate apply
check "says it applied and verified" -- grep -q "verified with \`python3 tools/check_syntax.py\`" "$work/out"
check "the move happened" -- test -f "$project/app/models.py" -a ! -e "$project/app/schemas.py"
check "the rewrite happened" -- grep -q "_client = shoplib.Client(\"postgres://localhost/shop\")" "$project/app/store.py"
check "imports follow the move" -- grep -qx "from .models import Order" "$project/app/main.py"
check "the pin happened" -- grep -qx "shoplib\[postgres\]>=2,<3  # the team's data access library" "$project/requirements.txt"
check "the run step ran" -- grep -qx "shoplib\[postgres\]>=2,<3  # the team's data access library" "$project/requirements.lock"
check "the ledger records it" -- grep -q "\"id\": \"$id\"" "$project/migrations/ledger.json"
check "no journal is left" -- test ! -e "$project/migrations/.ledger/journal.json"
after=$(tree_sum "$project")

expect_exit 0 "status" -- "$APICTL" -C "$project" migrate status
check "status lists it as applied" -- grep -q "^Applied (1):" "$work/out"
check "status lists the open item" -- grep -q "$id 1. Tell the mobile team" "$work/out"
check "nothing pending" -- grep -q "^Pending: none" "$work/out"
expect_exit 0 "status as JSON" -- "$APICTL" -C "$project" migrate status --format json
check "status JSON: applied, no drift" -- "$python" -c "
import json, sys
status = json.load(open(sys.argv[1]))
assert [m['id'] for m in status['applied']] == ['$id'] and status['drift'] == [] and status['interrupted'] is None
" "$work/out"

expect_exit 0 "apply again" -- "$APICTL" -C "$project" migrate apply
check "nothing to apply" -- grep -q "^Nothing to apply" "$work/out"
check "applying twice changes nothing" -- test "$(tree_sum "$project")" == "$after"

expect_exit 0 "done" -- "$APICTL" -C "$project" migrate done "$id" 1
check "the item is done" -- grep -q "Every item of $id is done" "$work/out"

cp "$project/app/store.py" "$work/store.py"
echo "# edited after the migration" >>"$project/app/store.py"
drifted=$(tree_sum "$project")
expect_exit 0 "status with drift" -- "$APICTL" -C "$project" migrate status
check "status names the drifted file" -- grep -q "^  app/store.py  ($id)" "$work/out"
expect_exit 1 "rollback refuses drift" -- "$APICTL" -C "$project" migrate rollback
check "shows the conflicting hunk" -- grep -qx "+# edited after the migration" "$work/err"
check "the refused rollback changed nothing" -- test "$(tree_sum "$project")" == "$drifted"
cp "$work/store.py" "$project/app/store.py"

expect_exit 0 "rollback" -- "$APICTL" -C "$project" migrate rollback
check "says so" -- grep -q "^Rolled back $id" "$work/out"
check "rollback restores every file byte for byte" -- test "$(tree_sum "$project")" == "$before"

# A migration whose rewrite breaks the code: its verify fails and it is rolled back; the one before stays.
cat >"$project/migrations/20261121-1000-break.toml" <<'TOML'
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
expect_exit 0 "apply the first" -- "$APICTL" -C "$project" migrate apply --to "$id"
first_only=$(tree_sum "$project")
expect_exit 1 "a failing verify" -- "$APICTL" -C "$project" migrate apply
check "names the failing verify" -- grep -q "error: 20261121-1000-break: the verify command \`python3 tools/check_syntax.py\` failed" "$work/err"
check "shows its output" -- grep -q "^app/store.py:[0-9]*: " "$work/err"
check "says it rolled back" -- grep -q "^rolled back: 20261121-1000-break was undone" "$work/err"
check "the failed migration left nothing" -- test "$(tree_sum "$project")" == "$first_only"
expect_exit 0 "status after the failure" -- "$APICTL" -C "$project" migrate status
check "it is still pending" -- grep -q "^  20261121-1000-break" "$work/out"

finish
