// Node entry (the "node" export condition): wasm-bindgen's --target web
// glue, instantiated synchronously from the .wasm file next to it.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/web.js';

initSync({ module: readFileSync(new URL('./dist/auditcfg_bg.wasm', import.meta.url)) });

export * from './dist/web.js';
