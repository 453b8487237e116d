#!/usr/bin/env bash
# Builds the release site into dist/ and prints the wasm sizes, raw and gzipped.
# Usage: bash scripts/build.sh   (runs the setup first unless OKR_SKIP_SETUP=1; OKR_WASM_NAMES=1
# keeps function names in the page's wasm, for profiling)
#
# Trunk builds the spreadsheet worker, the CSS and the copied files. The page's own wasm is
# built here, because it is split: wasm-split-cli moves each `part!` function (src/parts.rs) of the
# web crate (ui::on_demand), and the code only it reaches, into a part of its own that the
# page fetches the first time it is needed. Trunk has no step for that.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${OKR_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh --build
source scripts/env.sh
start=$(date +%s)
trunk build --release
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
# Linked with relocations, which the split needs (only the page's binary: the worker's must
# stay without, or wasm-opt cannot shrink it).
cargo rustc --release --target wasm32-unknown-unknown --features split --bin okr-grid -- -Clink-args=--emit-relocs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The page, split.
wasm-split-cli "$target_dir/wasm32-unknown-unknown/release/okr-grid.wasm" "$work" --out-name okr-grid
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$work/out" --out-name okr-grid "$work/okr-grid.wasm"
# OKR_WASM_NAMES=1 keeps the functions' names in the page's wasm files (wasm-opt -g), for a
# CPU profile that names them; the files are then larger than the release's.
opt() { wasm-opt -Oz ${OKR_WASM_NAMES:+-g} --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$1" -o "$2"; }
# The page twice: a second pass finds about 1 KB more (docs/BENCHMARKS.md, issue 17).
opt "$work/out/okr-grid_bg.wasm" "$work/page-once.bin"
opt "$work/page-once.bin" "$work/page.bin"
parts=()
for f in "$work"/*.wasm; do
  name=$(basename "$f" .wasm)
  [ "$name" = okr-grid ] && continue
  opt "$f" "$work/out/$name.wasm"
  parts+=("$name")
done
# One content hash names every file of the page: the glue imports the loader of the parts,
# which imports the glue back, so no file can carry a hash of its own.
hash=$(cat "$work/page.bin" "$work/out/okr-grid.js" "$work/__wasm_split.js" \
  $(for name in "${parts[@]}"; do echo "$work/out/$name.wasm"; done) | sha256sum | cut -c1-16)
glue="okr-grid-$hash.js"
loader="okr-grid-parts-$hash.js"
cp "$work/page.bin" "dist/okr-grid-${hash}_bg.wasm"
# (Only the import statement: the import object keeps the module's name the wasm asks for.)
sed "s#^\(import .* from \)\"\./__wasm_split\.js\"#\1\"./$loader\"#" "$work/out/okr-grid.js" > "dist/$glue"
grep -q "\"./$loader\"" "dist/$glue" || { echo "[build] the page's glue does not import the parts' loader"; exit 1; }
sed "s#\"\./okr-grid\.js\"#\"./$glue\"#" "$work/__wasm_split.js" > "dist/$loader"
part_files=""
for name in "${parts[@]}"; do
  cp "$work/out/$name.wasm" "dist/$name-$hash.wasm"
  sed -i "s#\"\./$name\.wasm\"#\"./$name-$hash.wasm\"#" "dist/$loader"
  grep -q "\"./$name-$hash.wasm\"" "dist/$loader" || { echo "[build] the loader does not name $name"; exit 1; }
  part_files="$part_files $name-$hash.wasm"
done
script="<script type=\"module\">
import init, * as bindings from './$glue';
const wasm = await init({ module_or_path: './okr-grid-${hash}_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));
</script>
<link rel=\"modulepreload\" href=\"./$glue\"><link rel=\"preload\" href=\"./okr-grid-${hash}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">
<meta name=\"okr-parts\" content=\"$loader$part_files\">"
python3 - "$script" <<'EOF'
import re, sys
page = open("dist/index.html").read()
assert page.count("</head>") == 1, "index.html: one </head>"
# Trunk leaves the skipped page link in place.
page, skipped = re.subn(r'\s*<link data-trunk rel="rust" data-bin="okr-grid" data-trunk-skip[^>]*/>', "", page)
assert skipped == 1, "index.html: the skipped page link"
open("dist/index.html", "w").write(page.replace("</head>", sys.argv[1] + "</head>"))
EOF
# Trunk does not hash a worker's file names: give them a content hash (so a new release is
# never mixed with an old worker from a cache) and name them in index.html, where the page
# (browser::sheet_worker) and the service worker (public/sw.js) find them.
whash=$(cat dist/okr-worker.js dist/okr-worker_bg.wasm | sha256sum | cut -c1-16)
mv dist/okr-worker.js "dist/okr-worker-$whash.js"
mv dist/okr-worker_bg.wasm "dist/okr-worker-${whash}_bg.wasm"
meta="<meta name=\"okr-worker\" content=\"okr-worker-$whash.js okr-worker-${whash}_bg.wasm\">"
sed -i "s#</head>#$meta</head>#" dist/index.html
# The interface's catalogues other than English (the page has English in its wasm), fetched
# when the page is first shown in that language (src/messages.rs): content-hashed like the
# worker, whitespace taken out, named in <meta name="okr-locales">.
locale_files=""
for tag in es it zh-Hans; do
  python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1], encoding="utf-8")), ensure_ascii=False, separators=(",", ":")), end="")' \
    "locales/$tag.json" > "$work/locale.json"
  lhash=$(sha256sum "$work/locale.json" | cut -c1-16)
  cp "$work/locale.json" "dist/locale-$tag-$lhash.json"
  locale_files="$locale_files locale-$tag-$lhash.json"
done
sed -i "s#</head>#<meta name=\"okr-locales\" content=\"${locale_files# }\"></head>#" dist/index.html
grep -q "okr-locales\" content=\"locale-es-" dist/index.html || { echo "[build] index.html does not name the catalogues"; exit 1; }
grep -q "okr-worker-$whash.js" dist/index.html || { echo "[build] index.html does not name the worker"; exit 1; }
grep -q "okr-grid-${hash}_bg.wasm" dist/index.html || { echo "[build] index.html does not name the page"; exit 1; }
end=$(date +%s)
size() { # file label
  local raw gz
  raw=$(stat -c %s "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  awk -v r="$raw" -v g="$gz" -v l="$2" 'BEGIN { printf "[build] %s: %d bytes raw (%.2f MB), %d bytes gzip -9 (%.1f KiB)\n", l, r, r / 1e6, g, g / 1024 }'
}
printf '[build] release build took %ss\n' "$((end - start))"
size "dist/okr-grid-${hash}_bg.wasm" "wasm (page, first paint)"
size "dist/$glue" "js glue (page)"
shared=0
shared_gz=0
for name in "${parts[@]}"; do
  case "$name" in
    split_*) size "dist/$name-$hash.wasm" "wasm part ${name#split_} (fetched on first use)" ;;
    *) shared=$((shared + $(stat -c %s "dist/$name-$hash.wasm")))
       shared_gz=$((shared_gz + $(gzip -9 -c "dist/$name-$hash.wasm" | wc -c))) ;;
  esac
done
printf '[build] code shared by parts (%s small files): %d bytes raw, %d bytes gzip -9\n' \
  "$(printf '%s\n' "${parts[@]}" | grep -vc '^split_')" "$shared" "$shared_gz"
size "dist/okr-worker-${whash}_bg.wasm" "wasm (spreadsheet worker, loaded on first import or export)"
size "dist/okr-worker-$whash.js" "js glue (worker)"
