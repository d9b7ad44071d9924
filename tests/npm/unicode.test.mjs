// Ranges count UTF-8 bytes (offset, column) and UTF-16 code units
// (columnUtf16), which is what JavaScript strings and editors use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, presetText } from './helpers.mjs';

/** 1-based UTF-16 column of `needle` on its line of `text`. */
function utf16Column(text, index) {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return index - lineStart + 1;
}
function utf8Column(text, index) {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return Buffer.byteLength(text.slice(lineStart, index)) + 1;
}
function line(text, index) {
  return text.slice(0, index).split('\n').length;
}

describe('UTF-16 columns', () => {
  // Emoji (surrogate pairs: 4 UTF-8 bytes, 2 UTF-16 units), CJK (3 bytes,
  // 1 unit) and Latin-1 (2 bytes, 1 unit) before each finding.
  const doc = JSON.parse(presetText('production'));
  doc.server.cors.origin = ['🚀🚀', '監査ログ'];
  doc.retry.maxRetries = 'drei 😀';
  const base = JSON.stringify(doc, null, 2)
    .replace('"maxRetries": "drei 😀"', '"😀監査é": "😀", "maxRetries": "drei 😀"')
    .replace('"database": {', '"database": { "注釈": "🚀 監査", "ssl": false, "x": 1,');
  const text = base.replace(/"ssl": true,?\n/, '');

  test('every finding after non-ASCII text has both columns right', () => {
    const r = api.validate(text);
    let checked = 0;
    for (const d of r.diagnostics) {
      const start = Buffer.from(text).subarray(0, d.range.start.offset).toString().length;
      const end = Buffer.from(text).subarray(0, d.range.end.offset).toString().length;
      assert.equal(d.range.start.line, line(text, start), d.path);
      assert.equal(d.range.start.columnUtf16, utf16Column(text, start), d.path);
      assert.equal(d.range.start.column, utf8Column(text, start), d.path);
      assert.equal(d.range.end.columnUtf16, utf16Column(text, end), d.path);
      const lineText = text.slice(text.lastIndexOf('\n', start - 1) + 1);
      if (/[^\x00-\x7f]/.test(lineText.slice(0, d.range.start.columnUtf16 - 1))) {
        assert.notEqual(d.range.start.column, d.range.start.columnUtf16, d.path);
        checked++;
      }
    }
    assert.ok(checked >= 2, `only ${checked} findings after non-ASCII text`);
  });

  test('a known position: the value after an emoji key on one line', () => {
    const text = '{"😀監査": 1, "environment": "qa"}';
    const d = api.validate(text).diagnostics.find((x) => x.path === '/environment');
    assert.ok(d, 'no finding at /environment');
    const index = text.indexOf('"qa"');
    assert.equal(text.slice(d.range.start.columnUtf16 - 1, d.range.end.columnUtf16 - 1), '"qa"');
    assert.equal(d.range.start.columnUtf16, index + 1);
    // 😀 is 4 bytes and 2 units, each CJK character 3 bytes and 1 unit.
    assert.equal(d.range.start.column, index + 1 + 2 + 2 * 2);
    assert.equal(d.range.start.offset, Buffer.byteLength(text.slice(0, index)));
  });

  test('syntax errors after emoji', () => {
    const text = '{\n  "名前": "🚀🚀🚀",\n  "x": }';
    const d = api.parse(text).diagnostics[0];
    assert.equal(d.code, 'AC001');
    assert.equal(d.range.start.line, 3);
    assert.equal(d.range.start.columnUtf16, text.split('\n')[2].indexOf('}') + 1);
  });

  test('CRLF and lone CR end lines', () => {
    const text = '{\r\n  "environment": "qa",\r  "x": 1\r\n}';
    const d = api.validate(text).diagnostics.find((x) => x.path === '/environment');
    assert.equal(d.range.start.line, 2);
    assert.equal(d.range.start.columnUtf16, 18);
  });
});
