#!/usr/bin/env bash
# Builds the npm package `auditcfg` (pkg/) from a clean checkout:
#   1. the auditcfg-wasm crate for wasm32-unknown-unknown, optimised for size
#      (settings passed as environment variables: the root profiles belong
#      to the native builds);
#   2. wasm-bindgen twice, --target bundler and --target web, into pkg/dist/
#      (one shared .wasm; node.js and browser.js load the web glue);
#   3. wasm-opt -Oz (binaryen from the root package.json);
#   4. prints the raw and gzip sizes of the .wasm;
#   5. the policy module (auditcfg-policy-wasm: the CEL engine, loaded on
#      first use by `auditcfg/policy`) with the same settings: its web glue
#      (dist/policy.js), its .wasm for Node (dist/policy_bg.wasm) and the
#      same bytes inside an ES module for browsers (dist/policy_wasm.js: no
#      fetch(), so a CSP with connect-src 'none' holds); prints its sizes.
# pkg/dist/ is generated (gitignored); everything else in pkg/ is written by
# hand.
#
#   scripts/build-pkg.sh           build the package
#   scripts/build-pkg.sh --policy-only   only the policy module, into
#                                  pkg/dist/ (what scripts/build-app.sh
#                                  copies into the app's dist/policy/)
#   scripts/build-pkg.sh --sizes   also build the core's `schema-validation`
#                                  (jsonschema) configuration and print both
#                                  sizes (nothing of it goes into pkg/)
#   scripts/build-pkg.sh --core-only   skip the policy module
#
# For measuring the size/speed trade-off (scripts/bench-opt-levels.sh):
#   AUDITCFG_PKG_OPT_LEVEL=z|s|1|2|3   rustc's opt-level and wasm-opt's -O
#                                  level (default z, what the package ships)
#   AUDITCFG_PKG_DIST=DIR          write the generated files to DIR instead
#                                  of pkg/dist
#   AUDITCFG_PKG_HOT_OPT_LEVEL=z|s|1|2|3   rustc's opt-level for our own
#                                  crates (auditcfg-core, auditcfg-wasm,
#                                  where the DTOs' serializers are
#                                  instantiated) while the dependencies
#                                  keep AUDITCFG_PKG_OPT_LEVEL
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1m[build-pkg]\033[0m %s\n' "$*" >&2; }

MEASURE_SCHEMA=0
POLICY_ONLY=0
CORE_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --sizes) MEASURE_SCHEMA=1 ;;
    --policy-only) POLICY_ONLY=1 ;;
    --core-only) CORE_ONLY=1 ;;
    *) log "unknown argument: $arg"; exit 2 ;;
  esac
done

scripts/setup.sh wasm
scripts/setup.sh web

# Size over speed (BENCHMARKS.md measures z against s and 3). panic=abort
# is also the wasm32-unknown-unknown default; wasm-bindgen 0.2.130 supports
# it (its unwind support is opt-in).
OPT_LEVEL=${AUDITCFG_PKG_OPT_LEVEL:-z}
case "$OPT_LEVEL" in
  z | s | 1 | 2 | 3) ;;
  *) log "AUDITCFG_PKG_OPT_LEVEL must be z, s, 1, 2 or 3, not '$OPT_LEVEL'"; exit 2 ;;
esac
DIST=${AUDITCFG_PKG_DIST:-pkg/dist}
export CARGO_PROFILE_RELEASE_OPT_LEVEL=$OPT_LEVEL
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort

TARGET=wasm32-unknown-unknown
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
ARTIFACT="$TARGET_DIR/$TARGET/release/auditcfg_wasm.wasm"
WASM_OPT=node_modules/.bin/wasm-opt
# shellcheck source=scripts/wasm-features.sh
. scripts/wasm-features.sh

# The package version must be the crate's.
crate_version=$(cargo metadata --format-version 1 --no-deps --locked |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages.find(p=>p.name==="auditcfg-wasm").version))')
pkg_version=$(node -p 'JSON.parse(require("fs").readFileSync("pkg/package.json","utf8")).version')
if [ "$crate_version" != "$pkg_version" ]; then
  log "pkg/package.json has version $pkg_version, the auditcfg-wasm crate $crate_version: make them equal"
  exit 1
fi

size_line() { # label file
  printf '  %-42s %9d bytes raw %9d bytes gzip -9\n' "$1" "$(wc -c <"$2")" "$(gzip -9 -c "$2" | wc -c)"
}

HOT_OPT_LEVEL=${AUDITCFG_PKG_HOT_OPT_LEVEL:-}
HOT_CONFIG=()
case "$HOT_OPT_LEVEL" in
  "") ;;
  z | s | 1 | 2 | 3)
    # TOML: the letters are strings, the numbers integers.
    value=$HOT_OPT_LEVEL
    case "$value" in z | s) value="\"$value\"" ;; esac
    for crate in auditcfg-core auditcfg-wasm; do
      HOT_CONFIG+=(--config "profile.release.package.$crate.opt-level=$value")
    done ;;
  *) log "AUDITCFG_PKG_HOT_OPT_LEVEL must be z, s, 1, 2 or 3, not '$HOT_OPT_LEVEL'"; exit 2 ;;
esac

cargo_build() { # extra cargo args...
  cargo build --release --locked "${HOT_CONFIG[@]}" -p auditcfg-wasm --target "$TARGET" "$@"
}

