// The asynchronous encryption functions (pkg/kdf.js): PBKDF2 in the host's
// WebCrypto when it has it, else the Rust KDF; the same key either way, so
// the results are interchangeable with the synchronous functions'.
import assert from 'node:assert/strict';
import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import { api, presetText, thrown } from './helpers.mjs';

const PROD = presetText('production');
const FAST = { name: 'PBKDF2', iterations: 1000 };
const SCRYPT = { name: 'scrypt', N: 1024, r: 8, p: 1 };
const SALT = '00112233445566778899aabbccddeeff';
const pretty = (text) => JSON.stringify(JSON.parse(text), null, 2);
const hex = (bytes) => Buffer.from(bytes).toString('hex');

function assertCode(e, code) {
  assert.ok(api.isAuditcfgError(e), String(e));
  assert.equal(e.code, code, e.message);
}

async function rejected(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

// Counts (or replaces) WebCrypto's deriveBits; restored after each test.
const subtle = globalThis.crypto.subtle;
let webCryptoCalls = 0;
function spyWebCrypto(replacement) {
  const original = Object.getPrototypeOf(subtle).deriveBits;
  Object.defineProperty(subtle, 'deriveBits', {
    configurable: true,
    writable: true,
    value:
      replacement === undefined
        ? function (...args) {
            webCryptoCalls++;
            return original.apply(this, args);
          }
        : replacement,
  });
}
afterEach(() => {
  delete subtle.deriveBits;
  webCryptoCalls = 0;
});

describe('deriveKeyAsync: WebCrypto and Rust give the same key', () => {
  const passwords = ['correct horse', '', 'pässwörd 🔐', 'x'.repeat(200)];
  const salts = [SALT, '0011223344556677', 'ff'.repeat(64)];

  test('PBKDF2: WebCrypto = Rust (wasm) = node:crypto pbkdf2Sync', async () => {
    spyWebCrypto();
    for (const pw of passwords) {
      for (const salt of salts) {
        for (const iterations of [1000, 4321]) {
          const kdf = { name: 'PBKDF2', iterations };
          const viaWebCrypto = await api.deriveKeyAsync(pw, salt, kdf);
          const viaRustAsync = await api.deriveKeyAsync(pw, salt, kdf, { webCrypto: false });
          const viaRust = api.deriveKey(pw, salt, kdf);
          const viaNode = pbkdf2Sync(Buffer.from(pw, 'utf8'), Buffer.from(salt, 'hex'), iterations, 32, 'sha256');
          assert.ok(viaWebCrypto instanceof Uint8Array && viaWebCrypto.length === 32);
          assert.equal(hex(viaWebCrypto), hex(viaNode), `${pw} ${salt} ${iterations}`);
          assert.equal(hex(viaRust), hex(viaNode));
          assert.equal(hex(viaRustAsync), hex(viaNode));
        }
      }
    }
    // One WebCrypto derivation per default call, none with webCrypto: false.
    assert.equal(webCryptoCalls, passwords.length * salts.length * 2);
  });

  test('scrypt always runs in Rust: = node:crypto scryptSync', async () => {
    spyWebCrypto();
    const key = await api.deriveKeyAsync('pw', SALT, SCRYPT);
    const node = scryptSync('pw', Buffer.from(SALT, 'hex'), 32, { N: 1024, r: 8, p: 1 });
    assert.equal(hex(key), hex(node));
    assert.equal(hex(api.deriveKey('pw', SALT, SCRYPT)), hex(node));
    assert.equal(webCryptoCalls, 0);
  });

  test('a host without WebCrypto, or whose WebCrypto fails, gets the Rust KDF', async () => {
    const expected = hex(api.deriveKey('pw', SALT, FAST));
    spyWebCrypto(null);
    assert.equal(hex(await api.deriveKeyAsync('pw', SALT, FAST)), expected);
    spyWebCrypto(() => Promise.reject(new Error('NotSupportedError')));
    assert.equal(hex(await api.deriveKeyAsync('pw', SALT, FAST)), expected);
  });

  test('arguments are checked as deriveKey checks them, before any work', async () => {
    spyWebCrypto();
    const cases = [
      ['pw', SALT, { name: 'PBKDF2', iterations: 999 }, 'KDF_PARAM_OUT_OF_BOUNDS'],
      ['pw', SALT, { name: 'PBKDF2', iterations: 20_000_000 }, 'KDF_PARAM_OUT_OF_BOUNDS'],
      ['pw', SALT, { name: 'scrypt', N: 1000, r: 8, p: 1 }, 'SCRYPT_N_NOT_POWER_OF_TWO'],
      ['pw', '0011', FAST, 'SALT_LENGTH'],
      ['pw', 'zz', FAST, 'INVALID_ARGUMENT'],
      ['a\ud800b', SALT, FAST, 'INVALID_ARGUMENT'],
      [42, SALT, FAST, 'INVALID_ARGUMENT'],
    ];
    for (const [pw, salt, kdf, code] of cases) {
      assertCode(thrown(() => api.deriveKey(pw, salt, kdf)), code);
      assertCode(await rejected(api.deriveKeyAsync(pw, salt, kdf)), code);
    }
    assert.equal(webCryptoCalls, 0);
  });
});

describe('encryptFileAsync / decryptFileAsync', () => {
  for (const webCrypto of [true, false]) {
    test(`interchangeable with the sync functions (webCrypto: ${webCrypto})`, async () => {
      spyWebCrypto();
      const file = await api.encryptFileAsync(PROD, 'correct horse', { kdf: FAST, webCrypto });
      const envelope = JSON.parse(file);
      assert.equal(envelope.algorithm, 'AES-256-GCM');
      assert.equal(envelope.kdf, 'PBKDF2');
      assert.equal(envelope.iterations, 1000);
      assert.match(envelope.salt, /^[0-9a-f]{64}$/);
      assert.equal(api.decryptFile(file, 'correct horse'), pretty(PROD));
      const syncFile = api.encryptFile(PROD, 'correct horse', { kdf: FAST, algorithm: 'AES-256-CBC' });
      assert.equal(await api.decryptFileAsync(syncFile, 'correct horse', { webCrypto }), pretty(PROD));
      assert.equal(webCryptoCalls, webCrypto ? 2 : 0);
    });
  }

  test('the default KDF (PBKDF2 600,000) and a given salt: the same key as encryptFile', async () => {
    const file = await api.encryptFileAsync(PROD, 'pw', { salt: SALT });
    const envelope = JSON.parse(file);
    assert.equal(envelope.salt, SALT);
    assert.equal(envelope.iterations, 600000);
    // The same key opens it as the sync derivation gives it.
    const key = api.deriveKey('pw', SALT, { name: 'PBKDF2', iterations: 600000 });
    assert.equal(api.decryptFileWithKey(file, key), pretty(PROD));
  });

  test("upstream's layout, scrypt, TOML", async () => {
    const upstream = { kdf: FAST, salt: SALT, embedParams: false };
    const file = await api.encryptFileAsync(PROD, 'pw', upstream);
    assert.deepEqual(Object.keys(JSON.parse(file)), ['algorithm', 'iv', 'data', 'authTag']);
    assertCode(await rejected(api.decryptFileAsync(file, 'pw')), 'MISSING_SALT');
    assert.equal(await api.decryptFileAsync(file, 'pw', { salt: SALT, kdf: FAST }), pretty(PROD));
    assert.equal(api.decryptFile(file, 'pw', { salt: SALT, kdf: FAST }), pretty(PROD));
    const toml = api.convert(PROD, 'toml');
    const scrypt = await api.encryptFileAsync(toml, 'pw', { kdf: SCRYPT });
    assert.deepEqual(api.inspectFile(scrypt).kdf, SCRYPT);
    assert.deepEqual(JSON.parse(api.decryptFile(scrypt, 'pw')), JSON.parse(PROD));
  });

  test('a wrong password: WRONG_PASSWORD_OR_MODIFIED, as decryptFile', async () => {
    const file = api.encryptFile(PROD, 'right', { kdf: FAST });
    assertCode(thrown(() => api.decryptFile(file, 'wrong')), 'WRONG_PASSWORD_OR_MODIFIED');
    assertCode(await rejected(api.decryptFileAsync(file, 'wrong')), 'WRONG_PASSWORD_OR_MODIFIED');
    assertCode(await rejected(api.decryptFileAsync(file, 'wrong', { webCrypto: false })), 'WRONG_PASSWORD_OR_MODIFIED');
  });

  test('every refusal has the sync function\'s code, and derives nothing', async () => {
    spyWebCrypto();
    const encryptCases = [
      [PROD, '', { kdf: FAST }],
      ['{"a": ', 'pw', { kdf: FAST }],
      [PROD, 'pw', { kdf: { name: 'PBKDF2', iterations: 10 } }],
      [PROD, 'pw', { kdf: FAST, salt: '0011' }],
      [PROD, 'pw', { kdf: FAST, embedParams: false }],
      [PROD, 'pw', { kdf: FAST, algorithm: 'AES-128-ECB' }],
      [PROD, 'pw', { kdf: FAST, colour: 'blue' }],
      [PROD, 'pw', 'options'],
      [PROD, 'p\udc00w', { kdf: FAST }],
      [PROD, 'pw', { kdf: { name: 'scrypt', N: 1 << 20, r: 8, p: 1 } }],
    ];
    for (const [text, pw, options] of encryptCases) {
      const sync = thrown(() => api.encryptFile(text, pw, options));
      assertCode(await rejected(api.encryptFileAsync(text, pw, options)), sync.code);
    }
    const decryptCases = [
      ['not json', 'pw', undefined],
      ['{"data": "abcd"}', 'pw', undefined],
      [PROD, 'pw', undefined],
      [api.encryptFile(PROD, 'pw', { kdf: FAST }).replace('"iterations": 1000', '"iterations": 99'), 'pw', undefined],
      [api.encryptFile(PROD, 'pw', { kdf: FAST }), 'pw', { nope: 1 }],
    ];
    for (const [text, pw, options] of decryptCases) {
      const sync = thrown(() => api.decryptFile(text, pw, options));
      assertCode(await rejected(api.decryptFileAsync(text, pw, options)), sync.code);
    }
    assert.equal(webCryptoCalls, 0);
  });

  test('an aborted signal rejects with its reason', async () => {
    const before = AbortSignal.abort(new Error('stopped before'));
    assert.equal((await rejected(api.encryptFileAsync(PROD, 'pw', { kdf: FAST, signal: before }))).message, 'stopped before');
    const controller = new AbortController();
    const pending = api.encryptFileAsync(PROD, 'pw', { signal: controller.signal });
    controller.abort(new Error('stopped during'));
    assert.equal((await rejected(pending)).message, 'stopped during');
  });

  test('the event loop runs while WebCrypto derives (PBKDF2 600,000)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const file = await api.encryptFileAsync(PROD, 'pw');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    assert.equal(JSON.parse(file).iterations, 600000);
    // A blocked loop would tick at most once, after the derivation.
    assert.ok(ticks >= 2, `${ticks} ticks in ${elapsed.toFixed(0)} ms`);
  });
});

