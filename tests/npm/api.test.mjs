// Every function of the packed `auditcfg`, with its error paths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText, thrown, ENVIRONMENTS } from './helpers.mjs';

const PROD = presetText('production');
const DEV = presetText('development');

/** Asserts an error thrown by the package, with its code. */
function assertCode(e, code) {
  assert.ok(e instanceof Error, `expected an Error, got ${e}`);
  assert.equal(e.name, 'AuditcfgError');
  assert.equal(e.code, code, e.message);
  assert.ok(api.isAuditcfgError(e));
}

describe('validate', () => {
  test('returns format, environment, diagnostics and counts', () => {
    const r = api.validate(PROD);
    assert.deepEqual(Object.keys(r), ['format', 'environment', 'diagnostics', 'counts']);
    assert.equal(r.format, 'json');
    assert.equal(r.environment, 'production');
    assert.ok(Array.isArray(r.diagnostics) && r.diagnostics.length > 0);
    const c = { errors: 0, warnings: 0, infos: 0 };
    for (const d of r.diagnostics) c[`${d.severity}s`]++;
    assert.deepEqual(r.counts, c);
    // A plain object, not a Map.
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
  });

  test('diagnostics are camelCase with JSON Pointer paths and both column kinds', () => {
    const d = api.validate(PROD).diagnostics[0];
    assert.deepEqual(
      Object.keys(d).filter((k) => !['help', 'related', 'fixes'].includes(k)),
      ['code', 'name', 'severity', 'path', 'message', 'range'],
    );
    assert.match(d.code, /^AC\d{3}$/);
    assert.match(d.path, /^(\/[^/]*)*$/);
    for (const p of [d.range.start, d.range.end]) {
      assert.deepEqual(Object.keys(p), ['line', 'column', 'columnUtf16', 'offset', 'offsetUtf16']);
    }
    assert.equal(PROD.slice(d.range.start.offset, d.range.end.offset).length > 0, true);
  });

  test('help is absent, not null, when there is none', () => {
    const r = api.validate('{"environment": "qa"}');
    assert.ok(r.diagnostics.some((d) => !('help' in d)));
    assert.ok(r.diagnostics.every((d) => d.help === undefined || typeof d.help === 'string'));
  });

  test('environment override, aliases and groups', () => {
    assert.equal(api.validate(DEV, { environment: 'prod' }).environment, 'production');
    const prodAsDev = api.validate(DEV, { environment: 'production' });
    assert.ok(prodAsDev.counts.errors > api.validate(DEV).counts.errors);
    const upstream = api.validate(PROD, { groups: ['schema', 'upstream'] });
    assert.ok(upstream.diagnostics.every((d) => /^AC[012]/.test(d.code)));
    const syntaxOnly = api.validate('{"a": 1, "a": 2}', { groups: ['syntax'] });
    assert.deepEqual(syntaxOnly.diagnostics.map((d) => d.code), ['AC002']);
    assert.equal(api.validate('{}', { groups: [] }).diagnostics.length, 0);
  });

  test('an unknown environment is null, not an error, when it comes from the document', () => {
    const r = api.validate('{"environment": "qa"}');
    assert.equal(r.environment, null);
  });

  test('bad documents are findings, never exceptions', () => {
    for (const text of ['', '{', 'nul', '[1,]', '\u0000', 'a = = 1', '{"a": 1e400}']) {
      const r = api.validate(text);
      assert.ok(r.counts.errors > 0, text);
    }
  });

  test('TOML is detected; format forces the parser', () => {
    const toml = api.convert(DEV, 'toml');
    assert.equal(api.validate(toml).format, 'toml');
    assert.deepEqual(api.validate(toml).counts, api.validate(DEV).counts);
    const forced = api.validate(DEV, { format: 'toml' });
    assert.equal(forced.format, 'toml');
    assert.equal(forced.diagnostics[0].code, 'AC001');
  });

  test('errors: unknown environment, format, group, options', () => {
    assertCode(thrown(() => api.validate(PROD, { environment: 'qa' })), 'UNKNOWN_ENVIRONMENT');
    assertCode(thrown(() => api.validate(PROD, { environment: 'Production' })), 'UNKNOWN_ENVIRONMENT');
    assertCode(thrown(() => api.validate(PROD, { format: 'yaml' })), 'UNKNOWN_FORMAT');
    assertCode(thrown(() => api.validate(PROD, { groups: ['lint'] })), 'UNKNOWN_GROUP');
    const typo = thrown(() => api.validate(PROD, { enviroment: 'production' }));
    assertCode(typo, 'INVALID_ARGUMENT');
    assert.match(typo.message, /unknown field `enviroment`/);
    assertCode(thrown(() => api.validate(PROD, { groups: 'schema' })), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.validate(PROD, 'production')), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.validate(PROD, [])), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.validate(42)), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.validate()), 'INVALID_ARGUMENT');
    // undefined and null options are the defaults; undefined keys are absent.
    assert.deepEqual(api.validate(PROD, null), api.validate(PROD));
    assert.deepEqual(api.validate(PROD, { environment: undefined }), api.validate(PROD));
  });

  test('error messages name the problem', () => {
    const e = thrown(() => api.validate(PROD, { environment: 'qa' }));
    assert.match(e.message, /unknown environment `qa`/);
    assert.match(e.stack, /AuditcfgError/);
  });
});

