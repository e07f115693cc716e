#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (.clang-format at the root) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format-14
command -v "$format" >/dev/null || format=clang-format
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
"$format" --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files formatted"
