// Hostile input from JavaScript (issue #8): bytes instead of text, strings
// with lone surrogates, huge and deep documents, wrong-typed arguments and
// options; and secrets under attack: marker strings in every secret must
// not appear in any output that is not meant to carry values, nor in any
// thrown error.
//
// Every call must either return or throw an `AuditcfgError` with a code:
// never a `TypeError`, never a `WebAssembly.RuntimeError` (a Rust panic,
// which would also leave the module unusable).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText } from './helpers.mjs';

const TEST = presetText('test');
const PROD = presetText('production');
const FAST = { kdf: { name: 'PBKDF2', iterations: 1000 } };

/** Runs `f`; returns `{value}` or `{error}`; fails on anything but an AuditcfgError. */
function attempt(what, f) {
  try {
    return { value: f() };
  } catch (e) {
    assert.ok(
      api.isAuditcfgError(e),
      `${what}: threw ${e?.constructor?.name}: ${e?.message ?? e} (expected an AuditcfgError or a result)`,
    );
    assert.equal(typeof e.code, 'string', what);
    return { error: e };
  }
}

/** The module still works (a wasm panic would have poisoned it). */
function assertAlive() {
  assert.equal(api.validate(TEST).format, 'json');
}

/** Every text-taking function, called with `text` in the text position. */
function textCalls(text) {
  return [
    ['validate', () => api.validate(text)],
    ['parse', () => api.parse(text)],
    ['convert', () => api.convert(text, 'toml')],
    ['mask', () => api.mask(text)],
    ['diff a', () => api.diff(text, TEST)],
    ['diff b', () => api.diff(TEST, text)],
    ['toJsonPatch', () => api.toJsonPatch(text, TEST)],
    ['applyPatch', () => api.applyPatch(text, [])],
    ['merge base', () => api.merge(text, '{}')],
    ['merge overlay', () => api.merge(TEST, text)],
    ['encryptFile', () => api.encryptFile(text, 'pw', FAST)],
    ['decryptFile', () => api.decryptFile(text, 'pw')],
    ['encryptFields', () => api.encryptFields(text, 'pw', FAST)],
    ['decryptFields', () => api.decryptFields(text, 'pw')],
    ['inspectFile', () => api.inspectFile(text)],
  ];
}

describe('bytes are not text', () => {
  const bytes = [
    ['Uint8Array of valid UTF-8', new TextEncoder().encode(TEST)],
    ['Uint8Array with 0xFF', Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    ['Buffer', Buffer.from('{"a": 1}')],
    ['ArrayBuffer', new ArrayBuffer(8)],
    ['String object', new String('{}')], // eslint-disable-line no-new-wrappers
    ['number', 42],
    ['null', null],
    ['undefined', undefined],
    ['object with toString', { toString: () => TEST }],
  ];
  for (const [what, value] of bytes) {
    test(`${what} is refused by every function with INVALID_ARGUMENT`, () => {
      for (const [name, f] of textCalls(value)) {
        const r = attempt(`${name}(${what})`, f);
        if (name === 'inspectFile' && r.value !== undefined) continue;
        assert.ok(r.error, `${name}(${what}) accepted a non-string`);
        assert.equal(r.error.code, 'INVALID_ARGUMENT', `${name}(${what}): ${r.error.message}`);
        assert.match(r.error.message, /must be a string/, name);
      }
      assertAlive();
    });
  }

  test('invalid UTF-8 decoded by the caller: fatal decoding throws, lossy decoding is visible', () => {
    const bad = Uint8Array.from([...new TextEncoder().encode('{"environment": "te'), 0xff, 0xfe, ...new TextEncoder().encode('st"}')]);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bad), TypeError);
    // Lossy decoding gives U+FFFD, a real character: validated as text, the
    // replacement characters stay in the value (nothing is dropped).
    const lossy = new TextDecoder('utf-8').decode(bad);
    const r = api.parse(lossy);
    assert.equal(r.ok, true);
    assert.equal(r.value.environment, 'te\uFFFD\uFFFDst');
    const v = api.validate(lossy);
    assert.ok(v.diagnostics.some((d) => d.path === '/environment'), 'the mangled environment is reported');
  });
});

