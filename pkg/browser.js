// Browser entry (the "browser" export condition): wasm-bindgen's --target
// web glue, fetched and instantiated before this module finishes loading.
// Works in a plain <script type="module"> and in bundlers that understand
// `new URL('…', import.meta.url)` and top-level await (Vite, webpack 5).
import init from './dist/web.js';

await init({ module_or_path: new URL('./dist/auditcfg_bg.wasm', import.meta.url) });

export * from './dist/web.js';
