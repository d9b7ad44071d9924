#!/usr/bin/env bash
# Instructions per call of one case of crates/auditcfg-core/examples/instr.rs,
# counted by valgrind (cachegrind): (count(N) - count(1)) / (N - 1).
# Usage: scripts/instr.sh CASE [N] [BYTES]   (valgrind: apt-get install valgrind)
set -euo pipefail
case_=$1; n=${2:-21}; bytes=${3:-0}
bin=target/release/examples/instr
[ -x "$bin" ] || cargo build --release -p auditcfg-core --example instr >&2
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" "$case_" "$1" "$bytes" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
one=$(count 1); many=$(count "$n")
echo "$case_ $bytes $(( (many - one) / (n - 1) ))"