describe('parse', () => {
  test('a sound document: ok, value as a plain object', () => {
    const r = api.parse(PROD);
    assert.equal(r.ok, true);
    assert.equal(r.format, 'json');
    assert.deepEqual(r.value, JSON.parse(PROD));
    assert.equal(Object.getPrototypeOf(r.value), Object.prototype);
    assert.deepEqual(r.diagnostics, []);
  });

  test('values read as JSON.parse reads them (key order, big integers)', () => {
    const text = '{"b": 1, "a": [true, null, 2.5], "big": 9007199254740995, "neg": -0.0, "u": "é😀"}';
    const r = api.parse(text);
    assert.deepEqual(r.value, JSON.parse(text));
    assert.deepEqual(Object.keys(r.value), ['b', 'a', 'big', 'neg', 'u']);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AC005']);
  });

  test('numbers with more digits than a float holds round as JSON.parse rounds them (correctly)', () => {
    // Without serde_json's float_roundtrip (the wasm builds have no
    // jsonschema to switch it on) these read one unit in the last place
    // off, and a JSON round trip changed the value (found by the fuzzer).
    const text = '{"n": [1234567890123456781234567890, 1.2345678901234567e+27, 0.30000000000000004441, 2.2250738585072011e-308, 9007199254740993.5]}';
    const r = api.parse(text);
    assert.deepEqual(r.value.n, JSON.parse(text).n);
    const again = api.parse(api.convert(text, 'json'));
    assert.deepEqual(again.value.n, JSON.parse(text).n);
  });

  test('duplicate keys: ok with a finding, last value kept', () => {
    const r = api.parse('{"a": 1, "a": 2}');
    assert.equal(r.ok, true);
    assert.deepEqual(r.value, { a: 2 });
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AC002']);
  });

  test('a syntax error: not ok, no value', () => {
    const r = api.parse('{"a": }');
    assert.equal(r.ok, false);
    assert.equal('value' in r, false);
    assert.equal(r.diagnostics[0].code, 'AC001');
    assert.equal(r.diagnostics[0].range.start.column, 7);
  });

  test('TOML and the null convention', () => {
    const r = api.parse('environment = "test"\n[redis]\nurl = "redis://x"\n');
    assert.equal(r.format, 'toml');
    assert.deepEqual(r.value, { environment: 'test', redis: { url: 'redis://x' } });
    assert.deepEqual(api.parse('a = { "$null" = true }').value, { a: null });
  });

  test('errors', () => {
    assertCode(thrown(() => api.parse('{}', { format: 'xml' })), 'UNKNOWN_FORMAT');
    assertCode(thrown(() => api.parse('{}', { from: 'json' })), 'INVALID_ARGUMENT');
    assertCode(thrown(() => api.parse(null)), 'INVALID_ARGUMENT');
  });
});

describe('convert', () => {
  test('JSON to TOML and back is the same document', () => {
    for (const env of ENVIRONMENTS) {
      const json = presetText(env);
      const toml = api.convert(json, 'toml');
      assert.match(toml, /^environment = /m);
      assert.deepEqual(JSON.parse(api.convert(toml, 'json')), JSON.parse(json));
    }
  });

  test('JSON output is JSON.stringify(value, null, 2)', () => {
    assert.equal(api.convert(PROD, 'json'), JSON.stringify(JSON.parse(PROD), null, 2));
    assert.equal(api.convert('{"a":[]}', 'json', { from: 'json' }), '{\n  "a": []\n}');
  });

  test('SYNTAX carries the diagnostics', () => {
    const e = thrown(() => api.convert('{"a": [1,}', 'toml'));
    assertCode(e, 'SYNTAX');
    assert.match(e.message, /does not parse.*line 1, column 10/);
    assert.equal(e.diagnostics.length, 1);
    assert.equal(e.diagnostics[0].code, 'AC001');
    assert.equal(e.diagnostics[0].range.start.offset, 9);
  });

  test('UNREPRESENTABLE and bad formats', () => {
    assertCode(thrown(() => api.convert('[1, 2]', 'toml')), 'UNREPRESENTABLE');
    assertCode(thrown(() => api.convert('{}', 'yaml')), 'UNKNOWN_FORMAT');
    assertCode(thrown(() => api.convert('{}', 'json', { from: 'ini' })), 'UNKNOWN_FORMAT');
    assertCode(thrown(() => api.convert('{}')), 'INVALID_ARGUMENT');
  });
});

