#!/usr/bin/env bash
# Runs every test of auditcfg on a fresh machine, installing what it needs
# first (idempotently, through scripts/setup.sh). CI runs this via .ci/run.
#   scripts/test.sh            everything
#   scripts/test.sh --native   only the Rust checks (fast inner loop)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
NATIVE_ONLY=0
[ "${1:-}" = "--native" ] && NATIVE_ONLY=1

step "setup"
scripts/setup.sh rust
# npm dev tools: cargo tests read node_modules (JSONTestSuite cases, the
# SARIF 2.1.0 schema, ajv and VS Code's JSON language service).
scripts/setup.sh web

step "format"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test: unit, fixtures, snapshots, properties, crypto (incl. Node interop), CLI"
# insta: fail on a changed snapshot instead of writing a new one.
INSTA_UPDATE=no CI=${CI:-true} cargo test --workspace --locked

# Benchmarks are type-checked by clippy --all-targets above; building them
# in release here would add minutes and check nothing more.

if [ "$NATIVE_ONLY" = 1 ]; then
  printf '\n\033[1mnative tests passed\033[0m\n'
  exit 0
fi

step "probe: real PostgreSQL and Redis on loopback (about a minute)"
scripts/setup.sh services
scripts/test-probe.sh

step "fuzz smoke run (a few minutes in all)"
if [ -x scripts/fuzz.sh ]; then
  CI=true scripts/fuzz.sh
fi

step "npm package: build, node tests on the packed tarball, tsc, wasm-bindgen-test, browser"
scripts/test-npm.sh

step "VS Code extension: syntax check (packaging needs @vscode/vsce: editors/vscode/scripts/package.mjs, not run here)"
node --check editors/vscode/extension.js

step "browser app: build, component tests, Playwright in Debian Chromium"
scripts/test-app.sh

printf '\n\033[1mall tests passed\033[0m\n'
