#!/usr/bin/env bash
# Fuzzes auditcfg-core with cargo-fuzz (libFuzzer), one target after the
# other, and fails if any target crashes.
#
#   scripts/fuzz.sh                 60 s per target, AddressSanitizer
#   CI=true scripts/fuzz.sh         15 s per target, no sanitizer, compact schema
#                                   validator (CI smoke run: a few minutes in all
#                                   on 2 cores, build included)
#   scripts/fuzz.sh 600             ten minutes per target, by hand
#   scripts/fuzz.sh 30 diff         only some targets
#
# Environment:
#   FUZZ_SANITIZER=address|none     default: address by hand, none in CI (safe
#                                   Rust: the sanitizer guards only the
#                                   dependencies' unsafe code and makes the
#                                   build several times slower); automatic
#                                   fallback to none when the ASan build fails
#   FUZZ_SCHEMA=native|compact      which schema validator the core runs: the
#                                   `jsonschema` crate, as the CLI (default by
#                                   hand), or the compact one, as the npm package
#                                   and the app (default in CI: builds minutes
#                                   faster; the core proves the two agree)
#   FUZZ_TARGET_DIR=DIR             where the fuzz builds go (default
#                                   fuzz/target, gitignored)
#   UPDATE_FUZZ_RESULTS=1           write the table to fuzz/RESULTS.md
#
# What it does:
#   1. installs cargo-fuzz at its pinned version (scripts/setup.sh fuzz);
#   2. seeds fuzz/corpus/<target>/ (gitignored) from the presets, the test
#      fixtures, the hostile inputs, their TOML conversions, small files
#      encrypted and sealed with the fuzz password (PBKDF2 at its minimum,
#      scrypt N = 1024) and patches made by `auditcfg diff`; libFuzzer keeps
#      what it learns there between runs;
#   3. builds and runs each target for the given time; prints executions,
#      executions per second, corpus size and crashes per target;
#   4. exits 1 if any target crashed or left an artifact in
#      fuzz/artifacts/<target>/ (crash-, leak-, timeout-, oom-). Move the
#      artifact to tests/hostile/fuzz-regressions/<target>/ to keep it as a
#      regression test (see the README there).
#
# cargo-fuzz needs nightly flags (-Zsanitizer, -Cpasses=sancov-module...):
# on a stable toolchain they are enabled with RUSTC_BOOTSTRAP=1, which
# this script sets for cargo-fuzz only.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

if [[ "${CI:-}" == "true" ]]; then
  default_seconds=15
  default_sanitizer=none
  default_schema=compact
else
  default_seconds=60
  default_sanitizer=address
  default_schema=native
fi
SECONDS_PER_TARGET=${1:-$default_seconds}
shift || true
ALL_TARGETS=(parse_validate diff decrypt_file decrypt_fields patch_apply policy)
if [[ $# -gt 0 ]]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
SANITIZER=${FUZZ_SANITIZER:-$default_sanitizer}
case "${FUZZ_SCHEMA:-$default_schema}" in
  native) FEATURES=() ;;
  compact) FEATURES=(--no-default-features) ;;
  *) log "FUZZ_SCHEMA is native or compact"; exit 2 ;;
esac
for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { log "unknown target $t (${ALL_TARGETS[*]})"; exit 2; }
done
started=$(date +%s)

# ----------------------------------------------------------- cargo-fuzz
scripts/setup.sh fuzz
log "$(cargo fuzz --version | head -1)"

# ------------------------------------------------------------- corpora
log "building the CLI to make seeds"
cargo build --quiet --locked -p auditcfg-cli
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
CLI=$TARGET_DIR/debug/auditcfg
# The fuzz crate is its own workspace with its own target directory.
FUZZ_TARGET_DIR=${FUZZ_TARGET_DIR:-$PWD/fuzz/target}
unset CARGO_TARGET_DIR
FUZZ_PW=pw   # = auditcfg_fuzz::PASSWORD
CORPUS=fuzz/corpus
mkdir -p fuzz/artifacts
for t in "${ALL_TARGETS[@]}"; do mkdir -p "$CORPUS/$t"; done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

