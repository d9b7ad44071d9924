// Packages the extension into auditcfg-<version>.vsix with @vscode/vsce
// (installed from npm on demand; nothing else is downloaded).
//   node scripts/package.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: dir, stdio: 'inherit' });
run('npm', ['install', '--no-audit', '--no-fund']);
run('npx', ['--yes', '@vscode/vsce@3', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license']);
