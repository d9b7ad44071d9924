// Node entry (the "node" export condition): the --target web build,
// instantiated synchronously from the .wasm file next to this one.
import { readFileSync } from 'node:fs';
import { initSync } from './web/auditcfg.js';

initSync({ module: readFileSync(new URL('./web/auditcfg_bg.wasm', import.meta.url)) });

export * from './web/auditcfg.js';
