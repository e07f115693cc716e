#!/usr/bin/env bash
# `apictl contract docs`: the fixture renders to stdout and with -o alike; bad input exits 2 with file:line:col and
# leaves an existing page untouched; the largest corpus document renders (time and size printed); and headless
# Chromium opens the fixture's page: the DOM has its tags and operations, the filter script ran, and a screenshot
# is not blank. Without chromium this last part skips locally and fails in CI (scripts/setup.sh installs it).
source "$(dirname "$0")/lib.bash"

fixture=tests/fixtures/docs/openapi.yaml
page="$work/fixture.html"

expect_exit 0 "the fixture renders to a file" -- "$APICTL" contract docs "$fixture" -o "$page"
check "-o writes nothing on stdout" -- test ! -s "$work/out"
check "the page is a whole HTML document" -- grep -q '</html>' "$page"
check "a new page is readable by others, like any new file" -- \
  test "$(stat -c %a "$page")" = "$(touch "$work/plain" && stat -c %a "$work/plain")"
expect_exit 0 "the fixture renders to stdout" -- "$APICTL" contract docs "$fixture"
check "stdout and -o give the same page" -- cmp -s "$work/out" "$page"
check "the \$ref'd file's schema is in the Schemas section" -- grep -q 'id="schema-Problem"' "$page"
check "no script, stylesheet or image is loaded" -- bash -c "! grep -Eq '<(script|img|iframe)[^>]* src=|<link ' '$page'"

