#!/usr/bin/env bash
# Installs apictl's build and test dependencies from Debian packages; does nothing when they are present.
# Usage: scripts/setup.sh [--fuzz]   (--fuzz adds clang, its libFuzzer runtime and clang-format: CI's tools)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config git python3
          libcli11-dev nlohmann-json3-dev libvalijson-dev libtomlplusplus-dev libyaml-dev rapidjson-dev libfmt-dev
          libmimalloc-dev catch2 libuv1-dev libcpp-httplib-dev
          # apictl migrate: SHA-256 (libcrypto), unified diffs (dtl), three-way merges of template files (libgit2)
          libssl-dev libdtl-dev libgit2-dev
          # the fastapi template's end-to-end test runs the generated project with Debian's FastAPI
          python3-fastapi python3-uvicorn python3-pydantic python3-httpx python3-pytest python3-yaml
          # the cpp-httplib template's end-to-end test builds the generated project (cpp-httplib, Catch2 and
          # nlohmann_json too)
          libyaml-cpp-dev
          # the contract docs end-to-end test opens the generated page in headless Chromium (DOM and screenshot)
          chromium
          # the completions end-to-end test loads the generated scripts in each shell
          zsh fish
          # the JSON output test validates every --format json output against docs/schemas/ (draft 2020-12)
          python3-jsonschema
          # the man page and .deb tests: groff and man read the page; cpack uses dpkg-shlibdeps (and file) for Depends
          groff-base man-db bsdextrautils dpkg-dev file
          # the README tour test fetches the health path as the tour does
          curl)
if [[ "${1:-}" == "--fuzz" ]]; then
  packages+=(clang-14 libclang-rt-14-dev clang-format-14)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [[ "$(id -u)" != 0 ]]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
