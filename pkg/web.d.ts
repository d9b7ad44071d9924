// Types of `auditcfg/web`: the same API, plus explicit initialisation (for
// bundlers or pages that want to choose where the .wasm comes from).
// Needs the DOM library (`"lib": ["dom", ...]`).

export * from './index.js';

/** Where the WebAssembly module comes from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Fetches and instantiates the module; call it once and await it before
 * any other function. Without an argument it loads `auditcfg_bg.wasm`
 * next to the JavaScript (also exported as `auditcfg/auditcfg_bg.wasm`).
 */
export default function init(options?: {
  module_or_path: InitInput | Promise<InitInput>;
}): Promise<WebAssembly.Exports>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): WebAssembly.Exports;
