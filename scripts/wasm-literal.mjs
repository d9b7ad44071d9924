// A WebAssembly module as a JavaScript string literal with one character
// per byte (U+0000..U+00FF), and the statements that turn it back into
// bytes: how the app's boot module (scripts/build-app.sh) and the policy
// module for browsers (scripts/build-pkg.sh) carry their wasm. The CSP
// forbids fetch() (connect-src 'none'); script-src 'self'
// 'wasm-unsafe-eval' allows exactly this. Gzipped it costs ~9% more than
// the bare .wasm (base64 would cost ~40%); decoding takes a few
// milliseconds.
const ESC = { 0x00: "\\x00", 0x0a: "\\n", 0x0d: "\\r", 0x22: '\\"', 0x5c: "\\\\" };

/** `const s = "…";` and the decoding into `const bytes` (a Uint8Array). */
export function wasmBytesSource(bytes) {
  const parts = [];
  let chunk = "";
  for (const b of bytes) {
    chunk += ESC[b] ?? String.fromCharCode(b);
    if (chunk.length > 65536) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return `const s = "${parts.join("")}";
const bytes = new Uint8Array(s.length);
for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
`;
}