describe('mask', () => {
  test('every secret masked, the rest kept, in the input format', () => {
    const doc = JSON.parse(PROD);
    doc.database.url = 'postgresql://alice:MARK-pw@db:5432/audit';
    doc.unknown = { nested: { apiToken: 'MARK-token' } };
    const text = JSON.stringify(doc, null, 2);
    const masked = api.mask(text);
    assert.doesNotMatch(masked, /MARK/);
    assert.doesNotMatch(masked, new RegExp(doc.security.encryptionKey));
    const value = JSON.parse(masked);
    assert.equal(value.security.encryptionKey, '***MASKED***');
    assert.equal(value.database.url, 'postgresql://***:***@db:5432/audit');
    assert.equal(value.environment, 'production');
    const toml = api.mask(api.convert(text, 'toml'));
    assert.doesNotMatch(toml, /MARK/);
    assert.match(toml, /\*\*\*MASKED\*\*\*/);
    assert.deepEqual(JSON.parse(api.mask(toml, { to: 'json' })), value);
  });

  test('errors', () => {
    assertCode(thrown(() => api.mask('{')), 'SYNTAX');
    assertCode(thrown(() => api.mask('{}', { to: 'yaml' })), 'UNKNOWN_FORMAT');
  });
});

describe('preset', () => {
  test('fresh secrets and lastUpdated = now; the rest is the reference', () => {
    for (const env of ENVIRONMENTS) {
      const before = Date.now();
      const p = api.preset(env);
      const reference = JSON.parse(presetText(env));
      assert.equal(p.environment, env);
      assert.match(p.security.encryptionKey, /^[0-9a-f]{64}$/);
      assert.notEqual(p.security.encryptionKey, reference.security.encryptionKey);
      const t = Date.parse(p.lastUpdated);
      assert.ok(t >= before - 1 && t <= Date.now() + 1, p.lastUpdated);
      assert.match(p.lastUpdated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      for (const k of ['redis', 'database', 'worker', 'compliance', 'logging']) {
        assert.deepEqual(p[k], reference[k], `${env} ${k}`);
      }
    }
  });

  test('aliases, fresh each call, unknown environments', () => {
    assert.equal(api.preset('prod').environment, 'production');
    assert.equal(api.preset('stage').environment, 'staging');
    assert.equal(api.preset('dev').environment, 'development');
    assert.notEqual(api.preset('test').security.encryptionKey, api.preset('test').security.encryptionKey);
    assertCode(thrown(() => api.preset('qa')), 'UNKNOWN_ENVIRONMENT');
    assertCode(thrown(() => api.preset()), 'INVALID_ARGUMENT');
  });
});

describe('schema', () => {
  test('draft 2020-12 with our id, as a fresh plain object', () => {
    const s = api.schema();
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(s.$id, 'https://auditcfg.dev/schema/audit-config.schema.json');
    assert.equal(s.type, 'object');
    assert.ok(Object.keys(s.$defs).length > 10);
    s.type = 'changed';
    assert.equal(api.schema().type, 'object');
  });
});

describe('registries', () => {
  test('secretPaths', () => {
    const paths = api.secretPaths();
    assert.ok(paths.length >= 10);
    for (const p of paths) {
      assert.deepEqual(Object.keys(p), ['pattern', 'kind', 'upstream']);
      assert.match(p.pattern, /^\//);
      assert.ok(p.kind === 'opaque' || p.kind === 'url');
      assert.equal(typeof p.upstream, 'boolean');
    }
    assert.ok(paths.some((p) => p.pattern === '/security/encryptionKey' && p.kind === 'opaque'));
    assert.ok(paths.some((p) => p.pattern === '/redis/url' && p.kind === 'url'));
    assert.ok(paths.some((p) => p.pattern.includes('*') && !p.upstream));
  });

  test('rules: the catalog, in code order, covering what validate reports', () => {
    const rules = api.rules();
    const codes = rules.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    for (const r of rules) {
      assert.deepEqual(Object.keys(r), ['code', 'name', 'group', 'severity', 'summary']);
      assert.ok(['syntax', 'schema', 'upstream', 'review', 'probe', 'policy'].includes(r.group));
      assert.ok(['error', 'warning', 'info'].includes(r.severity));
    }
    for (const env of ENVIRONMENTS) {
      for (const d of api.validate(presetText(env)).diagnostics) {
        const rule = rules.find((r) => r.code === d.code);
        assert.ok(rule, d.code);
        assert.equal(rule.name, d.name);
      }
    }
  });

  test('hotReloadableFields', () => {
    const fields = api.hotReloadableFields();
    assert.ok(fields.includes('/logging/level'));
    assert.ok(fields.includes('/worker/concurrency'));
    assert.ok(!fields.includes('/redis/url'));
    assert.ok(fields.every((f) => f.startsWith('/')));
  });

  test('version', () => {
    assert.match(api.version(), /^\d+\.\d+\.\d+/);
  });
});

describe('isAuditcfgError', () => {
  test('only our errors', () => {
    assert.equal(api.isAuditcfgError(new Error('x')), false);
    assert.equal(api.isAuditcfgError({ name: 'AuditcfgError', code: 'SYNTAX' }), false);
    assert.equal(api.isAuditcfgError(undefined), false);
    assert.equal(api.isAuditcfgError(thrown(() => api.preset('qa'))), true);
  });
});