describe('strings with lone surrogates', () => {
  const cases = [
    ['a lone high surrogate in a value', `{"environment": "test", "version": "1.0\uD800"}`, 39],
    ['a lone low surrogate in a key', `{"\uDC00": 1}`, 2],
    ['a high surrogate at the very end', `{"a": 1}\uDBFF`, 8],
    ['after an emoji (index counts UTF-16 units)', `{"a": "😀\uDC00"}`, 9],
  ];
  for (const [what, text, index] of cases) {
    test(`${what}: refused with its index, never silently replaced`, () => {
      for (const [name, f] of textCalls(text)) {
        const r = attempt(name, f);
        assert.ok(r.error, `${name} accepted ${what}: ${JSON.stringify(r.value)?.slice(0, 200)}`);
        assert.equal(r.error.code, 'INVALID_ARGUMENT', `${name}: ${r.error.message}`);
        assert.match(r.error.message, /lone surrogate U\+D[89A-F][0-9A-F]{2} at index (\d+)/, name);
        assert.equal(Number(/at index (\d+)/.exec(r.error.message)[1]), index, `${name}: ${r.error.message}`);
      }
      assertAlive();
    });
  }

  test('a password with a lone surrogate is refused (it would derive the key of U+FFFD)', () => {
    const r = attempt('encryptFile', () => api.encryptFile(TEST, 'pass\uD800word', FAST));
    assert.equal(r.error?.code, 'INVALID_ARGUMENT');
    const sealed = api.encryptFields(PROD, 'pw', FAST);
    const r2 = attempt('decryptFields', () => api.decryptFields(sealed, 'p\uDFFFw'));
    assert.equal(r2.error?.code, 'INVALID_ARGUMENT');
  });

  test('well-formed pairs and U+FFFD itself are accepted unchanged', () => {
    const text = `{"a": "😀 \uD83D\uDE00 \uFFFD"}`;
    assert.equal(api.parse(text).value.a, '😀 😀 \uFFFD');
    assert.match(api.convert(text, 'toml'), /😀 😀 \uFFFD/);
  });

  // From 1,024 code units on, the package encodes a string with the
  // platform's TextEncoder instead of wasm-bindgen's copy loop (issue #15):
  // the same checks and the same bytes on that path.
  test('large strings: a lone surrogate is refused with its index; non-ASCII text arrives unchanged', () => {
    const pad = ' '.repeat(70000);
    const bad = `{"a": "é${pad}\uD800"}`;
    const r = attempt('validate', () => api.validate(bad));
    assert.equal(r.error?.code, 'INVALID_ARGUMENT', r.error?.message);
    assert.equal(Number(/at index (\d+)/.exec(r.error.message)?.[1]), bad.indexOf('\uD800'));
    const good = `{"a": "😀 é \uFFFD${pad}ü"}`;
    assert.equal(api.parse(good).value.a, `😀 é \uFFFD${pad}ü`);
    // Positions after the non-ASCII prefix count as on the small path.
    const doc = `{"environment": "test", "é😀": "${pad}", "version": 7}`;
    const small = `{"environment": "test", "é😀": "", "version": 7}`;
    const at = (t) => api.validate(t).diagnostics.find((d) => d.path === '/version');
    assert.ok(at(small), 'the wrong type of version is reported');
    assert.equal(at(doc).range.start.columnUtf16 - at(small).range.start.columnUtf16, pad.length);
    assert.equal(at(doc).range.start.offset - at(small).range.start.offset, pad.length);
    assertAlive();
  });

  test('lone surrogates inside options and patches are refused too', () => {
    const r = attempt('validate', () => api.validate(TEST, { environment: 'prod\uD800' }));
    assert.ok(r.error, 'accepted');
    const p = attempt('applyPatch', () => api.applyPatch(TEST, [{ op: 'add', path: '/x', value: '\uD800' }]));
    assert.ok(p.error, 'accepted');
    assert.equal(p.error.code, 'INVALID_ARGUMENT');
    assertAlive();
  });
});

