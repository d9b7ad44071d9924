// Browser entry (the "browser" export condition): wasm-bindgen's --target
// web glue, fetched and instantiated before this module finishes loading,
// and the asynchronous encryption functions (kdf.js) bound to it.
// Works in a plain <script type="module"> and in bundlers that understand
// `new URL('…', import.meta.url)` and top-level await (Vite, webpack 5).
import * as wasm from './dist/web.js';
import { bindAsync } from './kdf.js';
import { bindPolicies } from './policies.js';

await wasm.default({ module_or_path: new URL('./dist/auditcfg_bg.wasm', import.meta.url) });

export * from './dist/web.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
// Organisation policies: the policy module is loaded on first use (`await loadPolicies()`: a dynamic import).
const policy = () => import('./policy-browser.js');
export const { validate, diff, checkPolicy, loadPolicies } = bindPolicies(wasm, policy);
