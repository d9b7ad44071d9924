#!/usr/bin/env bash
# What the app's WebAssembly is made of (BENCHMARKS.md, "Page load"): the
# release wasm of the last `scripts/build-app.sh`, run through wasm-bindgen
# and `wasm-opt -Oz` as the build does but keeping the function names, then
# `twiggy top` summed by crate.
#   scripts/size-breakdown.sh [WASM]    (twiggy: cargo install twiggy --locked)
# By hand, not in CI. Prints a Markdown table of bytes per part (before
# compression) and the deflated size of the stripped module.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WASM=${1:-$ROOT/target/wasm32-unknown-unknown/release/auditcfg-app.wasm}
command -v twiggy >/dev/null || { echo "twiggy is needed: cargo install twiggy --locked" >&2; exit 2; }
[ -f "$WASM" ] || { echo "no $WASM: run scripts/build-app.sh first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=scripts/wasm-features.sh
. "$ROOT/scripts/wasm-features.sh"
wasm-bindgen --target web --out-dir "$tmp" --out-name app "$WASM"
"$ROOT/node_modules/.bin/wasm-opt" -Oz "${WASM_FEATURES[@]}" -g "$tmp/app_bg.wasm" -o "$tmp/named.wasm"
"$ROOT/node_modules/.bin/wasm-opt" "${WASM_FEATURES[@]}" --strip-debug --strip-producers "$tmp/named.wasm" -o "$tmp/stripped.wasm"
twiggy top -n 1000000 -f csv "$tmp/named.wasm" >"$tmp/top.csv"
node --input-type=module - "$tmp/top.csv" "$tmp/stripped.wasm" "$ROOT/scripts/wasm-literal.mjs" <<'JS'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [csv, stripped, literal] = process.argv.slice(2);
const first = (n) => (n.match(/^[A-Za-z_][A-Za-z0-9_]*/) ?? ["other"])[0];
const crates = (...names) => (n) => names.includes(first(n));
const parts = [
  ["data segments (strings, tables, the schema text)", (n) => n.startsWith("data segment")],
  ["Leptos (tachys, reactive_graph, leptos*)", crates("tachys", "reactive_graph", "leptos", "leptos_dom", "any_spawner",
    "slotmap", "send_wrapper", "throw_error", "or_poisoned", "futures", "futures_util", "wasm_streams", "erased", "either")],
  ["the app (auditcfg_app)", crates("auditcfg_app")],
  ["the core (auditcfg_core)", crates("auditcfg_core")],
  ["generic std code (sorts, drops, closures, Vec, hash maps)", crates("core", "alloc", "T", "hashbrown", "indexmap",
    "smallvec", "str", "f64", "std", "dlmalloc", "char", "elem", "code", "u8", "usize", "i64", "u64", "f32", "bool")],
  ["serde, serde_json", crates("serde", "serde_core", "serde_json", "serde_with")],
  ["TOML (toml_parser, toml_edit, toml, toml_datetime, toml_writer)", (n) => first(n).startsWith("toml")],
  ["URLs (url, idna, ICU normaliser)", crates("url", "idna", "idna_adapter", "icu_normalizer", "icu_collections",
    "icu_properties", "icu_provider", "form_urlencoded", "percent_encoding", "utf8_iter", "zerovec", "writeable", "yoke")],
  ["regex_lite", crates("regex_lite")],
  ["crypto crates (sha2, aes, gcm, pbkdf2, scrypt, hmac, ...)", crates("sha2", "aes", "cipher", "aes_gcm", "ghash",
    "polyval", "pbkdf2", "scrypt", "salsa20", "hmac", "ctr", "cbc", "digest", "block_buffer", "universal_hash", "subtle",
    "zeroize", "inout", "crypto_common", "block_padding")],
  ["wasm-bindgen, js-sys, web-sys, imports", crates("wasm_bindgen", "js_sys", "web_sys", "import", "wasm_bindgen_futures", "export")],
];
const sums = new Map([...parts.map(([p]) => [p, 0]), ["other", 0]]);
const lines = readFileSync(csv, "utf8").trim().split("\n").slice(1);
for (const line of lines) {
  // Name,ShallowSize,...: the name is quoted when it holds a comma.
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, "").replace(/""/g, '"');
  if (/subsection|custom section/.test(name)) continue;
  const bare = name.replace(/^(<|&|mut |dyn |impl )+/, "");
  const part = parts.find(([, test]) => test(bare))?.[0] ?? "other";
  sums.set(part, sums.get(part) + Number(m[2]));
}
const { deflate } = await import(pathToFileURL(literal).href);
const bytes = readFileSync(stripped);
const total = [...sums.values()].reduce((a, b) => a + b, 0);
console.log("| part | bytes (wasm-opt -Oz) | share |\n|---|---:|---:|");
for (const [part, n] of sums) console.log(`| ${part} | ${n.toLocaleString("en")} | ${((100 * n) / total).toFixed(1)}% |`);
console.log(`| **total** (stripped module: ${bytes.length.toLocaleString("en")} B) | ${total.toLocaleString("en")} | |`);
const { data, how } = deflate(bytes);
console.log(`\ndeflated (${how}): ${data.length.toLocaleString("en")} B`);
JS
