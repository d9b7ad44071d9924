#!/usr/bin/env bash
# Builds the browser app and serves it locally: the README's main command.
#   scripts/run.sh          installs the toolchain (scripts/setup.sh), builds
#                           dist/ (scripts/build-app.sh), serves it on
#                           http://127.0.0.1:8080/ with gzip until Ctrl+C
#   PORT=9000 scripts/run.sh    another port
# dist/ is plain static files: any static server works (the page makes no
# request but for its own files, so no API or proxy is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh rust
scripts/build-app.sh
exec node tests/browser/app-server.mjs --dir dist --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
