#!/usr/bin/env bash
# Refreshes the committed outputs of the browser tests: the README's
# screenshots (docs/screenshots/) and the measurements BENCH_APP.md and
# BENCH_APP2.md. A plain test run writes them to target/reports/ instead,
# so running the tests never changes a tracked file; run this by hand and
# commit what it changed.
set -euo pipefail
cd "$(dirname "$0")/.."
AUDITCFG_PUBLISH=1 scripts/test-app.sh "$@"
git status --short -- docs/screenshots BENCH_APP.md BENCH_APP2.md
