#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests (Catch2) and end-to-end scripts, through CTest.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: AddressSanitizer + UBSan build in build-sanitize/)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
build_dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPICTL_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir=build-sanitize
  flags=(-DCMAKE_BUILD_TYPE=Debug -DAPICTL_SANITIZE=ON -DAPICTL_WERROR=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$build_dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