describe('huge and deep inputs', () => {
  /** Runs `f`, returns [result, wall milliseconds, CPU milliseconds]. */
  function timed(f) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = f();
    const used = process.cpuUsage(cpu);
    return [r, performance.now() - t, (used.user + used.system) / 1000];
  }
  // Bounds are for hang detection only (a shared CI machine is slow: the
  // 20 MB validation takes about 3 s of CPU, and up to 90 s of wall time
  // when two other builds share the 2 cores).
  const HANG_MS = 300_000;

  test('100,000 levels of nesting: a syntax finding, no stack overflow', () => {
    const deep = [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      '['.repeat(100_000),
      'a = ' + '['.repeat(100_000) + ']'.repeat(100_000),
      'a = ' + '{b = '.repeat(100_000) + '1' + '}'.repeat(100_000),
      Array(100_000).fill('a').join('.') + ' = 1\n',
    ];
    for (const text of deep) {
      const [r, ms] = timed(() => api.validate(text));
      assert.ok(ms < HANG_MS, `${ms} ms`);
      assert.deepEqual(r.diagnostics.map((d) => d.code), ['AC001'], text.slice(0, 20));
      assert.equal(api.parse(text).ok, false);
      for (const [name, f] of textCalls(text)) {
        const res = attempt(name, f);
        if (res.error) assert.notEqual(res.error.code, 'INTERNAL', name);
      }
    }
    assertAlive();
  });

  test('a 20 MB document validates, parses and masks, keeping every record', () => {
    const doc = JSON.parse(TEST);
    doc.auditTrail = Array.from({ length: 200_000 }, (_, i) => ({
      id: `evt-${String(i).padStart(8, '0')}`,
      action: 'read',
      resource: `patient/${i}`,
      ok: true,
    }));
    const text = JSON.stringify(doc, null, 2);
    assert.ok(text.length > 20 * 1024 * 1024, `${text.length}`);
    const [r, ms, cpu] = timed(() => api.validate(text));
    assert.ok(ms < HANG_MS, `validate: ${ms} ms`);
    assert.ok(r.diagnostics.some((d) => d.code === 'AC318' && d.path === '/auditTrail'));
    const parsed = api.parse(text);
    assert.equal(parsed.value.auditTrail.length, 200_000);
    assert.deepEqual(parsed.value.auditTrail[199_999], doc.auditTrail[199_999]);
    assert.equal(JSON.parse(api.mask(text)).auditTrail.length, 200_000);
    console.log(`# ${(text.length / 2 ** 20).toFixed(1)} MiB: validate ${Math.round(ms)} ms wall, ${Math.round(cpu)} ms CPU`);
  });

  test('a 1 MB string, a 100 KB key, a 1,000,000-digit number', () => {
    const doc = JSON.parse(TEST);
    doc.version = '9'.repeat(1 << 20);
    doc['k'.repeat(100 * 1024)] = 1;
    const text = JSON.stringify(doc);
    const r = api.validate(text);
    assert.ok(r.diagnostics.some((d) => d.code === 'AC318'));
    assert.equal(api.parse(text).value.version.length, 1 << 20);
    const digits = TEST.replace('"connectTimeout": 10000', `"connectTimeout": 1${'0'.repeat(1 << 20)}`);
    const d = api.validate(digits).diagnostics;
    assert.deepEqual(d.map((x) => x.code), ['AC001']);
    assert.match(d[0].message, /out of range/);
    assertAlive();
  });
});

