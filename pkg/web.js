// `auditcfg/web`: wasm-bindgen's --target web glue (call `init()` or
// `initSync()` first) and the asynchronous encryption functions (kdf.js)
// bound to it.
import * as wasm from './dist/web.js';
import { bindAsync } from './kdf.js';
import { bindPolicies } from './policies.js';

export { default } from './dist/web.js';
export * from './dist/web.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
// Organisation policies: the policy module is loaded on first use (`await loadPolicies()`: a dynamic import).
const policy = () => import('./policy-browser.js');
export const { validate, diff, checkPolicy, loadPolicies } = bindPolicies(wasm, policy);
