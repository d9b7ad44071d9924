// Fixes and related ranges in `validate`, the `fix` function, and
// `explain(code)`: the same data the CLI's JSON and `auditcfg explain` give.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText, thrown } from './helpers.mjs';

/** Applies a fix's edits to a JavaScript string (UTF-16 offsets), last first. */
function applyEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.offsetUtf16 - a.range.start.offsetUtf16)) {
    out = out.slice(0, e.range.start.offsetUtf16) + e.newText + out.slice(e.range.end.offsetUtf16);
  }
  return out;
}

/** The development preset with `redis.commandTimeout` misspelt, and a
 * non-ASCII description before it so UTF-8 and UTF-16 offsets differ. */
function misspelt() {
  const doc = JSON.parse(presetText('development'));
  doc.redis = { comandTimeout: doc.redis.commandTimeout, ...doc.redis };
  delete doc.redis.commandTimeout;
  doc.$comment = 'Größe 🚀';
  return JSON.stringify({ $comment: doc.$comment, ...doc }, null, 2);
}

describe('validate: fixes and related ranges', () => {
  test('a misspelt key carries a safe rename that removes the finding', () => {
    const text = misspelt();
    const found = api.validate(text).diagnostics.find((d) => d.path === '/redis/comandTimeout');
    assert.ok(found, 'the misspelt key is reported');
    assert.equal(found.fixes.length, 1);
    const [fix] = found.fixes;
    assert.equal(fix.applicability, 'safe');
    assert.match(fix.title, /commandTimeout/);
    // The edit's UTF-16 offsets address the JavaScript string.
    const [edit] = fix.edits;
    assert.equal(text.slice(edit.range.start.offsetUtf16, edit.range.end.offsetUtf16), '"comandTimeout"');
    assert.ok(edit.range.start.offset > edit.range.start.offsetUtf16, 'UTF-8 offsets count the non-ASCII bytes');
    const repaired = applyEdits(text, fix.edits);
    assert.equal(JSON.parse(repaired).redis.commandTimeout, JSON.parse(text).redis.comandTimeout);
    assert.ok(!api.validate(repaired).diagnostics.some((d) => d.path.startsWith('/redis/coman')));
  });

  test('a duplicate key points at the first one as a related range', () => {
    const text = '{\n  "environment": "development",\n  "environment": "production"\n}';
    const dup = api.validate(text).diagnostics.find((d) => d.related);
    assert.ok(dup, 'a finding with a related range');
    assert.equal(dup.related[0].message, 'first defined here');
    const r = dup.related[0].range;
    assert.equal(text.slice(r.start.offsetUtf16, r.end.offsetUtf16), '"environment"');
    assert.equal(r.start.line, 2);
  });

  test('findings without fixes or related ranges leave both out', () => {
    const report = api.validate(presetText('production'));
    const plain = report.diagnostics.filter((d) => !d.fixes && !d.related);
    assert.ok(plain.length > 0);
    for (const d of plain) {
      assert.ok(!('fixes' in d) && !('related' in d));
    }
  });
});