presets=(crates/auditcfg-core/presets/*.json)
tiny='{"environment": "test", "version": "1.0.0", "security": {"encryptionKey": "k3y"}, "redis": {"url": "redis://:pw@h:6379"}, "x": [1, null, 2.5, "s"]}'
printf '%s' "$tiny" > "$TMP/tiny.json"

# parse_validate: every config text we have, in JSON and TOML, and the
# hostile inputs small enough to mutate quickly.
for f in "${presets[@]}" tests/fixtures/validate/* tests/fixtures/diff/* "$TMP/tiny.json"; do
  name=$(basename "$f")
  cp "$f" "$CORPUS/parse_validate/$name"
  "$CLI" convert --to toml "$f" > "$CORPUS/parse_validate/$name.toml" 2>/dev/null \
    || rm -f "$CORPUS/parse_validate/$name.toml"
done
find tests/hostile -maxdepth 1 -type f \( -name '*.json' -o -name '*.toml' -o -name '*.bin' \) \
  ! -name expected.json -size -64k -exec cp {} "$CORPUS/parse_validate/" \;

# diff and patch_apply: pairs, split at a NUL byte.
pair() { cat "$1"; printf '\0'; cat "$2"; }

# policy: each policy fixture with each preset, split at a NUL byte.
n=0
for p in tests/fixtures/policy/*; do
  for c in "${presets[@]}" "$TMP/tiny.json"; do
    n=$((n + 1))
    pair "$p" "$c" > "$CORPUS/policy/pair-$n"
  done
done
n=0
for a in "${presets[@]}" "$TMP/tiny.json"; do
  for b in "${presets[@]}" "$TMP/tiny.json"; do
    n=$((n + 1))
    pair "$a" "$b" > "$CORPUS/diff/pair-$n"
    "$CLI" convert --to toml "$b" > "$TMP/b.toml"
    pair "$a" "$TMP/b.toml" > "$CORPUS/diff/pair-toml-$n"
    "$CLI" diff --format patch "$a" "$b" > "$TMP/patch.json" 2>/dev/null || true
    pair "$a" "$TMP/patch.json" > "$CORPUS/patch_apply/patch-$n"
    if "$CLI" diff --format merge-patch "$a" "$b" > "$TMP/merge.json" 2>/dev/null || [[ $? == 1 ]]; then
      pair "$a" "$TMP/merge.json" > "$CORPUS/patch_apply/merge-$n"
    fi
  done
done
pair tests/fixtures/diff/secrets-a.json tests/fixtures/diff/secrets-b.json > "$CORPUS/diff/secrets"
pair crates/auditcfg-core/presets/test.json tests/fixtures/diff/overlay-ops.json > "$CORPUS/patch_apply/overlay-ops"
pair crates/auditcfg-core/presets/test.json tests/fixtures/diff/bad-patch.json > "$CORPUS/patch_apply/bad-patch"

# decrypt_file and decrypt_fields: small files encrypted with the fuzz
# password and the cheapest parameters (the targets skip expensive ones).
for f in "$TMP/tiny.json" crates/auditcfg-core/presets/test.json; do
  name=$(basename "$f" .json)
  for alg in aes-256-gcm aes-256-cbc; do
    AUDIT_CONFIG_PASSWORD=$FUZZ_PW "$CLI" encrypt --algorithm $alg --iterations 1000 "$f" \
      > "$CORPUS/decrypt_file/$name-$alg-pbkdf2.json"
    AUDIT_CONFIG_PASSWORD=$FUZZ_PW "$CLI" encrypt --algorithm $alg --kdf scrypt --scrypt-n 1024 "$f" \
      > "$CORPUS/decrypt_file/$name-$alg-scrypt.json"
  done
  AUDIT_CONFIG_PASSWORD=$FUZZ_PW "$CLI" encrypt --fields --iterations 1000 "$f" \
    > "$CORPUS/decrypt_fields/$name-pbkdf2.json"
  AUDIT_CONFIG_PASSWORD=$FUZZ_PW "$CLI" encrypt --fields --kdf scrypt --scrypt-n 1024 "$f" \
    > "$CORPUS/decrypt_fields/$name-scrypt.json"
done
# Upstream's exact format (no parameters inside): the target supplies the
# fallback salt 07×16 and PBKDF2 1,000.
AUDIT_CONFIG_PASSWORD=$FUZZ_PW "$CLI" encrypt --no-embed --iterations 1000 --salt "$(printf '07%.0s' {1..16})" \
  "$TMP/tiny.json" > "$CORPUS/decrypt_file/tiny-upstream.json"
printf '{"data": "AQICAHh"}' > "$CORPUS/decrypt_file/kms.json"
cp "$TMP/tiny.json" "$CORPUS/decrypt_fields/plain.json"
# The saved regressions seed their targets too.
for t in "${ALL_TARGETS[@]}"; do
  if [[ -d tests/hostile/fuzz-regressions/$t ]]; then
    find "tests/hostile/fuzz-regressions/$t" -type f -exec cp {} "$CORPUS/$t/" \;
  fi
done
for t in "${ALL_TARGETS[@]}"; do log "corpus $t: $(ls "$CORPUS/$t" | wc -l) seeds"; done

# -------------------------------------------------------------- build
# 16 codegen units: a build several times faster, at a small cost in
# executions per second.
fuzz_build() {
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer "$SANITIZER" "${FEATURES[@]}" \
    --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR")
}
build_started=$(date +%s)
log "building the targets (sanitizer: $SANITIZER, schema validator: ${FUZZ_SCHEMA:-$default_schema})"
if ! fuzz_build 2>"$TMP/build.log"; then
  tail -20 "$TMP/build.log" >&2
  if [[ "$SANITIZER" == none ]]; then exit 2; fi
  log "the $SANITIZER build failed; falling back to --sanitizer none"
  SANITIZER=none
  fuzz_build || exit 2
fi
log "built in $(( $(date +%s) - build_started )) s"

# ---------------------------------------------------------------- run
status=0
rows=()
for t in "${TARGETS[@]}"; do
  log "fuzzing $t for ${SECONDS_PER_TARGET}s"
  mkdir -p "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  t0=$(date +%s)
  set +e
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "$SANITIZER" "${FEATURES[@]}" \
      --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" "$t" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=2560 \
      -dict=dicts/config.dict -print_final_stats=1) > "$TMP/$t.log" 2>&1
  rc=$?
  set -e
  # Wall time of the run itself (a crash ends it early).
  secs=$(( $(date +%s) - t0 ))
  runs=$(grep -oE 'Done [0-9]+ runs' "$TMP/$t.log" | tail -1 | grep -oE '[0-9]+' || true)
  [[ -n "$runs" ]] || runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$TMP/$t.log" | grep -oE '[0-9]+$' | tail -1 || true)
  [[ -n "$runs" ]] || runs=$(grep -oE '^#[0-9]+' "$TMP/$t.log" | tail -1 | tr -d '#' || true)
  cov=$(grep -oE 'cov: [0-9]+' "$TMP/$t.log" | tail -1 | grep -oE '[0-9]+' || echo "?")
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  crashes=$((after - before))
  if [[ $rc -ne 0 || $crashes -gt 0 ]]; then
    status=1
    log "$t: FAILED (exit $rc, $crashes new artifacts)"
    grep -E 'panicked|ERROR: |SUMMARY|artifact_prefix|Test unit written' "$TMP/$t.log" | head -20 >&2 || true
  fi
  per_sec=$(( ${runs:-0} / (secs > 0 ? secs : 1) ))
  rows+=("| \`$t\` | $secs | ${runs:-?} | $per_sec | $cov | $corpus | $crashes |")
done

open=$(find fuzz/artifacts -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
table="| target | seconds | executions | per second | coverage (edges) | corpus | new crashes |
|---|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${rows[@]}")"
printf '\n%s\n\nsanitizer: %s; schema validator: %s; open artifacts in fuzz/artifacts: %s; %s s in all (build included)\n' \
  "$table" "$SANITIZER" "${FUZZ_SCHEMA:-$default_schema}" "$open" "$(( $(date +%s) - started ))"
if [[ -n "${UPDATE_FUZZ_RESULTS:-}" ]]; then
  {
    echo "# Fuzzing: last recorded run"
    echo
    echo "\`scripts/fuzz.sh $SECONDS_PER_TARGET\` on $(date -u +%Y-%m-%d), $(rustc --version), $(cargo fuzz --version | head -1), sanitizer: $SANITIZER, schema validator: ${FUZZ_SCHEMA:-$default_schema}."
    echo
    echo "$table"
    echo
    echo "Open crash artifacts: $open."
  } > fuzz/RESULTS.md
  log "wrote fuzz/RESULTS.md"
fi
if [[ $open -gt 0 ]]; then
  log "open artifacts:"
  find fuzz/artifacts -type f >&2
  status=1
fi
exit $status
