#!/usr/bin/env bash
# `apictl new` with the built-in cpp-httplib template: the generated CMake project builds and its own tests
# pass (ctest), its contract lints clean, the drift test notices a drifted contract, and the server started
# by the dev command in its apictl.toml answers 200 on /healthz. One build of the project (-j2). A 1.0.0
# project migrated to 1.1.0 equals the 1.1.0 one.
source "$(dirname "$0")/lib.bash"

generator="Unix Makefiles"
if command -v ninja >/dev/null; then
  generator=Ninja
fi


# A space in the path: the contract's path reaches the tests through a compile definition.
project="$work/my apis/pet-shop"
expect_exit 0 "apictl new --template cpp-httplib" -- \
  "$APICTL" new "$project" --template cpp-httplib --defaults --no-hooks --set namespace=shop --set port=9090
check "summary names the template" -- grep -q "from template cpp-httplib" "$work/out"
check "apictl.toml records the template" -- grep -q '^template = "cpp-httplib"$' "$project/apictl.toml"
check "apictl.toml records the answers" -- grep -q '^namespace = "shop"$' "$project/apictl.toml"
check "the answers reach the code" -- grep -q '^namespace shop {$' "$project/src/server.hpp"
check "the port answer is the server's default" -- grep -q '^  int port = 9090;$' "$project/src/settings.hpp"
check "no temporary folder left beside it" -- bash -c "! ls -A '$work/my apis' | grep -q apictl-new"

# scripts/check-format.sh skips scaffolds/ (placeholders are not C++), so the rendered sources are checked here
# against the project's own .clang-format.
if command -v clang-format-14 >/dev/null; then
  check "the generated C++ is clang-formatted" -- \
    bash -c "cd '$project' && clang-format-14 --dry-run --Werror src/*.cpp src/*.hpp tests/*.cpp tests/*.hpp"
else
  echo "note: clang-format-14 is not installed, so the generated C++ is not format-checked"
fi

expect_exit 0 "its contract lints clean" -- "$APICTL" -C "$project" contract lint
check "no findings at all" -- grep -q "no problems (0 errors, 0 warnings" "$work/out"

# Template upgrades: the project made at release 1.0.0, given the endpoints the build below adds, and then
# migrated by the built-in template migration, is byte for byte the project made at 1.1.0 with the same
# endpoints (--no-verify: that one is what the build below builds and tests).
for release in 1.0.0 1.1.0; do
  made="$work/releases/$release/pet-shop"
  expect_exit 0 "apictl new --template cpp-httplib@$release" -- "$APICTL" new "$made" --template "cpp-httplib@$release" \
    --defaults --no-hooks --set namespace=shop --set port=9090
  expect_exit 0 "add endpoint GET /pets/{petId} at $release" -- "$APICTL" -C "$made" add endpoint GET '/pets/{petId}'
  expect_exit 0 "add endpoint POST /orders at $release" -- \
    "$APICTL" -C "$made" add endpoint POST /orders --request-schema OrderCreate --response-schema Order
done
check "release 1.0.0 has no request ids" -- test ! -e "$work/releases/1.0.0/pet-shop/src/request_id.cpp"
expect_exit 0 "migrate apply --only template-cpp-httplib-1.1.0" -- \
  "$APICTL" -C "$work/releases/1.0.0/pet-shop" migrate apply --only template-cpp-httplib-1.1.0 --no-verify
check "the migrated project is the 1.1.0 project" -- \
  diff -r --exclude=migrations "$work/releases/1.0.0/pet-shop" "$work/releases/1.1.0/pet-shop"


expect_exit 0 "the generated project configures" -- cmake -S "$project" -B "$project/build" -G "$generator"
expect_exit 0 "the generated project builds" -- cmake --build "$project/build" -j 2
check "no compiler warnings" -- bash -c "! grep -q 'warning:' '$work/out'"
expect_exit 0 "the generated project's tests pass" -- ctest --test-dir "$project/build" --output-on-failure
check "ctest ran the drift tests" -- grep -q "the route table lists exactly the operations of openapi.yaml .* Passed" "$work/out"
check "ctest ran the HTTP tests" -- grep -q "GET /healthz answers 200 .* Passed" "$work/out"