# Bad input: exit 2, a message with the place, nothing on stdout.
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a: [\n' >"$work/broken.yaml"
expect_exit 2 "malformed YAML" -- "$APICTL" contract docs "$work/broken.yaml"
check "malformed YAML: file:line:col" -- grep -Eq "broken.yaml:[0-9]+:[0-9]+: error" "$work/err"
check "malformed YAML: nothing on stdout" -- test ! -s "$work/out"
printf 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n' >"$work/swagger.yaml"
expect_exit 2 "Swagger 2.0" -- "$APICTL" contract docs "$work/swagger.yaml"
check "Swagger 2.0: says so at line 1" -- grep -q "swagger.yaml:1:[0-9]*: error: Swagger 2.0 documents are not supported" "$work/err"
expect_exit 2 "a missing file" -- "$APICTL" contract docs "$work/none.yaml"
expect_exit 2 "no SPEC and no apictl.toml" -- "$APICTL" -C "$work" contract docs
check "no SPEC: says what to do" -- grep -q "no contract given" "$work/err"
expect_exit 2 "an unknown flag" -- "$APICTL" contract docs "$fixture" --no-such-flag

# -o is all or nothing: a failed run leaves the old page as it was and no temporary file beside it.
mkdir "$work/site"
echo "old page" >"$work/site/api.html"
expect_exit 2 "bad input with -o" -- "$APICTL" contract docs "$work/broken.yaml" -o "$work/site/api.html"
check "the old page is untouched" -- grep -qx "old page" "$work/site/api.html"
check "no temporary file is left" -- test "$(ls -A "$work/site")" = "api.html"
expect_exit 0 "a good run replaces the page" -- "$APICTL" contract docs "$fixture" -o "$work/site/api.html"
check "the page was replaced, nothing else written" -- \
  bash -c "cmp -s '$work/site/api.html' '$page' && test \"\$(ls -A '$work/site')\" = api.html"
expect_exit 2 "-o into a missing folder" -- "$APICTL" contract docs "$fixture" -o "$work/missing/api.html"
check "the missing folder was not created" -- test ! -e "$work/missing"
expect_exit 2 "-o naming a folder" -- "$APICTL" contract docs "$fixture" -o "$work/site"

# The largest document of the corpus (when ../shared is there): time and size for the record.
biggest="$SHARED/corpus/stripe/spec3.2022-04-12.json"
if [[ -f "$biggest" ]]; then
  start=$(date +%s%N)
  expect_exit 0 "the largest corpus document renders" -- "$APICTL" contract docs "$biggest" -o "$work/stripe.html"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  echo "corpus: $(basename "$biggest") ($(stat -c %s "$biggest") bytes) -> $(stat -c %s "$work/stripe.html") bytes in ${elapsed_ms} ms"
  check "corpus: an operation and a schema are there" -- \
    bash -c "grep -q 'id=\"op-PostCharges\"' '$work/stripe.html' && grep -q 'id=\"schema-charge\"' '$work/stripe.html'"
  check "corpus: the page is at most 4 times the document" -- \
    test "$(stat -c %s "$work/stripe.html")" -lt $(($(stat -c %s "$biggest") * 4))
else
  echo "SKIP: $biggest is absent (the corpus part)"
fi

# The page in a real browser.
if ! command -v chromium >/dev/null; then
  if [[ "${CI:-}" == true ]]; then
    echo "FAIL: chromium is not installed: run scripts/setup.sh" >&2
    exit 1
  fi
  echo "SKIP: chromium is not installed (scripts/setup.sh installs it): the browser checks did not run"
  finish
  exit
fi
browse() {  # browse ARGS... -- headless, sandbox-less (CI runs as root), and nothing fetched from anywhere
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/chromium.XXXXXX")" "$@" 2>>"$work/chromium.log"
}
# One start of the browser for both (each start costs about a second).
browse --dump-dom --screenshot="$work/page.png" --window-size=1280,900 "file://$(realpath "$page")" \
  >"$work/dom.html" || true
check "chromium: the DOM has the tag groups" -- \
  bash -c "grep -q 'id=\"tag-pets\"' '$work/dom.html' && grep -q 'id=\"tag-store\"' '$work/dom.html' &&
           grep -q 'Untagged operations' '$work/dom.html'"
check "chromium: the DOM has the operations" -- \
  bash -c "for id in listPets createPet getPet deletePet placeOrder health petAdopted; do
             grep -q \"id=\\\"op-\$id\\\"\" '$work/dom.html' || exit 1; done"
check "chromium: the filter script ran (the box is shown)" -- \
  bash -c "grep -o '<input[^>]*id=\"filter\"[^>]*>' '$work/dom.html' | grep -vq hidden"
check "chromium: a screenshot was taken" -- test -s "$work/page.png"
# Not blank: a readable page has many colours (text anti-aliasing, badges) and no colour covers almost all of it.
# The top half is decoded (rows depend only on the rows above them): enough to see, and quick in pure Python.
check "chromium: the screenshot is not blank" -- "$python" - "$work/page.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
chunks, at = {}, 8
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    chunks.setdefault(kind, b"")
    chunks[kind] += data[at + 8:at + 8 + length]
    at += 12 + length
width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
channels = {2: 3, 6: 4}[colour]
raw = zlib.decompress(chunks[b"IDAT"])
stride = width * channels
counts, previous = {}, bytearray(stride)
for y in range(height // 2):
    kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = row[x - channels] if x >= channels else 0
        b, c = previous[x], previous[x - channels] if x >= channels else 0
        if kind == 1: row[x] = (row[x] + a) & 255
        elif kind == 2: row[x] = (row[x] + b) & 255
        elif kind == 3: row[x] = (row[x] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            row[x] = (row[x] + min((abs(p - a), 0, a), (abs(p - b), 1, b), (abs(p - c), 2, c))[2]) & 255
    if y % 2 == 0:
        for x in range(0, stride, channels * 4):
            pixel = bytes(row[x:x + 3])
            counts[pixel] = counts.get(pixel, 0) + 1
    previous = row
total = sum(counts.values())
print(f"screenshot: {width}x{height}, top half: {len(counts)} colours sampled, the commonest on "
      f"{max(counts.values()) / total:.0%}")
sys.exit(0 if len(counts) >= 50 and max(counts.values()) / total < 0.9 else 1)
PY
finish
