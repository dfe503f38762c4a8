#!/usr/bin/env bash
# Builds the npm package into target/wasm-pkg/ (web ES module + node CommonJS, TypeScript
# types) and the demo site into target/wasm-site/, then prints the .wasm sizes.
# Needs: the wasm32-unknown-unknown target, wasm-bindgen CLI 0.2.130, `npm ci` in wasm/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WBG=0.2.130
MAX_RAW=$((250 * 1024)) MAX_GZ=$((100 * 1024))
PKG=target/wasm-pkg SITE=target/wasm-site NAME=workout_doc
WASM_OPT=wasm/node_modules/.bin/wasm-opt   # npm binaryen 132; Debian's 108 breaks the output

wasm-bindgen --version | grep -qx "wasm-bindgen $WBG" \
  || { echo "build.sh: need wasm-bindgen $WBG (cargo install wasm-bindgen-cli --version $WBG)" >&2; exit 1; }
[ -x "$WASM_OPT" ] || { echo "build.sh: run 'npm ci' in wasm/ first" >&2; exit 1; }

cargo build -q -p workout-doc-wasm --lib --target wasm32-unknown-unknown --profile wasm-release
RAW_WASM=target/wasm32-unknown-unknown/wasm-release/workout_doc_wasm.wasm

rm -rf "$PKG" "$SITE"
for t in web nodejs; do
  d=$PKG/${t%js}
  wasm-bindgen --target "$t" --out-dir "$d" --out-name $NAME "$RAW_WASM"
  "$WASM_OPT" -Oz --strip-debug --strip-producers "$d/${NAME}_bg.wasm" -o "$d/${NAME}_bg.wasm"
done
printf '{ "type": "commonjs" }\n' > $PKG/node/package.json
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' wasm/Cargo.toml | head -1)
cat > $PKG/package.json <<JSON
{
  "name": "workout-doc",
  "version": "$VERSION",
  "description": "Parse, convert, summarise and plot structured workouts (Intervals.icu text, .zwo, .mrc, .erg) in the browser and node",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./node/$NAME.js",
  "module": "./web/$NAME.js",
  "types": "./web/$NAME.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/$NAME.d.ts", "default": "./node/$NAME.js" },
      "default": { "types": "./web/$NAME.d.ts", "default": "./web/$NAME.js" }
    }
  },
  "files": ["web", "node"],
  "sideEffects": ["./web/snippets/*"]
}
JSON

mkdir -p "$SITE"
cp wasm/www/* "$SITE"/
cp -r $PKG/web "$SITE/pkg"

W=$PKG/web/${NAME}_bg.wasm
raw=$(stat -c %s "$W")
gz=$(gzip -9 -c "$W" | wc -c)
before=$(stat -c %s "$RAW_WASM")
printf 'wasm size: %d bytes raw, %d bytes gzip -9 (cargo output %d bytes); budget %d / %d\n' \
  "$raw" "$gz" "$before" "$MAX_RAW" "$MAX_GZ" | tee $PKG/SIZES.txt
[ "$raw" -le $MAX_RAW ] && [ "$gz" -le $MAX_GZ ] || { echo "build.sh: .wasm over budget" >&2; exit 1; }
echo "package: $ROOT/$PKG   demo site: $ROOT/$SITE (serve it, e.g. python3 -m http.server -d $SITE)"
