// Browser entry (the "browser" export condition): the --target web build,
// fetched and instantiated before the module finishes loading. Works in a
// plain <script type="module"> and in bundlers that understand
// `new URL('…', import.meta.url)` and top-level await (Vite, webpack 5).
import init from './web/auditcfg.js';

await init({ module_or_path: new URL('./web/auditcfg_bg.wasm', import.meta.url) });

export * from './web/auditcfg.js';
