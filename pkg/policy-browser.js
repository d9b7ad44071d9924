// `auditcfg/policy` in browsers and bundlers: the policy module (the CEL
// engine, a WebAssembly module of its own) carried inside a same-origin
// ES module (dist/policy_wasm.js, deflated, in base64) and
// instantiated when this module loads: no fetch(), so a page whose CSP
// says `connect-src 'none'` can load it (script-src needs 'self' and
// 'wasm-unsafe-eval'). The main entry imports this module dynamically on
// `loadPolicies()`.
import * as glue from './dist/policy.js';
import bytes from './dist/policy_wasm.js';
import { bindPolicyApi } from './policy-api.js';

glue.initSync({ module: bytes });

export const { checkPolicy, evaluate, version } = bindPolicyApi(glue);
/** Nothing left to do: the module is instantiated when imported. */
export async function loadPolicies() {}
