#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests (Catch2) and end-to-end scripts, through CTest.
# Usage: scripts/test.sh [--release]
#   (default) apictl built with AddressSanitizer + UBSan (build-sanitize/): every test runs against the
#             instrumented code, so a memory error or undefined behaviour anywhere fails the suite. CI runs this.
#   --release the plain optimised build (build/), for a quicker run while developing.
# One instrumented run rather than a plain run and an instrumented one: the two builds and runs took 25 minutes
# on 2 cores; the instrumented one alone checks everything the plain one did, and more.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# Compile time is mostly code generation and debug information (precompiled headers measured no gain): the
# plain build is -O2 without debug information, the instrumented one keeps line tables only (-g1), enough for
# file:line in its reports.
build_dir=build-sanitize
flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DAPICTL_SANITIZE=ON -DAPICTL_WERROR=ON)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
case "${1:-}" in
  --release)
    build_dir=build
    flags=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DAPICTL_WERROR=ON)
    ;;
  "") ;;
  *)
    echo "usage: scripts/test.sh [--release]" >&2
    exit 2
    ;;
esac
cmake -S . -B "$build_dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