describe('wrong-typed arguments and options', () => {
  const badOptions = [5, 'json', true, [], [1], () => 1, Symbol('s'), { bogus: 1 }];
  const optionCalls = (o) => [
    ['validate', () => api.validate(TEST, o)],
    ['parse', () => api.parse(TEST, o)],
    ['convert', () => api.convert(TEST, 'toml', o)],
    ['mask', () => api.mask(TEST, o)],
    ['diff', () => api.diff(TEST, TEST, o)],
    ['toJsonPatch', () => api.toJsonPatch(TEST, TEST, o)],
    ['applyPatch', () => api.applyPatch(TEST, [], o)],
    ['merge', () => api.merge(TEST, '{}', o)],
    ['encryptFile', () => api.encryptFile(TEST, 'pw', o)],
    ['encryptFields', () => api.encryptFields(TEST, 'pw', o)],
  ];

  test('options that are not objects, or carry unknown keys, throw INVALID_ARGUMENT', () => {
    for (const o of badOptions) {
      for (const [name, f] of optionCalls(o)) {
        const r = attempt(`${name}(${String(o)})`, f);
        // A function or a symbol is no options object either.
        assert.ok(r.error, `${name} accepted options ${String(o)}`);
        assert.equal(r.error.code, 'INVALID_ARGUMENT', `${name}: ${r.error.message}`);
      }
    }
    assertAlive();
  });

  test('option fields of the wrong type throw INVALID_ARGUMENT, naming the problem', () => {
    const wrong = [
      ['validate', () => api.validate(TEST, { environment: 5 })],
      ['validate', () => api.validate(TEST, { groups: 'schema' })],
      ['validate', () => api.validate(TEST, { groups: [1] })],
      ['validate', () => api.validate(TEST, { format: ['json'] })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { kdf: { name: 'PBKDF2', iterations: '1000' } })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { kdf: { name: 'PBKDF2', iterations: Infinity } })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { kdf: { name: 'PBKDF2', iterations: -1 } })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { kdf: { name: 'PBKDF2', iterations: 2 ** 53 } })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { kdf: { name: 'scrypt', N: 1.5, r: 8, p: 1 } })],
      ['encryptFile', () => api.encryptFile(TEST, 'pw', { salt: 12 })],
      ['encryptFields', () => api.encryptFields(TEST, 'pw', { extraPointers: '/a' })],
    ];
    for (const [name, f] of wrong) {
      const r = attempt(name, f);
      assert.ok(r.error, `${name} accepted a wrong-typed option`);
      assert.ok(['INVALID_ARGUMENT', 'KDF_PARAM_OUT_OF_BOUNDS'].includes(r.error.code), `${name}: ${r.error.code} ${r.error.message}`);
    }
    assertAlive();
  });

  test('hostile KDF parameters in options are refused before any work', () => {
    const t = performance.now();
    for (const kdf of [
      { name: 'PBKDF2', iterations: 4_000_000_000 },
      { name: 'PBKDF2', iterations: 10_000_001 },
      { name: 'scrypt', N: 2 ** 40, r: 8, p: 1 },
      { name: 'scrypt', N: 2 ** 20, r: 32, p: 16 },
      { name: 'scrypt', N: 2 ** 17, r: 8, p: 1e9 },
    ]) {
      const r = attempt('encryptFile', () => api.encryptFile(TEST, 'pw', { kdf }));
      assert.ok(r.error, JSON.stringify(kdf));
    }
    // The same parameters written into files: refused before deriving.
    const file = JSON.parse(api.encryptFile(TEST, 'pw', FAST));
    const sealed = JSON.parse(api.encryptFields(TEST, 'pw', FAST));
    for (const params of [
      { kdf: 'PBKDF2', iterations: 4_000_000_000 },
      { kdf: 'scrypt', scryptN: 2 ** 40, scryptR: 8, scryptP: 1 },
      { kdf: 'scrypt', scryptN: 2 ** 20, scryptR: 32, scryptP: 16 },
    ]) {
      const f = { ...file, iterations: undefined, ...params };
      const r = attempt('decryptFile', () => api.decryptFile(JSON.stringify(f), 'pw'));
      assert.ok(r.error, `decryptFile accepted ${JSON.stringify(params)}`);
      const meta = { ...sealed.$auditcfgEncryption, iterations: undefined, ...params };
      const r2 = attempt('decryptFields', () => api.decryptFields(JSON.stringify({ ...sealed, $auditcfgEncryption: meta }), 'pw'));
      assert.ok(r2.error, `decryptFields accepted ${JSON.stringify(params)}`);
    }
    // Hang detection only: a refusal takes microseconds, a derivation with
    // these parameters minutes.
    assert.ok(performance.now() - t < 10_000, 'refusals must come before any work');
  });

  test('patches that are not patches', () => {
    for (const p of [5, 'x', null, undefined, {}, [{}], [{ op: 'add' }], [{ op: 'move', from: '/a', path: '/a/b' }]]) {
      const r = attempt(`applyPatch(${JSON.stringify(p)})`, () => api.applyPatch(TEST, p));
      assert.ok(r.error, `accepted ${JSON.stringify(p)}`);
      assert.ok(['INVALID_ARGUMENT', 'NOT_A_PATCH', 'PATCH_FAILED'].includes(r.error.code), r.error.code);
    }
    assertAlive();
  });
});

