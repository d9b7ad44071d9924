// The asynchronous encryption functions, shared by every entry point
// (node.js, browser.js, web.js, bundler.js): each binds them to its
// instance of the WebAssembly glue with `bindAsync`.
//
// The key derivation is the slow part (PBKDF2 600,000 iterations: about a
// second). With PBKDF2 it runs in the host's WebCrypto
// (`crypto.subtle.deriveBits`: native, off the main thread) when the host
// has it; otherwise (no WebCrypto, WebCrypto failed, `webCrypto: false`, or
// scrypt, which WebCrypto lacks) the Rust implementation runs here, after
// one macrotask so that a page can paint first. Either way the key is the
// same 32 bytes, so the results are those of the synchronous functions.
// Everything else (checks, parsing, the cipher) is the Rust core's.

/** Does the host have WebCrypto's deriveBits? */
function hasWebCrypto() {
  return typeof globalThis.crypto?.subtle?.deriveBits === 'function';
}

/** Resolves at the next macrotask (a page paints meanwhile). */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Hex (already checked by the core) to bytes. */
function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function raceAbort(promise, signal) {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          if (v instanceof Uint8Array) v.fill(0);
          reject(signal.reason);
        } else {
          resolve(v);
        }
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** PBKDF2-HMAC-SHA256, 32 bytes, in WebCrypto. */
async function webCryptoPbkdf2(password, saltHex, iterations) {
  const subtle = globalThis.crypto.subtle;
  // The core has refused lone surrogates: these are the bytes it derives from.
  const raw = new TextEncoder().encode(password);
  try {
    const base = await subtle.importKey('raw', raw, 'PBKDF2', false, ['deriveBits']);
    const params = { name: 'PBKDF2', hash: 'SHA-256', salt: hexBytes(saltHex), iterations };
    return new Uint8Array(await subtle.deriveBits(params, base, 256));
  } finally {
    raw.fill(0);
  }
}

/** Splits the async-only options from those the core reads. */
function split(options) {
  if (options === undefined || options === null) return [undefined, {}];
  // Not an object: the core refuses it with its usual INVALID_ARGUMENT.
  if (typeof options !== 'object' || Array.isArray(options)) return [options, {}];
  const { webCrypto, signal, ...rest } = options;
  return [rest, { webCrypto, signal }];
}

/** The asynchronous functions over one instance `w` of the glue. */
export function bindAsync(w) {
  /** The key of `password` and `params` ({salt, kdf}, checked by the core). */
  async function derive(password, params, { webCrypto = true, signal } = {}) {
    signal?.throwIfAborted();
    if (webCrypto !== false && params.kdf.name === 'PBKDF2' && hasWebCrypto()) {
      try {
        const key = await raceAbort(webCryptoPbkdf2(password, params.salt, params.kdf.iterations), signal);
        if (key.length === 32) return key;
      } catch (e) {
        if (signal?.aborted) throw e;
        // WebCrypto refused (an old engine, a policy): the Rust KDF below.
      }
    }
    await nextTask();
    signal?.throwIfAborted();
    return w.deriveKey(password, params.salt, params.kdf);
  }

  async function deriveKeyAsync(password, salt, kdf, options) {
    const params = w.keyParams(password, salt, kdf);
    return derive(password, params, options ?? {});
  }

  async function encryptFileAsync(text, password, options) {
    const [rest, kdfOptions] = split(options);
    const params = w.encryptFileParams(text, password, rest);
    const key = await derive(password, params, kdfOptions);
    try {
      return w.encryptFileWithKey(text, key, { ...rest, salt: params.salt, kdf: params.kdf });
    } finally {
      key.fill(0);
    }
  }

  async function decryptFileAsync(fileText, password, options) {
    const [rest, kdfOptions] = split(options);
    const params = w.decryptFileParams(fileText, password, rest);
    const key = await derive(password, params, kdfOptions);
    try {
      return w.decryptFileWithKey(fileText, key);
    } finally {
      key.fill(0);
    }
  }

  async function encryptFieldsAsync(text, password, options) {
    const [rest, kdfOptions] = split(options);
    if (rest !== undefined && typeof rest === 'object' && rest.previous !== undefined) {
      // Reusing a previous version's ciphertexts needs the core's one-shot
      // function (its KDF runs here, after one macrotask).
      await nextTask();
      kdfOptions.signal?.throwIfAborted();
      return w.encryptFields(text, password, rest);
    }
    const params = w.encryptFieldsParams(text, password, rest);
    const key = await derive(password, params, kdfOptions);
    try {
      return w.encryptFieldsWithKey(text, key, { ...rest, salt: params.salt, kdf: params.kdf });
    } finally {
      key.fill(0);
    }
  }

  async function decryptFieldsAsync(text, password, options) {
    const [rest, kdfOptions] = split(options);
    const params = w.decryptFieldsParams(text, password, rest);
    const key = await derive(password, params, kdfOptions);
    try {
      return w.decryptFieldsWithKey(text, key, rest);
    } finally {
      key.fill(0);
    }
  }

  return { deriveKeyAsync, encryptFileAsync, decryptFileAsync, encryptFieldsAsync, decryptFieldsAsync };
}