describe('encryptFieldsAsync / decryptFieldsAsync', () => {
  for (const webCrypto of [true, false]) {
    test(`interchangeable with the sync functions (webCrypto: ${webCrypto})`, async () => {
      spyWebCrypto();
      const sealed = await api.encryptFieldsAsync(PROD, 'pw', { kdf: FAST, salt: SALT, webCrypto });
      assert.match(sealed, /enc:v1:/);
      assert.deepEqual(JSON.parse(api.decryptFields(sealed, 'pw')), JSON.parse(PROD));
      const syncSealed = api.encryptFields(PROD, 'pw', { kdf: FAST });
      assert.deepEqual(JSON.parse(await api.decryptFieldsAsync(syncSealed, 'pw', { webCrypto })), JSON.parse(PROD));
      assert.equal(webCryptoCalls, webCrypto ? 2 : 0);
    });
  }

  test('the same MAC as encryptFields given the same salt and KDF', async () => {
    const a = JSON.parse(await api.encryptFieldsAsync(PROD, 'pw', { kdf: FAST, salt: SALT }));
    const b = JSON.parse(api.encryptFields(PROD, 'pw', { kdf: FAST, salt: SALT }));
    // The nonces are random, so the ciphertexts (and the MACs and the
    // per-value digests over them) differ; the metadata's parameters and
    // the set of digested paths do not, and each opens the other's way.
    const { mac: macA, digests: digA, ...metaA } = a.$auditcfgEncryption;
    const { mac: macB, digests: digB, ...metaB } = b.$auditcfgEncryption;
    assert.deepEqual(metaA, metaB);
    assert.deepEqual(Object.keys(digA ?? {}).sort(), Object.keys(digB ?? {}).sort());
    assert.match(macA, /^[0-9a-f]{64}$/);
    assert.match(macB, /^[0-9a-f]{64}$/);
    assert.deepEqual(JSON.parse(await api.decryptFieldsAsync(JSON.stringify(b), 'pw')), JSON.parse(PROD));
  });

  test('TOML in, TOML out; extraPointers; previous (runs encryptFields)', async () => {
    const toml = api.convert(PROD, 'toml');
    const sealed = await api.encryptFieldsAsync(toml, 'pw', { kdf: FAST, extraPointers: ['/environment'] });
    assert.equal(api.parse(sealed).format, 'toml');
    assert.match(api.parse(sealed).value.environment, /^enc:v1:/);
    assert.equal(await api.decryptFieldsAsync(sealed, 'pw'), api.decryptFields(sealed, 'pw'));
    const first = await api.encryptFieldsAsync(toml, 'pw', { kdf: FAST });
    assert.equal(await api.encryptFieldsAsync(toml, 'pw', { previous: first }), first);
  });

  test('a wrong password and the other refusals: the sync codes', async () => {
    const sealed = api.encryptFields(PROD, 'right', { kdf: FAST });
    for (const webCrypto of [true, false]) {
      assertCode(await rejected(api.decryptFieldsAsync(sealed, 'wrong', { webCrypto })), 'WRONG_PASSWORD_OR_MODIFIED');
    }
    const encryptCases = [
      [PROD, '', { kdf: FAST }],
      ['[1, 2]', 'pw', { kdf: FAST }],
      [sealed, 'pw', { kdf: FAST }],
      [PROD, 'pw', { kdf: FAST, extraPointers: ['/nope/nothing'] }],
      [PROD, 'pw', { kdf: FAST, salt: 'abcd' }],
    ];
    for (const [text, pw, options] of encryptCases) {
      const sync = thrown(() => api.encryptFields(text, pw, options));
      assertCode(await rejected(api.encryptFieldsAsync(text, pw, options)), sync.code);
    }
    for (const text of [PROD, '{"a": ']) {
      const sync = thrown(() => api.decryptFields(text, 'pw'));
      assertCode(await rejected(api.decryptFieldsAsync(text, 'pw')), sync.code);
    }
  });
});

