#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a short budget (default 60 s).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
scripts/setup.sh --fuzz
CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPICTL_FUZZ=ON \
  -DAPICTL_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target parse_fuzz
mkdir -p build-fuzz/corpus
build-fuzz/fuzz/parse_fuzz -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  build-fuzz/corpus fuzz/corpus