describe('no secret leaks through the npm API', () => {
  const MARK = 'MARKER-';
  /** The production preset with a marker in every secret of the registry. */
  function marked(tag) {
    const doc = JSON.parse(PROD);
    api.secretPaths().forEach((entry, n) => {
      const tokens = entry.pattern.split('/').slice(1).map((t) => (t === '*' ? (entry.pattern.includes('readReplicas') ? '1' : 'x-marker') : t));
      const m = `${MARK}${n}-${tag}`;
      const value = entry.kind === 'url' ? `postgresql://${m}u:${m}@h${n}.internal:5432/audit?password=${m}q` : m;
      let cur = doc;
      tokens.forEach((t, i) => {
        if (i === tokens.length - 1) {
          cur[t] = value;
        } else {
          if (typeof cur[t] !== 'object' || cur[t] === null) cur[t] = Array.isArray(cur) ? {} : {};
          if (Array.isArray(cur[t])) while (cur[t].length <= Number(tokens[i + 1])) cur[t].push('postgresql://replica:5432/audit');
          cur = cur[t];
        }
      });
    });
    doc.redis.url = `not a url ${MARK}91-${tag}`;
    doc.database.poolSize = `${MARK}92-${tag}`; // a secret-looking value in a wrong-typed field
    return doc;
  }
  // Overwritten after the registry loop: their marker is 91, not their index.
  const OVERWRITTEN = new Set(['/redis/url']);
  const A = JSON.stringify(marked('secret'), null, 2);
  const B = JSON.stringify(marked('rotated'), null, 2);

  function assertNoMarker(what, value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const i = text.indexOf(MARK);
    // The poolSize marker is not a secret: only registry markers count.
    const found = [...text.matchAll(/MARKER-(\d+)-/g)].filter((m) => m[1] !== '92');
    assert.equal(found.length, 0, `${what} leaks: …${text.slice(Math.max(0, i - 40), i + 40)}…`);
  }
  /** Every string property of an error, and its diagnostics. */
  function errorText(e) {
    return JSON.stringify({ message: e.message, code: e.code, stack: e.stack, diagnostics: e.diagnostics });
  }

  test('every marker really is in the input', () => {
    api.secretPaths().forEach((entry, i) => {
      if (OVERWRITTEN.has(entry.pattern)) return;
      assert.ok(A.includes(`${MARK}${i}-secret`), `secret ${i} (${entry.pattern}) not placed`);
    });
    assert.ok(A.includes(`${MARK}91-secret`));
  });

  test('validate, mask, diff and sealed outputs never show a secret', () => {
    for (const [name, text] of [['json', A], ['toml', api.convert(A, 'toml')]]) {
      assertNoMarker(`validate(${name})`, api.validate(text));
      assertNoMarker(`validate(${name}, development)`, api.validate(text, { environment: 'development' }));
      assertNoMarker(`validate(${name}, upstream)`, api.validate(text, { groups: ['schema', 'upstream'] }));
      assertNoMarker(`mask(${name})`, api.mask(text));
      assertNoMarker(`mask(${name}) to toml`, api.mask(text, { to: 'toml' }));
      assertNoMarker(`diff(${name}, B)`, api.diff(text, B));
      assertNoMarker(`diff(B, ${name})`, api.diff(B, text));
      assertNoMarker(`diff(${name}, preset)`, api.diff(text, PROD));
      assertNoMarker(`encryptFile(${name})`, api.encryptFile(text, 'pw', FAST));
      assertNoMarker(`encryptFields(${name})`, api.encryptFields(text, 'pw', FAST));
      assertNoMarker(`inspectFile(${name})`, api.inspectFile(api.encryptFile(text, 'pw', FAST)));
    }
  });

  test('no thrown error carries a secret', () => {
    const enc = api.encryptFile(A, 'pw', FAST);
    const sealed = api.encryptFields(A, 'pw', FAST);
    const failing = [
      ['decryptFile wrong password', () => api.decryptFile(enc, 'wrong')],
      ['decryptFields wrong password', () => api.decryptFields(sealed, 'wrong')],
      ['decryptFields modified', () => api.decryptFields(sealed.replace(`${MARK}92`, `${MARK}92x`), 'pw')],
      // A sealed document is resealed (not refused); with `previous` it is.
      ['encryptFields sealed with previous', () => api.encryptFields(sealed, 'pw', { ...FAST, previous: sealed })],
      ['encryptFields reseal wrong password', () => api.encryptFields(sealed, 'wrong', FAST)],
      ['convert truncated', () => api.convert(A.slice(0, A.indexOf(`${MARK}1-`) + 12), 'toml')],
      ['validate-then-parse truncated', () => api.mask(A.slice(0, A.indexOf(`${MARK}3-`) + 9))],
      ['diff truncated', () => api.diff(A, B.slice(0, B.indexOf(`${MARK}5-`) + 10))],
      ['applyPatch failing', () => api.applyPatch(A, [{ op: 'test', path: '/security/encryptionKey', value: 'guess' }])],
      ['applyPatch replace missing', () => api.applyPatch(A, [{ op: 'replace', path: '/security/nope', value: 'x' }])],
      ['applyPatch move a secret into itself', () => api.applyPatch(A, [{ op: 'move', from: '/security', path: '/security/encryptionKey/x' }])],
      ['encryptFields pointer below a secret', () => api.encryptFields(A, 'pw', { ...FAST, extraPointers: ['/security/encryptionKey/x'] })],
      ['merge truncated overlay', () => api.merge(A, `{"security": {"encryptionKey": "${MARK}0-secret`)],
    ];
    for (const [name, f] of failing) {
      const r = attempt(name, f);
      assert.ok(r.error, `${name} did not fail`);
      assertNoMarker(`${name} error`, errorText(r.error));
    }
  });

  test('outputs that carry values by design do carry them (the test sees markers)', () => {
    assert.match(api.convert(A, 'toml'), /MARKER-0-secret/);
    assert.match(JSON.stringify(api.toJsonPatch(A, B)), /MARKER-0-rotated/);
    assert.match(api.decryptFields(api.encryptFields(A, 'pw', FAST), 'pw'), /MARKER-0-secret/);
  });
});
