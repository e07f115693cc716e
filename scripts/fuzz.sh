#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them for a short budget in all (default 60 s), split
# between the contract parser and the Python tokenizer with the rewriters built on it.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
scripts/setup.sh --fuzz
CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPICTL_FUZZ=ON \
  -DAPICTL_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target parse_fuzz python_tokens_fuzz
mkdir -p build-fuzz/corpus build-fuzz/python_corpus
build-fuzz/fuzz/parse_fuzz -max_total_time="$((seconds / 2))" -rss_limit_mb=2048 -timeout=10 \
  build-fuzz/corpus fuzz/corpus
# Seeds: the Python files of the migration fixtures (before and after each rewrite).
build-fuzz/fuzz/python_tokens_fuzz -max_total_time="$((seconds - seconds / 2))" -max_len=16384 \
  -rss_limit_mb=2048 -timeout=10 build-fuzz/python_corpus tests/fixtures/migrate
