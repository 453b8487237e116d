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
# Trunk does not hash a worker's file names: give them a content hash (so a new release is
# never mixed with an old worker from a cache) and name them in index.html, where the page
# (browser::sheet_worker) and the service worker (public/sw.js) find them.
hash=$(cat dist/okr-worker.js dist/okr-worker_bg.wasm | sha256sum | cut -c1-16)
mv dist/okr-worker.js "dist/okr-worker-$hash.js"
mv dist/okr-worker_bg.wasm "dist/okr-worker-${hash}_bg.wasm"
meta="<meta name=\"okr-worker\" content=\"okr-worker-$hash.js okr-worker-${hash}_bg.wasm\">"
sed -i "s#</head>#$meta</head>#" dist/index.html
grep -q "okr-worker-$hash.js" dist/index.html || { echo "[build] index.html does not name the worker"; exit 1; }
size() { # file label
  local raw gz
  raw=$(stat -c %s "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  awk -v r="$raw" -v g="$gz" -v l="$2" 'BEGIN { printf "[build] %s: %d bytes raw (%.2f MB), %d bytes gzip -9 (%.1f KiB)\n", l, r, r / 1e6, g, g / 1024 }'
}
printf '[build] release build took %ss\n' "$((end - start))"
size "$(ls dist/okr-grid-*_bg.wasm)" "wasm (page)"
size "$(ls dist/okr-grid-*.js)" "js glue (page)"
size "dist/okr-worker-${hash}_bg.wasm" "wasm (spreadsheet worker, loaded on first import or export)"
size "dist/okr-worker-$hash.js" "js glue (worker)"
