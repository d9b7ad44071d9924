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
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import zlib from "node:zlib";

/** Raw deflate, as small as this machine can make it; `how` says which. */
export function deflate(bytes) {
  // zopfli reads a file (it sizes its input first): a temporary one.
  const dir = mkdtempSync(join(tmpdir(), "auditcfg-deflate-"));
  try {
    const file = join(dir, "module.wasm");
    writeFileSync(file, bytes);
    const out = execFileSync("zopfli", ["--deflate", "--i5", "-c", file], {
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "ignore"],
    });
    // zopfli's output must inflate to the input: check, never trust.
    if (Buffer.compare(zlib.inflateRawSync(out), Buffer.from(bytes)) === 0) return { data: out, how: "zopfli" };
  } catch {
    // not installed: zlib below.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { data: zlib.deflateRawSync(bytes, { level: 9, memLevel: 9 }), how: "zlib -9" };
}

/**
 * Statements that define `const wasm`: a `Response` of the inflated bytes,
 * typed `application/wasm` so that wasm-bindgen's `init` compiles it with
 * `WebAssembly.instantiateStreaming` while it inflates. Needs top-level
 * await in the module that includes them (`asResponse: false` gives
 * `const bytes`, a Uint8Array, instead).
 */
export function wasmSource(bytes, { asResponse = true } = {}) {
  const { data, how } = deflate(bytes);
  const inflated = `new Response(
  new Blob([Uint8Array.fromBase64 ? Uint8Array.fromBase64(z) : Uint8Array.from(atob(z), (c) => c.charCodeAt(0))])
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
