// `auditcfg/bundler` (and the `default` condition): wasm-bindgen's
// --target bundler glue, which imports the .wasm as a WebAssembly ES
// module, and the asynchronous encryption functions (kdf.js) bound to it.
import * as wasm from './dist/auditcfg.js';
import { bindAsync } from './kdf.js';

export * from './dist/auditcfg.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
