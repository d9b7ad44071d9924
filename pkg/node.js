// Node entry (the "node" export condition): wasm-bindgen's --target web
// glue, instantiated synchronously from the .wasm file next to it, and the
// asynchronous encryption functions (kdf.js) bound to it.
import { readFileSync } from 'node:fs';
import * as wasm from './dist/web.js';
import { bindAsync } from './kdf.js';
import { bindPolicies } from './policies.js';
import * as policyModule from './policy-node.js';

wasm.initSync({ module: readFileSync(new URL('./dist/auditcfg_bg.wasm', import.meta.url)) });

export * from './dist/web.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
// Organisation policies: the policy module is loaded on first use (synchronously, from its file).
const policy = () => policyModule;
policy.sync = policy;
export const { validate, diff, checkPolicy, loadPolicies } = bindPolicies(wasm, policy);
