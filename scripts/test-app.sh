#!/usr/bin/env bash
# Tests the browser app end to end: builds dist/ (release, as served) when
# a source is newer than it, then runs tests/browser/app.test.mjs (part 1)
# and app2.test.mjs (part 2: form, diff, encryption with the CLI, drafts,
# the custom element) in headless Debian Chromium (one test per feature,
# the network checks; screenshots and the measurements BENCH_APP.md and
# BENCH_APP2.md go to target/reports/, an ignored folder, so a test run
# never changes a tracked file: scripts/refresh-docs.sh refreshes the
# committed ones).
# The app's logic (src/: tokenizer, editor model, positions, findings,
# scheduling, export) is tested by `cargo test` (the root package is part of
# the workspace); pass --cargo to run those here too.
#   scripts/test-app.sh [--cargo] [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1m[test-app]\033[0m %s\n' "$*" >&2; }

CARGO=0
REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --cargo) CARGO=1 ;;
    --rebuild) REBUILD=1 ;;
    *) log "unknown argument: $arg"; exit 2 ;;
  esac
done

scripts/setup.sh wasm
scripts/setup.sh web
scripts/setup.sh browser

if [ "$CARGO" = 1 ]; then
  log "cargo test -p auditcfg-app"
  cargo test -p auditcfg-app --locked
fi

stale() {
  [ ! -f dist/index.html ] && return 0
  [ -n "$(find src style examples web pkg/codemirror.js index.html Trunk.toml Cargo.toml Cargo.lock crates/auditcfg-core/src \
    crates/auditcfg-core/Cargo.toml crates/auditcfg-core/presets scripts/build-app.sh scripts/wasm-literal.mjs crates/auditcfg-lzma \
    crates/auditcfg-policy crates/auditcfg-policy-wasm pkg/policy-browser.js pkg/policy-api.js \
    -newer dist/index.html -print -quit 2>/dev/null)" ]
}
if [ "$REBUILD" = 1 ] || stale; then
  scripts/build-app.sh
else
  log "dist/ is up to date"
fi

# Component tests (src/app/tests.rs): wasm-bindgen-test in headless
# Chromium through Debian's chromedriver. The runner reads the browser's
# options from webdriver.json in its working directory.
log "component tests (wasm-bindgen-test)"
wasm=$(cargo test -p auditcfg-app --lib --target wasm32-unknown-unknown --no-run --locked --message-format=json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.executable&&m.target.name==="auditcfg_app")console.log(m.executable)}catch{}}})' | tail -n1)
[ -n "$wasm" ] || { log "no test wasm"; exit 1; }
wbt=$(mktemp -d)
trap 'rm -rf "$wbt"' EXIT
cat >"$wbt/webdriver.json" <<'JSON'
{"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]}}
JSON
# The runner gives chromedriver a few seconds to listen; on a loaded
# machine it can miss that ("driver failed to bind port during startup"),
# which says nothing about the tests: try again then, at most three times.
for attempt in 1 2 3; do
  if (cd "$wbt" && CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 wasm-bindgen-test-runner "$wasm") 2>&1 | tee "$wbt/out.log"; then
    break # (pipefail: the runner's own status)
  fi
  if [ "$attempt" = 3 ] || ! grep -q "driver failed to bind port" "$wbt/out.log"; then
    log "component tests failed"
    exit 1
  fi
  log "chromedriver did not start in time; again ($attempt of 3)"
done

# The CLI: part 2's tests encrypt in the app and decrypt with it, and the
# reverse.
log "cargo build -p auditcfg-cli (for the encryption interop tests)"
cargo build -p auditcfg-cli --locked --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
export AUDITCFG_BIN="$target_dir/debug/auditcfg"

log "browser tests (headless $(/usr/bin/chromium --version 2>/dev/null || echo chromium))"
node --test --test-concurrency=1 tests/browser/app.test.mjs tests/browser/app2.test.mjs tests/browser/drafts-broken.test.mjs \
  tests/browser/editor.test.mjs
