// auditcfg/codemirror (pkg/codemirror.js) on the installed package, under
// Node: the bridge interface `fromPackage` builds (UTF-16 offsets), the
// completion source on a CodeMirror state, lint diagnostics with fixes.
// CodeMirror comes from the repository's node_modules (a peer dependency).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { auditcfg, completionSource, fromPackage, toLint } from '../../pkg/codemirror.js';
import { api, presetText } from './helpers.mjs';

const bridge = fromPackage(api);

/** Applies `{from, to, insert}` edits (UTF-16 offsets) to a string. */
function apply(text, edits) {
  return [...edits].sort((a, b) => b.from - a.from).reduce((t, e) => t.slice(0, e.from) + e.insert + t.slice(e.to), text);
}

describe('auditcfg/codemirror', () => {
  test('validate maps ranges to UTF-16 offsets', () => {
    const text = '{"x-😀": "監査", "environment": "qa"}';
    const env = bridge.validate(text).find((d) => d.code && text.slice(d.from, d.to) === '"qa"');
    assert.ok(env, JSON.stringify(bridge.validate(text)));
    assert.equal(env.severity, 'error');
  });

  test('a misspelt key gets a Fix that repairs it exactly', () => {
    const good = presetText('development');
    const text = good.replace('"connectTimeout"', '"conectTimeout"');
    const d = bridge.validate(text).find((x) => x.code === 'AC318');
    assert.ok(d);
    const [lint] = toLint(bridge, text, [d]);
    assert.equal(text.slice(lint.from, lint.to).includes('conectTimeout'), true);
    const fix = bridge.codeActions(text, { from: d.from, to: d.to }).find((a) => a.kind === 'quickFix' && a.code === 'AC318');
    assert.equal(apply(text, fix.edits), good);
  });

  test('the completion source offers the missing keys of redis, with the preset value', () => {
    const doc = JSON.parse(presetText('production'));
    const missing = Object.keys(doc.redis).find((k) => k !== 'url');
    const redis = Object.fromEntries(Object.entries(doc.redis).filter(([k]) => k !== missing));
    const before = JSON.stringify({ ...doc, redis }, null, 2);
    const at = before.indexOf('"redis": {') + '"redis": {'.length;
    const text = before.slice(0, at) + '\n    ' + before.slice(at);
    const state = EditorState.create({ doc: text, extensions: auditcfg(bridge, { lint: false }) });
    const result = completionSource(bridge)(new CompletionContext(state, at + 5, true));
    const option = result.options.find((o) => o.label === missing);
    assert.ok(option, result.options.map((o) => o.label).join(','));
    assert.ok(!result.options.some((o) => o.label === 'url'));
    // Apply it through a minimal view: the document stays valid JSON.
    let next = state;
    option.apply({ state, dispatch: (spec) => (next = state.update(spec).state) }, option, result.from, result.to);
    const out = JSON.parse(next.doc.toString());
    assert.deepEqual(out.redis[missing], doc.redis[missing]);
  });

  test('hover on poolSize: limits 1 to 100', () => {
    const text = '{"😀": 1, "database": {"poolSize": 10}}';
    const card = bridge.hover(text, text.indexOf('poolSize'));
    assert.match(card.markdown, /1 to 100/);
    assert.equal(text.slice(card.from, card.to), '"poolSize"');
  });
});