describe('the building blocks', () => {
  test('…Params then …WithKey equals the one-shot functions', () => {
    const params = api.encryptFileParams(PROD, 'pw', { kdf: FAST, salt: SALT.toUpperCase() });
    assert.deepEqual(params, { salt: SALT, kdf: FAST });
    const drawn = api.encryptFileParams(PROD, 'pw', { kdf: SCRYPT });
    assert.match(drawn.salt, /^[0-9a-f]{64}$/);
    assert.deepEqual(drawn.kdf, SCRYPT);
    const key = api.deriveKey('pw', params.salt, params.kdf);
    const file = api.encryptFileWithKey(PROD, key, { kdf: FAST, salt: SALT });
    assert.deepEqual(api.decryptFileParams(file, 'pw'), params);
    assert.equal(api.decryptFile(file, 'pw'), pretty(PROD));
    const sealed = api.encryptFieldsWithKey(PROD, key, { kdf: FAST, salt: SALT });
    assert.deepEqual(api.decryptFieldsParams(sealed, 'pw'), params);
    assert.equal(api.decryptFieldsWithKey(sealed, key), api.decryptFields(sealed, 'pw'));
    assert.deepEqual(api.keyParams('pw', SALT, FAST), params);
  });

  test('a key must be 32 bytes; …WithKey needs the salt', () => {
    const file = api.encryptFile(PROD, 'pw', { kdf: FAST });
    for (const key of [new Uint8Array(31), 'k'.repeat(32), [...new Uint8Array(32)], null]) {
      assertCode(thrown(() => api.decryptFileWithKey(file, key)), 'INVALID_ARGUMENT');
    }
    assertCode(thrown(() => api.decryptFileWithKey(file, new Uint8Array(32))), 'WRONG_PASSWORD_OR_MODIFIED');
    assertCode(thrown(() => api.encryptFileWithKey(PROD, new Uint8Array(32), { kdf: FAST })), 'SALT_REQUIRED');
    assertCode(thrown(() => api.encryptFieldsWithKey(PROD, new Uint8Array(32), {})), 'SALT_REQUIRED');
    assertCode(thrown(() => api.encryptFieldsParams(PROD, 'pw', { previous: PROD })), 'INVALID_ARGUMENT');
  });
});
