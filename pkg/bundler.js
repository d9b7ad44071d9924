// `auditcfg/bundler` (and the `default` condition): wasm-bindgen's
// --target bundler glue, which imports the .wasm as a WebAssembly ES
// module, and the asynchronous encryption functions (kdf.js) bound to it.
import * as wasm from './dist/auditcfg.js';
import { bindAsync } from './kdf.js';
import { bindPolicies } from './policies.js';

export * from './dist/auditcfg.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
// Organisation policies: the policy module is loaded on first use (`await loadPolicies()`: a dynamic import).
const policy = () => import('./policy-browser.js');
export const { validate, diff, checkPolicy, loadPolicies } = bindPolicies(wasm, policy);
