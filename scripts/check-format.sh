#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (.clang-format at the root) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format-14
command -v "$format" >/dev/null || format=clang-format
# Template sources under scaffolds/ hold {{ placeholders }} that clang-format would take apart; the C++ they
# generate is checked against the project's own .clang-format by tests/e2e/new_cpp_httplib.sh.
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' ':(exclude)scaffolds/')
"$format" --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files formatted"
