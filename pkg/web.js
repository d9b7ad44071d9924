// `auditcfg/web`: wasm-bindgen's --target web glue (call `init()` or
// `initSync()` first) and the asynchronous encryption functions (kdf.js)
// bound to it.
import * as wasm from './dist/web.js';
import { bindAsync } from './kdf.js';

export { default } from './dist/web.js';
export * from './dist/web.js';
export const { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync } =
  bindAsync(wasm);
export { explain } from './docs.js';
