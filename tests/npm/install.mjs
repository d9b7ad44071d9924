// Packs pkg/ with `npm pack` and installs the tarball into a fresh
// temporary project, as a user would (`npm install <tarball>`). The tests
// import 'auditcfg' from there, so they see exactly what npm publishes.
//
//   node tests/npm/install.mjs        prints the project's directory
//
// Other modules call `installPackage()`. scripts/test-npm.sh installs once
// and passes the directory on in AUDITCFG_NPM_PROJECT.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const PKG = join(REPO, 'pkg');

/**
 * Packs and installs; returns the project directory and the tarball. With
 * `cleanup`, the temporary directory is removed when the process exits.
 */
export function installPackage({ cleanup = false } = {}) {
  if (!existsSync(join(PKG, 'dist', 'auditcfg_bg.wasm'))) {
    throw new Error('pkg/ is not built: run scripts/build-pkg.sh first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'auditcfg-npm-'));
  if (cleanup) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const packDir = join(dir, 'pack');
  const project = join(dir, 'project');
  execFileSync('mkdir', ['-p', packDir, project]);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: PKG, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'auditcfg-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2),
  );
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(packDir, tarball)],
    { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // The literal consumer import, resolved by Node from the project.
  writeFileSync(join(project, 'entry.mjs'), "export * from 'auditcfg';\n");
  return { project, tarball: join(packDir, tarball) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { project, tarball } = installPackage();
  process.stdout.write(`${project}\n${tarball}\n`);
}
