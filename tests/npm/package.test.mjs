// The published shape: what the tarball holds, and each entry point
// (`node`, `browser`, `default`/bundler, `./web`) working where it should.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { api, INSTALLED, PROJECT, REPO, presetText } from './helpers.mjs';

const manifest = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8'));

/** Runs an ES module in the consumer project; returns its stdout. */
function runModule(name, source, nodeArgs = []) {
  const file = join(PROJECT, name);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [...nodeArgs, file], { cwd: PROJECT, encoding: 'utf8' });
  assert.equal(r.status, 0, `${name} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

describe('tarball', () => {
  test('holds exactly the package files', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(REPO, 'pkg'), encoding: 'utf8' });
    const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
    assert.deepEqual(files, [
      'README.md',
      'browser.js',
      'bundler.js',
      'codemirror.d.ts',
      'codemirror.js',
      'dist/auditcfg.js',
      'dist/auditcfg_bg.js',
      'dist/auditcfg_bg.wasm',
      'dist/policy.js',
      'dist/policy_bg.wasm',
      'dist/policy_wasm.js',
      'dist/web.js',
      'docs.js',
      'index.d.ts',
      'kdf.js',
      'node.js',
      'package.json',
      'policies.js',
      'policy-api.js',
      'policy-browser.js',
      'policy-node.js',
      'policy.d.ts',
      'web.d.ts',
      'web.js',
    ]);
  });

  test('manifest: ESM, exports conditions, types', () => {
    assert.equal(manifest.name, 'auditcfg');
    assert.equal(manifest.type, 'module');
    const root = manifest.exports['.'];
    assert.deepEqual(Object.keys(root), ['types', 'node', 'browser', 'default']);
    assert.equal(root.types, './index.d.ts');
    assert.equal(manifest.types, './index.d.ts');
  });

  test('version() is the package version', () => {
    assert.equal(api.version(), manifest.version);
  });

  test('every function the types declare is exported, and nothing else', () => {
    const declared = [...readFileSync(join(INSTALLED, 'index.d.ts'), 'utf8').matchAll(/^export function (\w+)/gm)]
      .map((m) => m[1])
      .sort();
    const exported = Object.keys(api).sort();
    assert.deepEqual(exported.filter((k) => k !== 'initSync'), declared);
  });
});

describe('entry points', () => {
  test("node: import { validate } from 'auditcfg'", () => {
    const out = runModule(
      'node-entry.mjs',
      `import { validate, version } from 'auditcfg';
       console.log(JSON.stringify([version(), validate('{"environment": "qa"}').environment]));`,
    );
    assert.deepEqual(JSON.parse(out), [manifest.version, null]);
  });

  test("bundler build ('auditcfg/bundler'), loaded as a WebAssembly ES module", () => {
    const text = JSON.stringify(presetText('production'));
    const out = runModule(
      'bundler-entry.mjs',
      `import { validate } from 'auditcfg/bundler';
       console.log(JSON.stringify(validate(${text}).counts));`,
      ['--experimental-wasm-modules', '--no-warnings'],
    );
    assert.deepEqual(JSON.parse(out), api.validate(presetText('production')).counts);
  });

  test("web build ('auditcfg/web') with explicit initSync", () => {
    const out = runModule(
      'web-entry.mjs',
      `import { readFileSync } from 'node:fs';
       import { createRequire } from 'node:module';
       import init, { initSync, rules } from 'auditcfg/web';
       const wasm = readFileSync(new URL('./node_modules/auditcfg/dist/auditcfg_bg.wasm', import.meta.url));
       initSync({ module: wasm });
       console.log(typeof init, rules().length);`,
    );
    assert.equal(out, `function ${api.rules().length}`);
  });

  test("'auditcfg/auditcfg_bg.wasm' resolves to the module", () => {
    const out = runModule(
      'wasm-url.mjs',
      `console.log(import.meta.resolve('auditcfg/auditcfg_bg.wasm'));`,
    );
    assert.match(out, /node_modules\/auditcfg\/dist\/auditcfg_bg\.wasm$/);
  });
});
