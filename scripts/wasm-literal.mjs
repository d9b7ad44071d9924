// A WebAssembly module carried inside a JavaScript module: how the app's
// boot module (scripts/build-app.sh) and the policy module for browsers
// (scripts/build-pkg.sh) carry their wasm. The CSP forbids fetch()
// (connect-src 'none'); script-src 'self' 'wasm-unsafe-eval' allows a
// same-origin script that compiles bytes it holds.
//
// The bytes are deflated (zopfli when installed: scripts/setup.sh web
// installs it, ~6% smaller than zlib at level 9) and written in base64;
// the page inflates them with the browser's own DecompressionStream (no
// connection, no JavaScript inflater). Served with gzip, base64 of deflated
// bytes costs about what the deflated bytes do (gzip codes its 64 symbols
// in 6 bits), so a page load transfers ~625 KB for a 1.7 MB wasm that the
// previous one-character-per-byte literal carried in ~727 KB, or ~668 KB
// as a bare .wasm served with gzip.
//
// LZMA (`xz --format=lzma -9e`) packs the app's wasm ~20% tighter than
// deflate, but browsers have no LZMA decoder. So scripts/build-app.sh
// packs it (`node scripts/wasm-literal.mjs lzma IN OUT`), builds the small
// unpacker module crates/auditcfg-lzma with those bytes as its data, and
// passes that module here as `unpacker`: the boot module then carries the
// unpacker in base64, and the page instantiates it and calls its `start`
// and `step` before compiling the app's module. The build falls back to deflate when
// xz is missing or the unpacker is not smaller.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

/** `run(path)` with `bytes` in a temporary file (zopfli and xz size their input first). */
function withTempFile(bytes, run) {
  const dir = mkdtempSync(join(tmpdir(), "auditcfg-pack-"));
  try {
    const file = join(dir, "module.wasm");
    writeFileSync(file, bytes);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The output of `command args… -c file`, or null when it fails or is missing. */
function compress(command, args, file) {
  try {
    return execFileSync(command, [...args, "-c", file], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** Raw deflate, as small as this machine can make it; `how` says which. */
export function deflate(bytes) {
  const out = withTempFile(bytes, (file) => compress("zopfli", ["--deflate", "--i5"], file));
  // zopfli's output must inflate to the input: check, never trust.
  if (out && Buffer.compare(zlib.inflateRawSync(out), Buffer.from(bytes)) === 0) return { data: out, how: "zopfli" };
  return { data: zlib.deflateRawSync(bytes, { level: 9, memLevel: 9 }), how: "zlib -9" };
}

/** The smallest `.lzma` xz makes of `bytes` over a few literal settings, or null without xz. */
export function lzma(bytes) {
  return withTempFile(bytes, (file) => {
    let best = null;
    // lc/lp/pb: wasm code is bytes with little alignment; measured on the
    // app's module, lc=1..3 with lp=pb=0 beat xz's defaults (3,0,2).
    for (const [lc, lp, pb] of [[3, 0, 2], [3, 0, 0], [2, 0, 0], [1, 0, 0], [0, 0, 0]]) {
      const out = compress("xz", ["--format=lzma", `--lzma1=preset=9e,lc=${lc},lp=${lp},pb=${pb},nice=273,dict=16MiB`], file);
      if (!out) return best;
      if (!best || out.length < best.data.length) best = { data: out, how: `xz -9e lc=${lc} lp=${lp} pb=${pb}` };
    }
    return best;
  });
}

/** An expression: the bytes of base64 string variable `name`, in the page. */
const fromBase64 = (name) =>
  `(Uint8Array.fromBase64 ? Uint8Array.fromBase64(${name}) : Uint8Array.from(atob(${name}), (c) => c.charCodeAt(0)))`;

/**
 * Statements that define `const wasm`: a `Response` of the inflated bytes,
 * typed `application/wasm` so that wasm-bindgen's `init` compiles it with
 * `WebAssembly.instantiateStreaming` while it inflates. Needs top-level
 * await in the module that includes them (`asResponse: false` gives
 * `const bytes`, a Uint8Array, instead).
 */
export function wasmSource(bytes, { asResponse = true, unpacker = null } = {}) {
  const { data, how } = deflate(bytes);
  if (unpacker && unpacker.bytes.length < data.length) {
    return lzmaSource(bytes, unpacker, asResponse, data.length);
  }
  const inflated = `new Response(
  new Blob([${fromBase64("z")}])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw")),
  { headers: { "content-type": "application/wasm" } },
)`;
  const source = `// ${bytes.length} bytes of WebAssembly, deflated (${how}) to ${data.length}, in base64.
const z = "${data.toString("base64")}";
${asResponse ? `const wasm = ${inflated};` : `const bytes = new Uint8Array(await ${inflated}.arrayBuffer());`}
`;
  return { source, how, deflated: data.length };
}

/**
 * The LZMA form of `wasmSource`: `const wasm` (or `const bytes`) is a
 * Uint8Array that the unpacker module (`{ bytes, how }`, holding the packed
 * bytes as its data) makes. `globalThis.__auditcfgUnpack` records the
 * milliseconds it took (the browser tests report it beside the page's size).
 */
function lzmaSource(bytes, unpacker, asResponse, deflated) {
  const name = asResponse ? "wasm" : "bytes";
  const source = `// ${bytes.length} bytes of WebAssembly, packed (${unpacker.how}) inside the
// ${unpacker.bytes.length}-byte module that unpacks them (crates/auditcfg-lzma; deflate would be
// ${deflated}), in base64: scripts/wasm-literal.mjs says why.
const u = "${unpacker.bytes.toString("base64")}";
const ${name} = await (async () => {
  const started = performance.now();
  const { instance } = await WebAssembly.instantiate(${fromBase64("u")});
  const { memory, start, step, output, length } = instance.exports;
  // In steps: the engine optimises \`step\` between calls, never within one.
  let r = start(${bytes.length});
  while (r === 0) r = step(1 << 16);
  if (r !== 1 || length() !== ${bytes.length}) throw new Error(\`auditcfg: the WebAssembly did not unpack (\${r})\`);
  const out = new Uint8Array(memory.buffer, output(), length()).slice();
  (globalThis.__auditcfgUnpack ??= []).push(performance.now() - started);
  return out;
})();
`;
  return { source, how: unpacker.how, deflated: unpacker.bytes.length };
}

// `node scripts/wasm-literal.mjs lzma IN OUT`: packs IN into OUT (the
// smallest `lzma` finds) and prints how; exits 1 without xz.
if (process.argv[2] === "lzma" && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const packed = lzma(readFileSync(process.argv[3]));
  if (!packed) process.exit(1);
  writeFileSync(process.argv[4], packed.data);
  console.log(packed.how);
}
