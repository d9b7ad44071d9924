// The package's types, checked as a consumer sees them: consumer.ts
// compiled against the installed tarball with `tsc --noEmit` in strict
// mode (module resolution through package.json "exports").
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { INSTALLED, PROJECT, REPO } from './helpers.mjs';

const TSC = join(REPO, 'node_modules', '.bin', 'tsc');

function tsc(files, extra = {}) {
  const dir = PROJECT;
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022'],
        types: [],
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        noUnusedLocals: true,
        skipLibCheck: false,
        ...extra,
      },
      files,
    }),
  );
  return spawnSync(TSC, ['-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
}

test('consumer.ts type-checks in strict mode against the installed package', () => {
  copyFileSync(join(REPO, 'tests/npm/consumer.ts'), join(PROJECT, 'consumer.ts'));
  const r = tsc(['consumer.ts']);
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});

test('the declarations use no `any`', () => {
  for (const f of ['index.d.ts', 'web.d.ts']) {
    const source = readFileSync(join(INSTALLED, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    assert.doesNotMatch(source, /\bany\b/, f);
  }
});

test('web.d.ts type-checks with the DOM library', () => {
  writeFileSync(
    join(PROJECT, 'web-consumer.ts'),
    `import init, { initSync, validate } from 'auditcfg/web';
     await init({ module_or_path: new URL('https://example.invalid/auditcfg_bg.wasm') });
     initSync({ module: new Uint8Array(8) });
     export const n: number = validate('{}').counts.errors;\n`,
  );
  const r = tsc(['web-consumer.ts'], { lib: ['es2022', 'dom'] });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
