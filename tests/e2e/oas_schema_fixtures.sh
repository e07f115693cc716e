#!/usr/bin/env bash
# With the structural preset, apictl agrees with the official OpenAPI schema fixtures:
# exit 0 on every pass file, exit 1 on every fail file (3.0, 3.1, 3.2). Skips when ../shared is absent.
source "$(dirname "$0")/lib.bash"

schemas="$SHARED/oas-schemas"
if [[ ! -d "$schemas" ]]; then
  echo "SKIP: $schemas is absent"
  exit 0
fi

declare -A folders=(
  ["3.0"]="OpenAPI-Specification@main/_archive_/schemas/v3.0"
  ["3.1"]="OpenAPI-Specification@v3.1-dev/tests/schema"
  ["3.1.0-tag"]="OpenAPI-Specification@tag-3.1.0-schemas/tests/v3.1"
  ["3.2"]="OpenAPI-Specification@v3.2-dev/tests/schema"
)
for version in "${!folders[@]}"; do
  folder="$schemas/${folders[$version]}"
  for verdict in pass fail; do
    [[ -d "$folder/$verdict" ]] || continue
    want=0
    [[ "$verdict" == fail ]] && want=1
    agreed=0
    total=0
    for file in "$folder/$verdict"/*; do
      total=$((total + 1))
      if expect_exit "$want" "$version $verdict/$(basename "$file")" -- \
        "$APICTL" contract lint --preset structural "$file"; then
        agreed=$((agreed + 1))
      fi
    done
    echo "$version $verdict: $agreed/$total agree"
  done
done
finish
