#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests (Catch2) and end-to-end scripts, through CTest.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: AddressSanitizer + UBSan build in build-sanitize/)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# Compile time is mostly code generation and debug information (precompiled headers measured no gain): the
# normal build is -O2 without debug information, the sanitizer build keeps line tables only (-g1), enough for
# file:line in its reports. Each is about a quarter cheaper to compile than with full -g.
build_dir=build
flags=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DAPICTL_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir=build-sanitize
  flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DAPICTL_SANITIZE=ON -DAPICTL_WERROR=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$build_dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
