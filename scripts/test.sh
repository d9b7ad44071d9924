#!/usr/bin/env bash
# Runs every test of auditcfg on a fresh machine, installing what it needs
# first (idempotently). CI runs this through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh rust

step "format"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (unit, fixtures, snapshots, properties, CLI)"
# insta: fail on a changed snapshot instead of writing a new one.
INSTA_UPDATE=no CI=${CI:-true} cargo test --workspace --locked

step "benchmarks compile"
cargo bench --workspace --locked --no-run >/dev/null

printf '\n\033[1mall tests passed\033[0m\n'
