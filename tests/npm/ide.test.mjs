// Editor support under Node: complete, hover, codeActions, format, symbols,
// with UTF-16 offsets (emoji before the cursor count two units).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText } from './helpers.mjs';

/** Applies `{from, to, insert}` edits (UTF-16 offsets) to a string. */
function apply(text, edits) {
  return [...edits]
    .sort((a, b) => b.from - a.from)
    .reduce((t, e) => t.slice(0, e.from) + e.insert + t.slice(e.to), text);
}

function accept(text, item) {
  return apply(text, [item.edit, ...item.additionalEdits]);
}

describe('complete', () => {
  test('missing keys of the object at the cursor, with the preset value (JSON, UTF-16 offsets)', () => {
    const before = '{\n  "x-note": "😀😀 監査",\n  "environment": "production",\n  "database": {\n    "url": "postgres://x"\n    ';
    const text = before + '\n  }\n}\n';
    const offset = before.length; // UTF-16 units
    const result = api.complete(text, offset);
    assert.equal(result.object, '/database');
    const labels = result.items.map((c) => c.label);
    assert.ok(labels.includes('poolSize'));
    assert.ok(!labels.includes('url'), 'present keys are not offered');
    const pool = result.items.find((c) => c.label === 'poolSize');
    assert.match(pool.detail, /integer/);
    assert.equal(pool.live, false);
    assert.equal(pool.restart, 'database');
    const out = accept(text, pool);
    const doc = JSON.parse(out);
    assert.equal(doc.database.poolSize, JSON.parse(presetText('production')).database.poolSize);
    assert.equal(doc['x-note'], '😀😀 監査');
  });

  test('enum values and TOML keys', () => {
    const text = '{"logging": {"service": "😀", "environment": "pro"}}';
    const at = text.indexOf('"pro"') + 4;
    const result = api.complete(text, at);
    assert.equal(result.object, '/logging');
    assert.equal(text.slice(result.from, result.to), '"pro"');
    const labels = result.items.map((c) => c.label);
    assert.ok(labels.includes('production'), labels.join(','));
    const out = accept(text, result.items.find((c) => c.label === 'production'));
    assert.equal(JSON.parse(out).logging.environment, 'production');

    const toml = 'environment = "test"\n[worker]\nconc';
    const items = api.complete(toml, toml.length, { format: 'toml' }).items;
    const conc = items.find((c) => c.label === 'concurrency');
    assert.ok(conc.live);
    assert.match(accept(toml, conc), /\nconcurrency = \d+$/);
  });

  test('a secret can be generated, locally', () => {
    const text = '{"server": {"auth": {"sessionSecret": }}}';
    const at = text.indexOf(': }') + 2;
    const gen = api.complete(text, at).items.find((c) => c.kind === 'secret');
    const value = JSON.parse(accept(text, gen)).server.auth.sessionSecret;
    assert.match(value, /^[0-9a-f]{64}$/);
    assert.ok(gen.secret);
  });

  test('bad arguments throw AuditcfgError', () => {
    assert.throws(() => api.complete('{}', -1), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => api.complete('{}', 0, { environment: 'qa' }), { code: 'UNKNOWN_ENVIRONMENT' });
    assert.throws(() => api.complete('{}', 0, { nope: 1 }), { code: 'INVALID_ARGUMENT' });
  });
});

describe('hover', () => {
  test('limits, presets, restart; UTF-16 range', () => {
    const text = '{"😀": 1, "database": {"poolSize": 10}}';
    const at = text.indexOf('poolSize');
    const card = api.hover(text, at);
    assert.equal(card.pointer, '/database/poolSize');
    assert.match(card.markdown, /1 to 100/);
    assert.match(card.markdown, /production `\d+`/);
    assert.equal(text.slice(card.from, card.to), '"poolSize"');
    assert.equal(api.hover(text, 0), null);
  });

  test('never shows a secret', () => {
    const text = presetText('production');
    const secret = JSON.parse(text).security.encryptionKey;
    const card = api.hover(text, text.indexOf('"encryptionKey"') + 1);
    assert.match(card.markdown, /Secret/);
    assert.ok(!card.markdown.includes(secret));
  });
});

describe('codeActions', () => {
  test('a misspelt key is repaired exactly', () => {
    const good = presetText('development');
    const text = good.replace('"connectTimeout"', '"conectTimeout"');
    const at = text.indexOf('conectTimeout');
    const actions = api.codeActions(text, { from: at, to: at });
    const fix = actions.find((a) => a.kind === 'quickFix');
    assert.equal(fix.code, 'AC318');
    assert.equal(apply(text, fix.edits), good);
  });

  test('seal hints on clear-text secrets', () => {
    const text = presetText('production');
    const at = text.indexOf('"sessionSecret"');
    const actions = api.codeActions(text, { from: at, to: at + 3 });
    assert.ok(actions.some((a) => a.kind === 'sealSecret' && a.pointer === '/server/auth/sessionSecret'));
  });
});

describe('format and symbols', () => {
  test('JSON in upstream layout; TOML unchanged', () => {
    const value = { b: 1, 'x-unknown': { keep: [1, 2] }, a: '😀' };
    const f = api.format(JSON.stringify(value));
    assert.equal(f.text, JSON.stringify(value, null, 2));
    assert.ok(f.changed);
    const toml = 'a   = 1\n';
    assert.deepEqual(api.format(toml), { text: toml, changed: false, note: api.format(toml).note });
    assert.ok(api.format(toml).note);
  });

  test('outline per section, UTF-16 ranges', () => {
    const text = '{"😀": 1, "redis": {"url": "redis://x"}}';
    const syms = api.symbols(text);
    const redis = syms.find((s) => s.name === 'redis');
    assert.equal(redis.kind, 'object');
    assert.equal(text.slice(redis.selectionFrom, redis.selectionTo), '"redis"');
    assert.equal(redis.children[0].name, 'url');
  });
});