# Drift is caught: the tests read openapi.yaml when they run, so no rebuild is needed.
sed -i 's/operationId: getItem$/operationId: fetchItem/' "$project/openapi.yaml"
expect_exit 8 "a drifted contract fails the drift test" -- \
  ctest --test-dir "$project/build" --output-on-failure -R "route table"
check "the drift is named" -- grep -q "operationId 'fetchItem' in openapi.yaml" "$work/out"
sed -i 's/operationId: fetchItem$/operationId: getItem/' "$project/openapi.yaml"

# apictl add endpoint: the contract only gains lines (no line deleted or changed), and the project still
# builds without warnings, its tests (the new ones and the drift test) pass, and its contract lints clean.
cp "$project/openapi.yaml" "$work/contract.before"
expect_exit 0 "add endpoint GET /pets/{petId}" -- "$APICTL" -C "$project" add endpoint GET '/pets/{petId}'
expect_exit 0 "add endpoint POST /orders with request and response schemas" -- \
  "$APICTL" -C "$project" add endpoint POST /orders --request-schema OrderCreate --response-schema Order
diff "$work/contract.before" "$project/openapi.yaml" >"$work/contract.diff" || true
check "the contract only gained lines" -- bash -c "! grep -q '^<' '$work/contract.diff' &&
  ! grep -E '^[0-9]' '$work/contract.diff' | grep -qvE '^[0-9]+a[0-9]+(,[0-9]+)?$'"
check "both operations are in it" -- grep -q "operationId: postOrders" "$project/openapi.yaml"
expect_exit 0 "the project builds with the new endpoints" -- cmake --build "$project/build" -j 2
check "still no compiler warnings" -- bash -c "! grep -q 'warning:' '$work/out'"
expect_exit 0 "its tests pass with the new endpoints" -- ctest --test-dir "$project/build" --output-on-failure
check "the new endpoints' tests ran" -- grep -q "POST /orders answers 201 .* Passed" "$work/out"
check "the drift test holds the new routes to the contract" -- \
  grep -q "the route table lists exactly the operations of openapi.yaml .* Passed" "$work/out"
expect_exit 0 "the contract lints clean after add endpoint" -- "$APICTL" -C "$project" contract lint
check "no findings after add endpoint" -- grep -q "no problems (0 errors, 0 warnings" "$work/out"

# Start the server with the dev command of apictl.toml, on a free loopback port, and ask /healthz.
command="$(sed -n 's/^command = "\(.*\)"$/\1/p' "$project/apictl.toml")"
check "apictl.toml has a dev command taking {port}" -- grep -q "{port}" <<<"$command"
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$project" && exec sh -c "exec ${command//\{port\}/$port}") >"$work/server.log" 2>&1 &
server_pid=$!
healthy=0
for _ in $(seq 1 100); do
  if "$python" - "$port" <<'PY' 2>/dev/null; then
import json, sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1) as response:
    sys.exit(0 if response.status == 200 and json.load(response)["status"] == "ok" else 1)
PY
    healthy=1
    break
  fi
  sleep 0.1
done
check "the server answers 200 on /healthz" -- test "$healthy" = 1
check "the server says where it listens" -- grep -q "listening on http://127.0.0.1:$port" "$work/server.log"
[[ "$healthy" == 1 ]] || sed 's/^/  server: /' "$work/server.log" >&2
# The request id: the client's X-Request-ID comes back, and the server's log line shows it (written after the
# response, so it is waited for).
check "the response echoes the client's X-Request-ID" -- "$python" - "$port" <<'PY'
import sys, urllib.request
request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/healthz", headers={"X-Request-ID": "e2e-report-7"})
with urllib.request.urlopen(request, timeout=2) as response:
    sys.exit(0 if response.headers["X-Request-ID"] == "e2e-report-7" else 1)
PY
check "the server's log line shows the request id" -- bash -c "for _ in \$(seq 1 50); do
  grep -q 'GET /healthz 200 request_id=e2e-report-7' '$work/server.log' && exit 0; sleep 0.1; done; exit 1"
stop_server

finish