optimise() { # file
  "$WASM_OPT" "-O$OPT_LEVEL" "${WASM_FEATURES[@]}" --strip-debug --strip-producers "$1" -o "$1.opt"
  mv "$1.opt" "$1"
}

SIZES=()
if [ "$POLICY_ONLY" = 0 ]; then
if [ "$MEASURE_SCHEMA" = 1 ]; then
  log "building the schema-validation (jsonschema) configuration, for its size"
  cargo_build --features schema-validation
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name auditcfg "$ARTIFACT"
  cp "$tmp/auditcfg_bg.wasm" "$tmp/before-opt.wasm"
  optimise "$tmp/auditcfg_bg.wasm"
  SIZES+=("$(size_line 'with jsonschema, before wasm-opt' "$tmp/before-opt.wasm")")
  SIZES+=("$(size_line "with jsonschema, after wasm-opt -O$OPT_LEVEL" "$tmp/auditcfg_bg.wasm")")
fi

log "building auditcfg-wasm (release, opt-level=$OPT_LEVEL${HOT_OPT_LEVEL:+, $HOT_OPT_LEVEL for auditcfg-core and auditcfg-wasm}, lto, 1 codegen unit, panic=abort)"
cargo_build

# One module serves both targets: wasm-bindgen writes the same .wasm for
# both (its imports come from ./auditcfg_bg.js either way), so pkg/dist/
# holds it once, next to the bundler glue (auditcfg.js, auditcfg_bg.js) and
# the web glue (renamed web.js; node.js and browser.js load it).
rm -rf "$DIST"
out=$(mktemp -d)
log "wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2): --target bundler, --target web"
wasm-bindgen --target bundler --no-typescript --out-dir "$out/bundler" --out-name auditcfg "$ARTIFACT"
wasm-bindgen --target web --no-typescript --out-dir "$out/web" --out-name auditcfg "$ARTIFACT"
if ! cmp -s "$out/bundler/auditcfg_bg.wasm" "$out/web/auditcfg_bg.wasm"; then
  log "wasm-bindgen wrote different modules for --target bundler and --target web: pkg/dist/ cannot share one"
  exit 1
fi
if [ -n "$(ls -A "$out/web" | grep -v '^auditcfg\.js$\|^auditcfg_bg\.wasm$')" ]; then
  log "unexpected files in the web output (snippets?): $(ls "$out/web")"
  exit 1
fi
mkdir -p "$DIST"
cp "$out/bundler/auditcfg.js" "$out/bundler/auditcfg_bg.js" "$DIST/"
cp "$out/web/auditcfg.js" "$DIST/web.js"

log "wasm-opt -O$OPT_LEVEL ($("$WASM_OPT" --version))"
cp "$out/bundler/auditcfg_bg.wasm" "$DIST/auditcfg_bg.wasm"
optimise "$DIST/auditcfg_bg.wasm"

SIZES+=("$(size_line 'without jsonschema, before wasm-opt' "$out/bundler/auditcfg_bg.wasm")")
SIZES+=("$(size_line "without jsonschema, after wasm-opt -O$OPT_LEVEL (pkg)" "$DIST/auditcfg_bg.wasm")")
rm -rf "$out"

fi
mkdir -p "$DIST"

if [ "$CORE_ONLY" = 0 ]; then
log "building auditcfg-policy-wasm (the policy module, same settings)"
cargo build --release --locked -p auditcfg-policy-wasm --target "$TARGET"
POLICY_ARTIFACT="$TARGET_DIR/$TARGET/release/auditcfg_policy_wasm.wasm"
out=$(mktemp -d)
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name policy "$POLICY_ARTIFACT"
if [ -n "$(ls -A "$out" | grep -v '^policy\.js$\|^policy_bg\.wasm$')" ]; then
  log "unexpected files in the policy module's output (snippets?): $(ls "$out")"
  exit 1
fi
cp "$out/policy.js" "$DIST/policy.js"
cp "$out/policy_bg.wasm" "$DIST/policy_bg.wasm"
optimise "$DIST/policy_bg.wasm"
SIZES+=("$(size_line 'policy module, before wasm-opt' "$out/policy_bg.wasm")")
SIZES+=("$(size_line "policy module, after wasm-opt -O$OPT_LEVEL (pkg)" "$DIST/policy_bg.wasm")")
rm -rf "$out"
# The same bytes deflated, in base64, inflated by the browser's
# DecompressionStream when the module loads (scripts/wasm-literal.mjs), as
# scripts/build-app.sh embeds the app's wasm.
node --input-type=module - "$DIST/policy_bg.wasm" "$DIST/policy_wasm.js" "$PWD/scripts/wasm-literal.mjs" <<'JS'
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [wasm, out, literal] = process.argv.slice(2);
const { wasmSource } = await import(pathToFileURL(literal).href);
const { source } = wasmSource(readFileSync(wasm), { asResponse: false });
writeFileSync(out, `// auditcfg's policy module (pkg/dist/policy_bg.wasm).
${source}export default bytes;
`, "utf8");
JS
SIZES+=("$(size_line 'policy module embedded in policy_wasm.js' "$DIST/policy_wasm.js")")
fi

log "built pkg/ (auditcfg $pkg_version); .wasm sizes:"
printf '%s\n' "${SIZES[@]}"
