#!/usr/bin/env bash
# Builds the npm package into target/wasm-pkg/ (web ES module + node CommonJS, TypeScript
# types) and the demo site into target/wasm-site/, then prints the .wasm sizes.
# Needs: the toolchain of rust-toolchain.toml (with its wasm32-unknown-unknown target),
# wasm-bindgen CLI 0.2.130, `npm ci` in wasm/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WBG=0.2.130
RUST=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
MAX_RAW=$((450 * 1024)) MAX_GZ=$((160 * 1024))
PKG=target/wasm-pkg SITE=target/wasm-site NAME=workout_doc
WASM_OPT=wasm/node_modules/.bin/wasm-opt   # npm binaryen 132; Debian's 108 breaks the output

rustc --version | grep -q "^rustc $RUST " \
  || { echo "build.sh: need rustc $RUST (rust-toolchain.toml), found: $(rustc --version)" >&2; exit 1; }
wasm-bindgen --version | grep -qx "wasm-bindgen $WBG" \
  || { echo "build.sh: need wasm-bindgen $WBG (cargo install wasm-bindgen-cli --version $WBG)" >&2; exit 1; }
[ -x "$WASM_OPT" ] || { echo "build.sh: run 'npm ci' in wasm/ first" >&2; exit 1; }

cargo build -q -p workout-doc-wasm --lib --target wasm32-unknown-unknown --profile wasm-release
RAW_WASM=target/wasm32-unknown-unknown/wasm-release/workout_doc_wasm.wasm

rm -rf "$PKG" "$SITE"
for t in web nodejs; do
  d=$PKG/${t%js}
  wasm-bindgen --target "$t" --out-dir "$d" --out-name $NAME "$RAW_WASM"
  # -Oz, then control flow rebuilt (--flatten --rereloop) and -Oz again to a fixed point:
  # about 2 KB raw and 0.9 KB gzipped less than -Oz alone (-Os, -O2, -O3 give more), for
  # about 15 s. Functions in name order put a generic's copies (sorts, Vec methods) side by
  # side, where gzip finds them: 1.1 KB gzipped less, the same code. Similar functions
  # merged and code folded, then -Oz once more: 0.3 KB gzipped less. --low-memory-unused
  # lets offsets fold into loads and stores (0.9 KB gzipped less, 166,902 -> 165,973): Rust
  # puts the stack first, below its data at 1 MiB, and the stack's low end is never reached
  # (nesting is bounded). The target_features section only matters to wasm-bindgen, which
  # has run.
  "$WASM_OPT" -Oz --flatten --rereloop -Oz --converge --merge-similar-functions --code-folding -Oz \
    --reorder-functions-by-name --low-memory-unused \
    --strip-debug --strip-producers --strip-target-features \
    "$d/${NAME}_bg.wasm" -o "$d/${NAME}_bg.wasm"
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
printf 'wasm size: %d bytes raw, %d bytes gzip -9 (budget %d raw, %d gzip)\n' \
  "$raw" "$gz" "$MAX_RAW" "$MAX_GZ" | tee $PKG/SIZES.txt
if [ "$raw" -gt $MAX_RAW ] || [ "$gz" -gt $MAX_GZ ]; then
  echo "wasm size: OVER BUDGET by $(( raw > MAX_RAW ? raw - MAX_RAW : 0 )) bytes raw, $(( gz > MAX_GZ ? gz - MAX_GZ : 0 )) bytes gzip" | tee -a $PKG/SIZES.txt
  # The budget is part of the package's contract; WASM_SIZE_STRICT=0 only reports.
  [ "${WASM_SIZE_STRICT:-1}" = 0 ] || exit 1
fi
echo "package: $ROOT/$PKG   demo site: $ROOT/$SITE (serve it, e.g. python3 -m http.server -d $SITE)"
