#!/usr/bin/env bash
# `apictl add endpoint` on a project from the fastapi template: GET /pets/{petId} and POST /orders (with new
# schemas) leave the project's tests and `apictl contract lint` passing, and the contract's byte diff shows
# only added lines; a duplicate, a bad path or method, and a run outside a project exit 2 and change nothing.
source "$(dirname "$0")/lib.bash"

need_python_modules fastapi httpx pytest yaml

project="$work/petstore"
expect_exit 0 "apictl new --defaults --no-hooks" -- "$APICTL" new "$project" --defaults --no-hooks
cp "$project/openapi.yaml" "$work/contract.before"
expect_exit 0 "the generated project's tests pass" -- bash -c "cd '$project' && '$python' -m pytest -q -p no:cacheprovider"
tests_before=$(grep -Eo '^[0-9]+ passed' "$work/out" | grep -Eo '^[0-9]+')

# Every file of the project with its checksum (Python's caches aside), to show a refused run changed nothing.
tree_sums() {
  (cd "$project" && find . -type f ! -path '*/__pycache__/*' ! -path './.pytest_cache/*' -print0 | sort -z |
    xargs -0 sha256sum)
}

# The contract's diff from its state before: only "a" (added) hunks, no line deleted or changed, and at most
# $2 hunks (the operation, and a new tag or schemas beside it).
only_added() {  # only_added OLD MAX_HUNKS
  diff "$1" "$project/openapi.yaml" >"$work/contract.diff" || true
  grep -E '^[0-9]' "$work/contract.diff" >"$work/hunks" || true
  if grep -q '^<' "$work/contract.diff" || grep -qvE '^[0-9]+a[0-9]+(,[0-9]+)?$' "$work/hunks"; then
    sed 's/^/  diff: /' "$work/contract.diff" >&2
    return 1
  fi
  local hunks
  hunks=$(wc -l <"$work/hunks")
  [[ "$hunks" -ge 1 && "$hunks" -le "$2" ]] || { echo "  $hunks hunks" >&2; return 1; }
}

expect_exit 0 "add endpoint GET /pets/{petId}" -- "$APICTL" -C "$project" add endpoint GET '/pets/{petId}'
check "the summary names the operation" -- grep -q "operationId getPetsByPetId" "$work/out"
check "the contract only gained lines: the operation and its tag" -- only_added "$work/contract.before" 2
check "the operation is one block" -- bash -c "awk '/^[0-9]+a/{n++} n==2' '$work/contract.diff' | grep -c '^> ' |
  grep -qx 18"
cp "$project/openapi.yaml" "$work/contract.middle"

expect_exit 0 "add endpoint POST /orders with request and response schemas" -- \
  "$APICTL" -C "$project" add endpoint POST /orders --request-schema OrderCreate --response-schema Order
check "the contract only gained lines: the operation, its tag and the schemas" -- only_added "$work/contract.middle" 3
check "both schemas were created" -- grep -q "New schemas .*: OrderCreate Order" "$work/out"
check "everything before is still there, byte for byte" -- only_added "$work/contract.before" 3

expect_exit 0 "the project's tests pass, the drift test included" -- bash -c "cd '$project' && '$python' -m pytest -q"
check "the new tests ran: two more than before" -- grep -Eq "^$((tests_before + 2)) passed" "$work/out"
expect_exit 0 "the endpoints' own tests pass" -- bash -c "cd '$project' && '$python' -m pytest -q tests/test_endpoints.py"
check "two endpoint tests" -- grep -q "^2 passed" "$work/out"
expect_exit 0 "the contract lints clean" -- "$APICTL" -C "$project" contract lint
check "no findings at all" -- grep -q "no problems (0 errors, 0 warnings" "$work/out"

# Refusals: exit 2 and not one byte changed.
rm -rf "$project/.pytest_cache"
find "$project" -name __pycache__ -prune -exec rm -rf {} +
tree_sums >"$work/sums.before"
refused() {  # refused DESCRIPTION MESSAGE -- ARGS...
  local what="$1" message="$2"
  shift 3
  expect_exit 2 "$what" -- "$APICTL" -C "$project" add endpoint "$@" || true
  check "$what: says why" -- grep -qF "$message" "$work/err"
  tree_sums >"$work/sums.after"
  check "$what: nothing changed" -- cmp -s "$work/sums.before" "$work/sums.after"
}
refused "a duplicate operation" "openapi.yaml:" -- GET '/pets/{petId}'
refused "a duplicate operation (its place)" "GET /pets/{petId} already exists" -- GET '/pets/{petId}'
refused "the same path with other parameter names" "the same path with other parameter names" -- DELETE '/pets/{id}'
refused "an unclosed brace" "is not closed" -- GET '/pets/{petId'
refused "a relative path" "does not start with '/'" -- GET pets
refused "an unknown method" "is not an HTTP method" -- FETCH /pets
refused "a body on GET" "request has no body" -- GET /search --request-schema Query
mkdir -p "$work/elsewhere"
expect_exit 2 "outside a project" -- "$APICTL" -C "$work/elsewhere" add endpoint GET /pets
check "outside a project: says why" -- grep -q "no apictl.toml here or in any parent folder" "$work/err"
check "outside a project: nothing written" -- test -z "$(ls -A "$work/elsewhere")"

# --dry-run shows the change and writes nothing.
expect_exit 0 "--dry-run" -- "$APICTL" -C "$project" add endpoint DELETE '/pets/{petId}' --dry-run
check "--dry-run prints a unified diff" -- grep -q '^+    delete:$' "$work/out"
tree_sums >"$work/sums.after"
check "--dry-run writes nothing" -- cmp -s "$work/sums.before" "$work/sums.after"

finish
