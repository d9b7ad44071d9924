// diff, toJsonPatch, applyPatch, merge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText, thrown } from './helpers.mjs';

const PROD = presetText('production');
const edit = (text, f) => {
  const doc = JSON.parse(text);
  f(doc);
  return JSON.stringify(doc, null, 2);
};

describe('diff', () => {
  test('equal in meaning: no changes (key order, formatting, TOML, 1000 vs 1000.0)', () => {
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(PROD)).reverse()));
    const d = api.diff(PROD, reordered);
    assert.deepEqual(d.changes, []);
    assert.equal(d.summary.total, 0);
    assert.deepEqual(api.diff(PROD, api.convert(PROD, 'toml')).changes, []);
    assert.deepEqual(api.diff('{"a": 1000}', '{"a": 1000.0}').changes, []);
  });

  test('kinds, impacts, ranges in both texts', () => {
    const b = edit(PROD, (d) => {
      d.logging.level = 'debug';
      d.worker.queueName = 'renamed';
      delete d.archive;
      d.newSection = { enabled: true };
    });
    const { changes, summary } = api.diff(PROD, b);
    const byPath = Object.fromEntries(changes.map((c) => [c.path, c]));
    const level = byPath['/logging/level'];
    assert.equal(level.kind, 'changed');
    assert.deepEqual(level.impact, { kind: 'hotReload' });
    assert.equal(PROD.slice(level.rangeA.start.offset, level.rangeA.end.offset), JSON.stringify(JSON.parse(PROD).logging.level));
    assert.equal(b.slice(level.rangeB.start.offset, level.rangeB.end.offset), '"debug"');
    assert.equal(level.rangeA.start.line, PROD.slice(0, level.rangeA.start.offset).split('\n').length);
    assert.deepEqual(byPath['/worker/queueName'].impact, { kind: 'restart', component: 'worker' });
    assert.equal(byPath['/archive'].kind, 'removed');
    assert.equal(byPath['/archive'].rangeB, null);
    assert.deepEqual(byPath['/archive'].before, JSON.parse(PROD).archive);
    assert.equal('after' in byPath['/archive'], false);
    assert.equal(byPath['/newSection'].kind, 'added');
    assert.equal(summary.total, changes.length);
    assert.equal(summary.live, 1);
    assert.ok(summary.restartComponents.includes('worker'));
    assert.ok(summary.restartByComponent.every((c) => typeof c.component === 'string' && c.count > 0));
  });

  test('secrets are masked and fingerprinted, never shown', () => {
    const b = edit(PROD, (d) => {
      d.security.encryptionKey = 'f'.repeat(64);
    });
    const [c] = api.diff(PROD, b).changes;
    assert.equal(c.path, '/security/encryptionKey');
    assert.equal(c.impact.kind, 'secretChanged');
    assert.equal(c.before, '***MASKED***');
    assert.equal(c.after, '***MASKED***');
    assert.match(c.fingerprintBefore, /^sha256:[0-9a-f]{8}$/);
    assert.notEqual(c.fingerprintBefore, c.fingerprintAfter);
    assert.doesNotMatch(JSON.stringify(api.diff(PROD, b)), /ffffffff/);
  });

  test('moved array items', () => {
    const d = api.diff('{"a": ["x", "y", "z"]}', '{"a": ["z", "x", "y"]}');
    const moved = d.changes.find((c) => c.kind === 'moved');
    assert.ok(moved, JSON.stringify(d.changes));
    assert.equal(typeof moved.from, 'string');
    assert.equal(typeof moved.to, 'string');
  });

  test('errors', () => {
    const e = thrown(() => api.diff(PROD, '{'));
    assert.equal(e.code, 'SYNTAX');
    assert.equal(thrown(() => api.diff(PROD, PROD, { formatA: 'yaml' })).code, 'UNKNOWN_FORMAT');
    assert.equal(thrown(() => api.diff(PROD, PROD, { format: 'json' })).code, 'INVALID_ARGUMENT');
  });
});

describe('toJsonPatch / applyPatch', () => {
  test('the patch turns a into b', () => {
    const b = edit(PROD, (d) => {
      d.server.cors.origin = ['https://b.example', ...d.server.cors.origin];
      delete d.redis.commandTimeout;
      d.logging.level = 'error';
    });
    const patch = api.toJsonPatch(PROD, b);
    assert.ok(patch.length >= 3);
    assert.ok(patch.every((op) => ['add', 'remove', 'replace', 'move'].includes(op.op)));
    assert.deepEqual(JSON.parse(api.applyPatch(PROD, patch)), JSON.parse(b));
    assert.deepEqual(api.toJsonPatch(PROD, PROD), []);
  });

  test('all six operations, atomically; output format', () => {
    const doc = '{"a": 1, "b": {"c": [1, 2]}}';
    const out = api.applyPatch(doc, [
      { op: 'test', path: '/a', value: 1 },
      { op: 'copy', from: '/a', path: '/d' },
      { op: 'move', from: '/b/c/0', path: '/b/c/-' },
      { op: 'add', path: '/e', value: null },
      { op: 'replace', path: '/a', value: 'x' },
      { op: 'remove', path: '/d' },
    ]);
    assert.deepEqual(JSON.parse(out), { a: 'x', b: { c: [2, 1] }, e: null });
    const toml = api.applyPatch(doc, [{ op: 'replace', path: '/a', value: 2 }], { to: 'toml' });
    assert.match(toml, /^a = 2$/m);
    const e = thrown(() =>
      api.applyPatch(doc, [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'test', path: '/a', value: 1 },
      ]),
    );
    assert.equal(e.code, 'PATCH_FAILED');
    assert.match(e.message, /operation 1 \(test \/a\)/);
  });

  test('errors', () => {
    assert.equal(thrown(() => api.applyPatch('{}', { op: 'add' })).code, 'NOT_A_PATCH');
    assert.equal(thrown(() => api.applyPatch('{}', [{ op: 'remove', path: '/x' }])).code, 'PATCH_FAILED');
    assert.equal(thrown(() => api.applyPatch('{}', undefined)).code, 'INVALID_ARGUMENT');
    assert.equal(thrown(() => api.applyPatch('{', [])).code, 'SYNTAX');
  });
});

describe('merge', () => {
  test('deep merge: objects merge, arrays and scalars replace, null sets null', () => {
    const out = api.merge(
      '{"a": {"b": 1, "c": [1, 2]}, "d": 1}',
      '{"a": {"c": [3], "e": true}, "d": null, "f": "new"}',
    );
    assert.deepEqual(JSON.parse(out), { a: { b: 1, c: [3], e: true }, d: null, f: 'new' });
  });

  test('formats: TOML overlay on a JSON base, output in the base format unless to', () => {
    const overlay = '[logging]\nlevel = "warn"\n';
    const merged = JSON.parse(api.merge(PROD, overlay));
    assert.equal(merged.logging.level, 'warn');
    assert.equal(merged.redis.url, JSON.parse(PROD).redis.url);
    assert.match(api.merge(PROD, overlay, { to: 'toml' }), /^\[logging\]$/m);
    assert.equal(thrown(() => api.merge(PROD, '{')).code, 'SYNTAX');
    assert.equal(thrown(() => api.merge(PROD, '{}', { to: 'ini' })).code, 'UNKNOWN_FORMAT');
  });
});
