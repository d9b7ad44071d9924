#!/usr/bin/env bash
# Builds the npm package (pkg/) and runs every test of it, installing what
# it needs first (idempotently, through scripts/setup.sh):
#   - node tests against the packed tarball (tests/npm/*.test.mjs),
#     including the TypeScript check of tests/npm/consumer.ts and the
#     comparison with the native CLI;
#   - wasm-bindgen-test: the bindings as wasm under Node
#     (crates/auditcfg-wasm/tests/);
#   - the browser test: Debian Chromium loads a plain HTML page that imports
#     the package (tests/browser/pkg.test.mjs), and the policy module under
#     a CSP with connect-src 'none' (tests/browser/policy.test.mjs).
#
#   scripts/test-npm.sh           build and test
#   scripts/test-npm.sh --bench   also run tests/npm/bench.mjs (writes BENCH_NPM.md)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

BENCH=0
for arg in "$@"; do
  case "$arg" in
    --bench) BENCH=1 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

step "build the npm package"
scripts/build-pkg.sh

step "setup: browser"
scripts/setup.sh browser

step "native CLI (the reference the package must agree with)"
cargo build -p auditcfg-cli --locked

step "npm pack, install the tarball into a fresh project"
mapfile -t installed < <(node tests/npm/install.mjs)
export AUDITCFG_NPM_PROJECT="${installed[0]}"
trap 'rm -rf "$(dirname "$AUDITCFG_NPM_PROJECT")"' EXIT
echo "installed ${installed[1]##*/} into $AUDITCFG_NPM_PROJECT"

step "node tests (API, CLI parity, UTF-16, crypto, diff, package shape, tsc --noEmit)"
node --test tests/npm/

step "wasm-bindgen-test (the bindings as wasm under Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p auditcfg-wasm --target wasm32-unknown-unknown --locked

step "browser test (Chromium, plain <script type=module>)"
node --test tests/browser/pkg.test.mjs

step "browser test: the policy module under connect-src 'none' (Chromium)"
node --test tests/browser/policy.test.mjs

if [ "$BENCH" = 1 ]; then
  step "benchmark (writes BENCH_NPM.md)"
  node tests/npm/bench.mjs
fi

printf '\n\033[1mall npm package tests passed\033[0m\n'
