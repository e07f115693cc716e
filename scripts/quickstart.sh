#!/usr/bin/env bash
# Sets up, builds apictl (release) and lints the sample contract that ships in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DAPICTL_BUILD_TESTS=OFF >/dev/null
cmake --build build-release --target apictl
echo "+ apictl contract lint examples/petstore/openapi.yaml" >&2
build-release/apictl contract lint examples/petstore/openapi.yaml
