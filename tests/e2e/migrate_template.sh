#!/usr/bin/env bash
# A project generated with the fastapi template at release 1.0.0, then edited as a team would (an endpoint
# added with `apictl add endpoint`, a test and a setting of its own), migrates to 1.1.0 with the built-in
# template migration: the edits stay, the release's request ids arrive, the project's tests pass (they are
# the migration's verify, and run again here), applying again changes nothing, and rollback restores every
# file byte for byte.
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi uvicorn httpx pytest yaml
# The verify command is the project's `python3 -m pytest -q`: Debian's interpreter, the one with FastAPI.
export PATH="/usr/bin:$PATH"

id=template-fastapi-1.1.0
tree_sum() {  # every file's checksum but the migration ledger's and Python's caches (written by the verify)
  (cd "$1" && find . \( -path ./migrations -o -name __pycache__ -o -name .pytest_cache \) -prune -o -type f -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum)
}

project="$work/shop"
expect_exit 0 "apictl new --template fastapi@1.0.0" -- "$APICTL" new "$project" --template fastapi@1.0.0 --defaults --no-hooks
check "apictl.toml records release 1.0.0" -- grep -qx 'template_version = "1.0.0"' "$project/apictl.toml"
check "1.0.0 has no request ids" -- test ! -e "$project/shop/request_id.py"
check "the release history is not part of the project" -- test ! -e "$project/_releases"

# The team's own work on top of 1.0.0.
expect_exit 0 "an endpoint of their own" -- "$APICTL" -C "$project" add endpoint GET /orders/{orderId} \
  --summary "Get an order" --response-schema Order
cat >"$project/tests/test_orders_own.py" <<'PY'
from fastapi.testclient import TestClient

from shop.main import create_app


def test_order_route_is_mounted():
    client = TestClient(create_app())
    assert client.get("/orders/1").status_code != 404
PY
sed -i 's/^## Errors$/## Errors\n\nOur team adds its own notes here./' "$project/README.md"
check "the README edit is in place" -- grep -q "Our team adds its own notes here." "$project/README.md"
before=$(tree_sum "$project")

expect_exit 0 "migrate list" -- "$APICTL" -C "$project" migrate list
check "the template migration is pending" -- grep -Eq "^pending +$id +fastapi template 1.1.0" "$work/out"
expect_exit 0 "plan --only" -- "$APICTL" -C "$project" migrate plan --only "$id"
cp "$work/out" "$work/plan.patch"
check "plan writes nothing" -- test "$(tree_sum "$project")" == "$before"
check "plan shows the new module" -- grep -q "^+++ b/shop/request_id.py$" "$work/plan.patch"
check "plan shows the release recorded" -- grep -qx '+template_version = "1.1.0"' "$work/plan.patch"
check "plan reports no conflict" -- grep -q "0 conflicts" "$work/plan.patch"

expect_exit 0 "apply --only" -- "$APICTL" -C "$project" migrate apply --only "$id"
check "apply ran the project's tests as verify" -- grep -q "python3 -m pytest -q" "$work/out"
check "apictl.toml records release 1.1.0" -- grep -qx 'template_version = "1.1.0"' "$project/apictl.toml"
check "the request id module arrived" -- test -s "$project/shop/request_id.py"
check "the app registers it" -- grep -q "request_id" "$project/shop/main.py"
check "the added endpoint's route stays" -- grep -q '"/orders/{orderId}"' "$project/shop/routers/endpoints.py"
check "the added operation stays in the contract" -- grep -q "^  /orders/{orderId}:" "$project/openapi.yaml"
check "the release's contract change arrived too" -- grep -q "X-Request-ID" "$project/openapi.yaml"
check "the team's own test stays" -- test -s "$project/tests/test_orders_own.py"
check "the README edit stays" -- grep -q "Our team adds its own notes here." "$project/README.md"
check "no conflict markers anywhere" -- bash -c "! grep -rqE '^(<<<<<<<|>>>>>>>) ' '$project' --include='*.py' --include='*.yaml' --include='*.md' --include='*.toml'"
expect_exit 0 "the migrated project's tests pass" -- bash -c "cd '$project' && '$python' -m pytest -q"
check "its request id test ran" -- grep -Eq "^[0-9]+ passed" "$work/out"
expect_exit 0 "its contract lints clean" -- "$APICTL" -C "$project" contract lint

migrated=$(tree_sum "$project")
expect_exit 0 "apply --only again" -- "$APICTL" -C "$project" migrate apply --only "$id"
expect_exit 0 "status" -- "$APICTL" -C "$project" migrate status
check "status shows it applied" -- grep -q "$id" "$work/out"
check "applying again changed nothing" -- test "$(tree_sum "$project")" == "$migrated"

expect_exit 0 "rollback" -- "$APICTL" -C "$project" migrate rollback
check "rollback restores every file byte for byte" -- test "$(tree_sum "$project")" == "$before"

finish
