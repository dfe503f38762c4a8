#!/usr/bin/env bash
# Tests the package built by wasm/build.sh: node tests (both builds, every format pair, the
# summary and FIT bytes against the native library, a panic) and the demo page end to end
# in headless Chromium. Garmin's FIT SDK, when `npm ci` in tests/fit installed it, decodes
# the FIT files the package and the page write.
# Screenshots go to target/wasm-e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD PKG=target/wasm-pkg SITE=target/wasm-site SHOTS=target/wasm-e2e PROBE=target/wasm-probe
[ -f $PKG/node/workout_doc.js ] && [ -f $SITE/index.html ] || { echo "test.sh: run wasm/build.sh first" >&2; exit 1; }

# The native library's summary and FIT files of the seed example, for the node tests to
# compare with.
cargo run -q -p workout-doc-wasm --example native -- fixtures/text/vo2max_4x8.txt $PKG/native
# The panic test needs a function that panics: a node build with the `panic-probe` feature
# (not optimised by wasm-opt; the package itself has no such function).
cargo build -q -p workout-doc-wasm --lib --target wasm32-unknown-unknown --profile wasm-release \
  --features panic-probe
wasm-bindgen --target nodejs --out-dir $PROBE --out-name workout_doc \
  target/wasm32-unknown-unknown/wasm-release/workout_doc_wasm.wasm
WORKOUT_DOC_NATIVE=$ROOT/$PKG/native WORKOUT_DOC_PANIC_PROBE=$ROOT/$PROBE \
  node --test wasm/tests/

# The demo page on 127.0.0.1, in Chromium.
PORT=$((20000 + RANDOM % 20000))
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
HTTP_PID=$!
trap 'kill $HTTP_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
node wasm/tests/e2e.mjs "http://127.0.0.1:$PORT/index.html" "$ROOT/$SHOTS" "$ROOT/$PKG"
echo "screenshots: $ROOT/$SHOTS/"
