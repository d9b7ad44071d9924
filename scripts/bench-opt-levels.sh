#!/usr/bin/env bash
# The npm package's WebAssembly built at several opt-levels, sizes and
# speed side by side (issue #15: "measure the opt-level s vs z trade-off
# with numbers"). Not part of scripts/test.sh: each level is a full release
# build of the module (a few minutes on 2 cores).
#
#   scripts/bench-opt-levels.sh [--quick] [LEVEL ...]   (default: z s 3)
#
# A LEVEL is z, s, 1, 2 or 3, or DEPS+OURS (e.g. z+3: the dependencies at
# z, auditcfg-core and auditcfg-wasm at 3; AUDITCFG_PKG_HOT_OPT_LEVEL).
#
# Each level is built by scripts/build-pkg.sh --core-only into
# target/opt-levels/LEVEL/dist (its own cargo target directory for levels
# other than z, so the builds do not evict each other), then
# tests/npm/bench_builds.mjs times them all in one Node process against
# ajv. The table goes to target/reports/opt-levels.md and stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1m[bench-opt-levels]\033[0m %s\n' "$*" >&2; }

QUICK=()
LEVELS=()
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=(--quick) ;;
    z | s | 1 | 2 | 3 | [zs123]+[zs123]) LEVELS+=("$arg") ;;
    *) log "unknown argument: $arg"; exit 2 ;;
  esac
done
[ ${#LEVELS[@]} -gt 0 ] || LEVELS=(z s 3)

scripts/setup.sh web
SPECS=()
for level in "${LEVELS[@]}"; do
  dist="target/opt-levels/$level/dist"
  if [ "$level" = z ]; then
    target_dir=${CARGO_TARGET_DIR:-target}
  else
    target_dir="target/opt-levels/$level/cargo"
  fi
  log "opt-level $level -> $dist"
  CARGO_TARGET_DIR="$target_dir" AUDITCFG_PKG_OPT_LEVEL="${level%+*}" \
    AUDITCFG_PKG_HOT_OPT_LEVEL="$([ "${level#*+}" != "$level" ] && echo "${level#*+}")" \
    AUDITCFG_PKG_DIST="$dist" scripts/build-pkg.sh --core-only
  SPECS+=("opt-level $level=$dist")
done

mkdir -p target/reports
node tests/npm/bench_builds.mjs "${SPECS[@]}" "${QUICK[@]}" | tee target/reports/opt-levels.md
log "wrote target/reports/opt-levels.md"
