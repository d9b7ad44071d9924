// Whole-file and field-level encryption through the package. Fast KDF
// parameters: the defaults (PBKDF2 600,000) are for real files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText, thrown } from './helpers.mjs';

const PROD = presetText('production');
const FAST = { name: 'PBKDF2', iterations: 1000 };
const SALT = '00112233445566778899aabbccddeeff';
const pretty = (text) => JSON.stringify(JSON.parse(text), null, 2);

function assertCode(e, code) {
  assert.ok(api.isAuditcfgError(e), String(e));
  assert.equal(e.code, code, e.message);
}

describe('encryptFile / decryptFile', () => {
  test('GCM round trip; the plaintext is JSON.stringify(config, null, 2)', () => {
    const file = api.encryptFile(PROD, 'correct horse', { kdf: FAST });
    const envelope = JSON.parse(file);
    assert.equal(envelope.algorithm, 'AES-256-GCM');
    assert.match(envelope.iv, /^[0-9a-f]{32}$/);
    assert.match(envelope.authTag, /^[0-9a-f]{32}$/);
    assert.equal(envelope.kdf, 'PBKDF2');
    assert.doesNotMatch(file, /encryptionKey|rediss:/);
    assert.equal(api.decryptFile(file, 'correct horse'), pretty(PROD));
  });

  test('CBC, scrypt, TOML input', () => {
    const toml = api.convert(PROD, 'toml');
    const file = api.encryptFile(toml, 'pw', { algorithm: 'AES-256-CBC', kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
    assert.equal(JSON.parse(file).algorithm, 'AES-256-CBC');
    assert.deepEqual(api.inspectFile(file).kdf, { name: 'scrypt', N: 1024, r: 8, p: 1 });
    // TOML lists tables after plain keys: same document, another key order.
    const plaintext = api.decryptFile(file, 'pw');
    assert.deepEqual(JSON.parse(plaintext), JSON.parse(PROD));
    assert.equal(plaintext, api.convert(toml, 'json'));
  });

  test("upstream's layout: no parameters in the file, salt supplied to decrypt", () => {
    const upstream = { kdf: { name: 'PBKDF2', iterations: 100000 }, salt: SALT, embedParams: false };
    const file = api.encryptFile(PROD, 'pw', upstream);
    assert.deepEqual(Object.keys(JSON.parse(file)), ['algorithm', 'iv', 'data', 'authTag']);
    assertCode(thrown(() => api.decryptFile(file, 'pw')), 'MISSING_SALT');
    assert.equal(api.decryptFile(file, 'pw', { salt: SALT }), pretty(PROD));
  });

  test("without embedded parameters the server's defaults apply both ways", () => {
    // Written with no KDF named: what the server reads (PBKDF2, 100,000).
    const file = api.encryptFile(PROD, 'pw', { salt: SALT, embedParams: false });
    const key = api.deriveKey('pw', SALT, { name: 'PBKDF2', iterations: 100000 });
    assert.equal(api.decryptFileWithKey(file, key), pretty(PROD));
    assert.equal(api.decryptFile(file, 'pw', { salt: SALT }), pretty(PROD));
    // scrypt without parameters in the file: only Node's N = 16384.
    assertCode(
      thrown(() => api.encryptFile(PROD, 'pw', { salt: SALT, embedParams: false, kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 } })),
      'SERVER_SCRYPT_ONLY',
    );
    // A failure names what was tried.
    const err = thrown(() => api.decryptFile(file, 'wrong', { salt: SALT }));
    assertCode(err, 'WRONG_PASSWORD_OR_MODIFIED');
    assert.match(err.message, /tried PBKDF2-HMAC-SHA256 with 100,000 iterations/);
  });

  test('inspectFile tells the kinds apart without a password', () => {
    const file = api.encryptFile(PROD, 'pw', { kdf: FAST, salt: SALT });
    assert.deepEqual(api.inspectFile(file), {
      kind: 'gcm',
      salt: SALT,
      kdf: FAST,
      ciphertextLength: Buffer.byteLength(pretty(PROD)),
    });
    assert.deepEqual(api.inspectFile(PROD), { kind: 'notEncrypted' });
    assert.deepEqual(api.inspectFile('{"data": "abcd"}'), { kind: 'kms' });
    const invalid = api.inspectFile('not json');
    assert.equal(invalid.kind, 'invalid');
    assert.equal(invalid.code, 'NOT_JSON');
  });

  test('errors carry codes and never the password or plaintext', () => {
    const file = api.encryptFile(PROD, 'secret-pw', { kdf: FAST });
    const wrong = thrown(() => api.decryptFile(file, 'wrong-pw'));
    assertCode(wrong, 'WRONG_PASSWORD_OR_MODIFIED');
    assert.doesNotMatch(wrong.message, /secret-pw|wrong-pw/);
    const tampered = JSON.parse(file);
    tampered.data = (tampered.data[0] === 'a' ? 'b' : 'a') + tampered.data.slice(1);
    assertCode(thrown(() => api.decryptFile(JSON.stringify(tampered), 'secret-pw')), 'WRONG_PASSWORD_OR_MODIFIED');
    assertCode(thrown(() => api.encryptFile(PROD, '', { kdf: FAST })), 'EMPTY_PASSWORD');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: { name: 'PBKDF2', iterations: 10 } })), 'KDF_PARAM_OUT_OF_BOUNDS');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: { name: 'scrypt', N: 1000, r: 8, p: 1 } })), 'SCRYPT_N_NOT_POWER_OF_TWO');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: { name: 'scrypt', N: 2 ** 20, r: 32, p: 1 } })), 'SCRYPT_MEMORY');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: FAST, salt: '0011' })), 'SALT_LENGTH');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: FAST, salt: 'zz' })), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: FAST, embedParams: false })), 'SALT_REQUIRED');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { algorithm: 'ROT13' })), 'UNSUPPORTED_ALGORITHM');
    assertCode(thrown(() => api.encryptFile(PROD, 'pw', { kdf: { name: 'argon2' } })), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.encryptFile('{', 'pw')), 'SYNTAX');
    assertCode(thrown(() => api.decryptFile(PROD, 'pw')), 'NOT_ENCRYPTED');
    assertCode(thrown(() => api.decryptFile('{"data": "abcd"}', 'pw')), 'KMS_ENCRYPTED');
    assertCode(thrown(() => api.decryptFile('nope', 'pw')), 'NOT_JSON');
  });
});

