// `auditcfg/policy` in Node (the "node" export condition): the policy
// module (the CEL engine, a WebAssembly module of its own) instantiated
// synchronously from its file on first use.
import { readFileSync } from 'node:fs';
import * as glue from './dist/policy.js';
import { bindPolicyApi } from './policy-api.js';

let ready = false;
function load() {
  if (!ready) {
    glue.initSync({ module: readFileSync(new URL('./dist/policy_bg.wasm', import.meta.url)) });
    ready = true;
  }
}

export const { checkPolicy, evaluate, version } = bindPolicyApi(glue, load);
/** Instantiates the module now (it is otherwise done on first use). */
export async function loadPolicies() {
  load();
}
