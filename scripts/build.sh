#!/usr/bin/env bash
# Builds the release site into dist/ and prints the wasm size, raw and gzipped.
# Usage: bash scripts/build.sh   (runs the setup first unless OKR_SKIP_SETUP=1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${OKR_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh --build
source scripts/env.sh
start=$(date +%s)
trunk build --release
end=$(date +%s)
wasm=$(ls dist/*.wasm)
js=$(ls dist/okr-grid-*.js)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
jsraw=$(stat -c %s "$js")
jsgz=$(gzip -9 -c "$js" | wc -c)
printf '[build] release build took %ss\n' "$((end - start))"
awk -v r="$raw" -v g="$gz" 'BEGIN { printf "[build] wasm: %d bytes raw (%.2f MB), %d bytes gzip -9 (%.2f MB)\n", r, r / 1e6, g, g / 1e6 }'
printf '[build] js glue: %s bytes raw, %s bytes gzip -9\n' "$jsraw" "$jsgz"