describe('encryptFields / decryptFields', () => {
  test('secrets sealed in place, the rest readable, round trip', () => {
    const sealed = api.encryptFields(PROD, 'pw', { kdf: FAST });
    const doc = JSON.parse(sealed);
    const plain = JSON.parse(PROD);
    assert.match(doc.security.encryptionKey, /^enc:v1:/);
    assert.match(doc.redis.url, /^enc:v1:/);
    assert.equal(doc.worker.concurrency, plain.worker.concurrency);
    const meta = doc.$auditcfgEncryption;
    assert.equal(meta.cipher, 'AES-256-GCM');
    assert.ok(meta.sealed.includes('/security/encryptionKey'));
    assert.match(meta.mac, /^[0-9a-f]{64}$/);
    assert.equal(api.decryptFields(sealed, 'pw'), pretty(PROD));
    // The sealed document is still a config: it validates.
    assert.equal(api.validate(sealed).format, 'json');
  });

  test('previous: unchanged secrets keep their ciphertext', () => {
    const v1 = api.encryptFields(PROD, 'pw', { kdf: FAST });
    const next = JSON.parse(PROD);
    next.redis.url = 'rediss://other:6380';
    const v2 = JSON.parse(api.encryptFields(JSON.stringify(next), 'pw', { previous: v1 }));
    const old = JSON.parse(v1);
    assert.equal(v2.security.encryptionKey, old.security.encryptionKey);
    assert.notEqual(v2.redis.url, old.redis.url);
    // Only the changed secret shows in a diff of the two sealed texts.
    const d = api.diff(v1, JSON.stringify(v2, null, 2));
    assert.ok(d.changes.some((c) => c.path === '/redis/url' && c.impact.kind === 'secretChanged'));
    assert.ok(!d.changes.some((c) => c.path === '/security/encryptionKey'));
  });

  test('TOML stays TOML; extraPointers', () => {
    const toml = api.convert(PROD, 'toml');
    const sealed = api.encryptFields(toml, 'pw', { kdf: FAST, extraPointers: ['/worker/queueName'] });
    assert.equal(api.parse(sealed).format, 'toml');
    assert.match(api.parse(sealed).value.worker.queueName, /^enc:v1:/);
    assert.deepEqual(api.parse(api.decryptFields(sealed, 'pw')).value, JSON.parse(PROD));
  });

  test('errors', () => {
    const sealed = api.encryptFields(PROD, 'pw', { kdf: FAST });
    assertCode(thrown(() => api.decryptFields(sealed, 'nope')), 'WRONG_PASSWORD_OR_MODIFIED');
    const tampered = JSON.parse(sealed);
    tampered.worker.concurrency += 1;
    assertCode(thrown(() => api.decryptFields(JSON.stringify(tampered), 'pw')), 'WRONG_PASSWORD_OR_MODIFIED');
    // A sealed document, edited or not, is resealed: every sealed value
    // verified with the password, the MAC recomputed over the edits.
    const resealed = api.encryptFields(JSON.stringify(tampered), 'pw');
    assert.equal(api.parse(api.decryptFields(resealed, 'pw')).value.worker.concurrency, tampered.worker.concurrency);
    assertCode(thrown(() => api.encryptFields(JSON.stringify(tampered), 'nope')), 'WRONG_PASSWORD_OR_MODIFIED');
    assertCode(thrown(() => api.encryptFields(sealed, 'pw', { kdf: FAST, previous: sealed })), 'ALREADY_SEALED');
    assertCode(thrown(() => api.decryptFields(PROD, 'pw')), 'NOT_SEALED');
    assertCode(thrown(() => api.encryptFields('[1]', 'pw', { kdf: FAST })), 'NOT_AN_OBJECT');
    assertCode(thrown(() => api.encryptFields(PROD, 'pw', { kdf: FAST, extraPointers: ['/nope'] })), 'POINTER_NOT_FOUND');
    assertCode(thrown(() => api.encryptFields(PROD, 'pw', { kdf: FAST, previous: PROD })), 'NOT_SEALED');
    assertCode(thrown(() => api.encryptFields(PROD, 'pw', { kdf: FAST, extra: [] })), 'INVALID_ARGUMENT');
  });
});