describe('fix', () => {
  test('applies the safe fixes and reports what remains', () => {
    const text = misspelt();
    const before = api.validate(text);
    const fixed = api.fix(text);
    assert.equal(fixed.changed, true);
    assert.ok(fixed.applied.some((a) => a.code === 'AC318' && /commandTimeout/.test(a.title)));
    assert.ok(fixed.applied.every((a) => a.code !== 'AC301'), 'no unsafe fix without unsafe: true');
    assert.equal(JSON.parse(fixed.text).redis.commandTimeout, JSON.parse(text).redis.comandTimeout);
    assert.deepEqual(fixed.diagnostics, api.validate(fixed.text).diagnostics);
    assert.equal(fixed.counts.warnings + fixed.counts.errors < before.counts.warnings + before.counts.errors, true);
  });

  test('unsafe: true also generates secrets, which never equal the placeholder', () => {
    const text = presetText('development');
    const placeholders = api.validate(text).diagnostics.filter((d) => d.code === 'AC301');
    const fixable = placeholders.filter((d) => d.fixes?.some((f) => f.applicability === 'unsafe'));
    assert.ok(fixable.length > 0);
    const fixed = api.fix(text, { unsafe: true });
    assert.equal(fixed.applied.filter((a) => a.code === 'AC301').length, fixable.length);
    assert.ok(!fixed.text.includes('<generated-secret>'));
    assert.equal(
      fixed.diagnostics.filter((d) => d.code === 'AC301').length,
      placeholders.length - fixable.length,
    );
  });

  test('keeps comments and layout of a TOML document', () => {
    const toml = api.convert(misspelt(), 'toml');
    const commented = `# owned by the platform team\n${toml}`;
    const fixed = api.fix(commented, { format: 'toml' });
    assert.equal(fixed.format, 'toml');
    assert.ok(fixed.text.startsWith('# owned by the platform team\n'));
    assert.match(fixed.text, /commandTimeout/);
    assert.doesNotMatch(fixed.text, /comandTimeout/);
  });

  test('a document with nothing to fix comes back unchanged', () => {
    const text = '{"environment": ';
    const fixed = api.fix(text);
    assert.equal(fixed.changed, false);
    assert.equal(fixed.text, text);
    assert.ok(fixed.diagnostics.some((d) => d.code === 'AC001'));
  });

  test('bad options throw', () => {
    assert.equal(thrown(() => api.fix('{}', { unsafe: true, force: 1 })).code, 'INVALID_ARGUMENT');
  });
});

describe('explain', () => {
  test('every code of rules() has its docs, by code and by name', () => {
    for (const rule of api.rules()) {
      const docs = api.explain(rule.code);
      assert.ok(docs, rule.code);
      assert.equal(docs.name, rule.name);
      assert.equal(docs.summary, rule.summary);
      assert.equal(docs.severity, rule.severity);
      assert.ok(docs.docs.startsWith(`\`${rule.code}\` ${rule.name}`), rule.code);
      assert.deepEqual(api.explain(rule.name), docs);
      assert.deepEqual(api.explain(rule.code.toLowerCase()), docs);
    }
  });

  test('a rule file’s docs have What, Why, Example and Fix', () => {
    const docs = api.explain('AC318').docs;
    for (const part of ['**What.**', '**Why.**', '**Example.**', '**Fix.**']) {
      assert.ok(docs.includes(part), part);
    }
  });

  test('unknown codes give null, non-strings throw', () => {
    assert.equal(api.explain('AC999'), null);
    assert.equal(api.explain('toString'), null);
    const e = thrown(() => api.explain(42));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.ok(api.isAuditcfgError(e));
  });

  test('the result is a copy', () => {
    api.explain('AC318').docs = 'changed';
    assert.notEqual(api.explain('AC318').docs, 'changed');
  });
});

describe('fileName', () => {
  test('the extension decides the format, as in the CLI; format wins over it', () => {
    // `["a"]` reads as a TOML table header, but a `.json` file is JSON.
    assert.equal(api.parse('["a"]').format, 'toml');
    assert.equal(api.parse('["a"]', { fileName: 'staging.json' }).format, 'json');
    assert.equal(api.validate('["a"]', { fileName: 'CONFIG.JSON' }).format, 'json');
    assert.equal(api.validate('{"a": 1}', { fileName: 'a.toml' }).format, 'toml');
    assert.equal(api.validate('{"a": 1}', { fileName: 'a.toml', format: 'json' }).format, 'json');
    // No or another extension: detected from the content.
    assert.equal(api.validate('{"a": 1}', { fileName: 'config' }).format, 'json');
    assert.equal(api.fix('["a"]', { fileName: 'x.json' }).format, 'json');
    assert.ok(api.complete('{"redis": {}}', 10, { fileName: 'x.json' }));
  });
});
