// Organisation policies in the npm package: `validate(text, {policies})`,
// `diff(a, b, {policies})`, `checkPolicy`, and `auditcfg/policy` (the
// separate policy module, the CEL engine). The package gives the same
// findings as the native CLI (`auditcfg validate --policy … --format
// json`, `auditcfg diff --policy … --format json`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { api, cliValidate, normalise, INSTALLED, PROJECT, REPO, thrown } from './helpers.mjs';

const ORG_FILE = join(REPO, 'tests/fixtures/policy/org.toml');
const BAD_FILE = join(REPO, 'tests/fixtures/policy/bad.toml');
const ORG = readFileSync(ORG_FILE, 'utf8');
const BAD = readFileSync(BAD_FILE, 'utf8');
const PRESET_FILE = '/work/shared/reference/presets/production.json';
const PRESET = readFileSync(
  (() => {
    try {
      readFileSync(PRESET_FILE);
      return PRESET_FILE;
    } catch {
      return join(REPO, 'crates/auditcfg-core/presets/production.json');
    }
  })(),
  'utf8',
);

const tmp = mkdtempSync(join(tmpdir(), 'auditcfg-policy-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
/** Writes a file into the temporary directory; returns its path. */
function file(name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function cliPath() {
  if (process.env.AUDITCFG_CLI) return process.env.AUDITCFG_CLI;
  return join(process.env.CARGO_TARGET_DIR || join(REPO, 'target'), 'debug', 'auditcfg');
}

/** `auditcfg diff --format json [args] a b`. */
function cliDiff(a, b, args = []) {
  const r = spawnSync(cliPath(), ['diff', '--format', 'json', ...args, a, b], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `auditcfg diff exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text, needle) => text.slice(0, text.indexOf(needle)).split('\n').length;

const tlsOff = PRESET.replace(/("ssl":\s*)true/, '$1false');

describe('validate with policies', () => {
  test('ORG001 at /database, on the line of `"database"`, like a built-in finding', () => {
    const r = api.validate(PRESET, { policies: [ORG] });
    const org = r.diagnostics.filter((d) => d.code === 'ORG001');
    assert.equal(org.length, 1);
    const [d] = org;
    assert.equal(d.name, 'policy-rule');
    assert.equal(d.severity, 'error');
    assert.equal(d.path, '/database');
    assert.equal(d.message, 'production databases live on db.internal, with TLS');
    assert.equal(d.help, 'ask the platform team for a db.internal endpoint');
    assert.equal(d.range.start.line, lineOf(PRESET, '"database"'));
    assert.equal(PRESET.slice(d.range.start.offsetUtf16, d.range.start.offsetUtf16 + 1), '{');
    // Counted and sorted with the built-in findings.
    const plain = api.validate(PRESET);
    assert.equal(r.counts.errors, plain.counts.errors + 1);
    assert.equal(r.diagnostics.length, plain.diagnostics.length + 1);
    // The transition rule does not run on validate; other environments skip ORG001.
    assert.ok(!r.diagnostics.some((x) => x.code === 'ORG004'));
    const staging = api.validate(PRESET, { policies: [ORG], environment: 'staging' });
    assert.ok(!staging.diagnostics.some((x) => x.code === 'ORG001'));
  });

  test('npm gives the same findings as `auditcfg validate --policy --format json`', () => {
    const preset = file('production.json', PRESET);
    const native = cliValidate(preset, ['--policy', ORG_FILE]);
    const wasm = api.validate(PRESET, { policies: [ORG], fileName: 'production.json' });
    assert.ok(native.diagnostics.some((d) => d.code === 'ORG001'));
    assert.deepEqual(normalise(wasm.diagnostics), normalise(native.diagnostics));
    // A TOML config and a JSON policy file, too.
    const toml = api.convert(PRESET, 'toml');
    const tomlFile = file('production.toml', toml);
    const jsonPolicy = join(REPO, 'tests/fixtures/policy/org.json');
    const nativeToml = cliValidate(tomlFile, ['--policy', jsonPolicy]);
    const wasmToml = api.validate(toml, { policies: [readFileSync(jsonPolicy, 'utf8')], fileName: 'production.toml' });
    assert.ok(nativeToml.diagnostics.some((d) => d.code === 'ORG003'));
    assert.deepEqual(normalise(wasmToml.diagnostics), normalise(nativeToml.diagnostics));
  });

  test('an evaluation error is a finding of the rule, with the CLI\'s message', () => {
    const policy = `[[rule]]\ncode = "ORG007"\npath = "/database"\nrule = "self.missing == 1"\nmessage = "needs missing"\n`;
    const r = api.validate(PRESET, { policies: [policy] });
    const [d] = r.diagnostics.filter((x) => x.code === 'ORG007');
    assert.ok(d, 'a finding');
    assert.match(d.message, /^needs missing \(the rule could not be evaluated: no such key: missing\)$/);
    const native = cliValidate(file('production.json', PRESET), ['--policy', file('eval.toml', policy)]);
    assert.deepEqual(normalise(r.diagnostics), normalise(native.diagnostics));
  });

  test('a runaway rule is stopped with a finding, and the next rule still runs', { timeout: 60_000 }, () => {
    const xs = JSON.stringify({ environment: 'test', xs: [...Array(500).keys()] });
    const policy = `[[rule]]
code = "ORG009"
rule = "self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c >= 0)))"
message = "runaway"

[[rule]]
code = "ORG010"
rule = "self.xs.size() == 1"
message = "after"
`;
    const r = api.validate(xs, { policies: [policy] });
    const org = r.diagnostics.filter((d) => d.code.startsWith('ORG'));
    assert.deepEqual(
      org.map((d) => d.code),
      ['ORG009', 'ORG010'],
    );
    assert.match(org[0].message, /^runaway \(the rule was stopped: /);
    assert.equal(org[1].message, 'after');
  });

  test('a bad policy file throws BAD_POLICY with every mistake located', () => {
    const e = thrown(() => api.validate(PRESET, { policies: [ORG, BAD] }));
    assert.ok(api.isAuditcfgError(e));
    assert.equal(e.code, 'BAD_POLICY');
    assert.match(e.message, /^policy 2 \(line 2, column 8\): /);
    assert.ok(e.errors.length >= 5, JSON.stringify(e.errors));
    assert.ok(e.errors.every((x) => x.policy === 1));
    // Two files with the same code.
    assert.equal(thrown(() => api.validate(PRESET, { policies: [ORG, ORG] })).errors[0].kind, 'duplicate-code');
  });

  test('a document nested as deep as the core reads it: policies run, as in the CLI', () => {
    const deep = `{"environment": "production", "x": ${'['.repeat(127)}${']'.repeat(127)}}`;
    const policy = `[[rule]]\ncode = "ORG008"\nrule = "size(self.x) == 0"\nmessage = "x is empty"\n`;
    const r = api.validate(deep, { policies: [ORG, policy] });
    assert.ok(r.diagnostics.some((d) => d.code === 'ORG008'));
    const native = cliValidate(file('deep.json', deep), ['--policy', ORG_FILE, '--policy', file('deep-policy.toml', policy)]);
    assert.deepEqual(normalise(r.diagnostics), normalise(native.diagnostics));
  });

  test('no policies, an empty list, a document that does not parse', () => {
    assert.deepEqual(api.validate(PRESET, { policies: [] }), api.validate(PRESET));
    const broken = api.validate('{"environment": ', { policies: [ORG] });
    assert.ok(broken.diagnostics.every((d) => d.code.startsWith('AC')));
    assert.equal(thrown(() => api.validate(PRESET, { policies: 'x' })).code, 'INVALID_ARGUMENT');
    assert.equal(thrown(() => api.validate(PRESET, { policies: [1] })).code, 'INVALID_ARGUMENT');
  });
});

describe('checkPolicy', () => {
  test('the rules of a good file', () => {
    const r = api.checkPolicy(ORG);
    assert.equal(r.ok, true);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.rules.map((x) => [x.code, x.on, x.path, x.environments]),
      [
        ['ORG001', 'validate', '/database', ['production']],
        ['ORG004', 'change', '/database/ssl', null],
      ],
    );
    assert.equal(r.rules[1].codeRange.start.line, lineOf(ORG, '"ORG004"'));
  });

  test('every mistake with its line and column, as the CLI reports them', () => {
    const r = api.checkPolicy(BAD);
    assert.equal(r.ok, false);
    assert.deepEqual(r.rules, []);
    // The CLI: `policy FILE:LINE:COLUMN: message`, one line each (exit 2).
    const cli = spawnSync(cliPath(), ['validate', '--policy', BAD_FILE, join(REPO, 'crates/auditcfg-core/presets/production.json')], {
      encoding: 'utf8',
    });
    assert.equal(cli.status, 2);
    const lines = cli.stderr
      .split('\n')
      .map((l) => l.match(/policy .*bad\.toml:(\d+):(\d+): (.*)$/))
      .filter(Boolean)
      .map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    assert.deepEqual(
      r.errors.map((e) => [e.range.start.line, e.range.start.columnUtf16, e.message]),
      lines,
    );
    const kinds = r.errors.map((e) => e.kind);
    for (const k of ['reserved-code', 'expression', 'wrong-type', 'unknown-key', 'bad-severity', 'bad-pointer']) {
      assert.ok(kinds.includes(k), `${k} in ${kinds}`);
    }
  });

  test('columns in UTF-8 and UTF-16 after non-ASCII text', () => {
    const text = '[[rule]]\ncode = "ORG001"\nmessage = "é😀"\nrule = "self.("\n';
    const r = api.checkPolicy(text);
    const [e] = r.errors;
    assert.equal(e.kind, 'expression');
    assert.equal(e.range.start.line, 4);
    // At the end of the expression, past é (2 bytes, 1 unit) and 😀 (4 bytes, 2 units).
    assert.ok(text.slice(0, e.range.start.offsetUtf16).endsWith('rule = "self.('), JSON.stringify(e.range));
    assert.equal(e.range.start.offset - e.range.start.offsetUtf16, 3);
    const bad = '[[rule]]\nmessage = "é😀"; code = 1\n';
    const s = api.checkPolicy(bad).errors[0].range.start;
    assert.equal(s.line, 2);
    assert.ok(s.column > s.columnUtf16, JSON.stringify(s));
  });
});

describe('diff with policies', () => {
  test('switching TLS off is flagged by ORG004 in diff\'s diagnostics, like the CLI', () => {
    const r = api.diff(PRESET, tlsOff, { policies: [ORG] });
    assert.equal(r.changes.length, 1);
    assert.equal(r.diagnostics.length, 1);
    const [d] = r.diagnostics;
    assert.equal(d.code, 'ORG004');
    assert.equal(d.path, '/database/ssl');
    assert.equal(d.message, 'TLS to the database may not be switched off');
    assert.equal(tlsOff.slice(d.range.start.offsetUtf16, d.range.end.offsetUtf16), 'false');
    const native = cliDiff(file('a.json', PRESET), file('b.json', tlsOff), ['--policy', ORG_FILE]);
    assert.deepEqual(
      r.diagnostics.map((x) => [x.code, x.severity, x.path, x.message, x.range.start.line, x.range.start.offset]),
      native.diagnostics.map((x) => [x.code, x.severity, x.path, x.message, x.rangeB.start.line, x.rangeB.start.offset]),
    );
    // Switching it on is fine; without policies there are no diagnostics.
    assert.deepEqual(api.diff(tlsOff, PRESET, { policies: [ORG] }).diagnostics, []);
    assert.equal(api.diff(PRESET, tlsOff).diagnostics, undefined);
  });
});

describe('auditcfg/policy on its own', () => {
  test('evaluate returns unplaced findings; placeFindings places them as validate does', async () => {
    const policy = await import(pathToFileURL(join(PROJECT, 'policy-entry.mjs')).href);
    const input = api.policyInput(PRESET);
    assert.equal(input.environment, 'production');
    assert.deepEqual(JSON.parse(input.document), JSON.parse(PRESET));
    const findings = policy.evaluate([ORG], input.document, input.environment);
    assert.deepEqual(findings, [
      {
        code: 'ORG001',
        severity: 'error',
        path: '/database',
        message: 'production databases live on db.internal, with TLS',
        help: 'ask the platform team for a db.internal endpoint',
      },
    ]);
    const placed = api.placeFindings(PRESET, findings);
    const fromValidate = api.validate(PRESET, { policies: [ORG] }).diagnostics.filter((d) => d.code === 'ORG001');
    assert.deepEqual(placed, fromValidate);
    assert.equal(policy.version(), api.version());
    assert.equal(thrown(() => policy.evaluate([ORG], input.document, 'qa')).code, 'UNKNOWN_ENVIRONMENT');
    assert.equal(thrown(() => api.placeFindings(PRESET, [{ ...findings[0], code: 'AC201' }])).code, 'INVALID_ARGUMENT');
  });

  test('the browser build (wasm inside a module, no fetch) gives the same answers', async () => {
    const browser = await import(pathToFileURL(join(INSTALLED, 'policy-browser.js')).href);
    const input = api.policyInput(tlsOff);
    const old = api.policyInput(PRESET);
    assert.deepEqual(browser.evaluate([ORG], input.document, input.environment, old.document), [
      { code: 'ORG004', severity: 'error', path: '/database/ssl', message: 'TLS to the database may not be switched off' },
    ]);
    assert.deepEqual(browser.checkPolicy(BAD), api.checkPolicy(BAD));
  });

  test('where the module loads asynchronously: POLICIES_NOT_LOADED until loadPolicies()', async () => {
    const { bindPolicies } = await import(pathToFileURL(join(INSTALLED, 'policies.js')).href);
    const bound = bindPolicies(api, () => import(pathToFileURL(join(INSTALLED, 'policy-browser.js')).href));
    // Without policies nothing is needed.
    assert.deepEqual(bound.validate(PRESET), api.validate(PRESET));
    const e = thrown(() => bound.validate(PRESET, { policies: [ORG] }));
    assert.equal(e.code, 'POLICIES_NOT_LOADED');
    assert.match(e.message, /await loadPolicies\(\)/);
    assert.equal(thrown(() => bound.checkPolicy(ORG)).code, 'POLICIES_NOT_LOADED');
    await bound.loadPolicies();
    assert.deepEqual(bound.validate(PRESET, { policies: [ORG] }), api.validate(PRESET, { policies: [ORG] }));
  });
});

// The consumer project imports the subpath as a user would.
writeFileSync(join(PROJECT, 'policy-entry.mjs'), "export * from 'auditcfg/policy';\n");
