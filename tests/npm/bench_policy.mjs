// The cost of organisation policies in the npm package, in one process:
// validate(preset) without and with the two rules (ORG001 runs,
// ORG004 is a transition rule and is skipped), diff with them, and the
// first call that loads the policy module. Prints medians (µs).
//
//   node tests/npm/bench_policy.mjs   (after scripts/build-pkg.sh)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, installPackage } from './install.mjs';

const project = process.env.AUDITCFG_NPM_PROJECT || installPackage({ cleanup: true }).project;
const api = await import(pathToFileURL(join(project, 'entry.mjs')).href);
const ORG = readFileSync(join(REPO, 'tests/fixtures/policy/org.toml'), 'utf8');
const PRESET = readFileSync(join(REPO, 'crates/auditcfg-core/presets/production.json'), 'utf8');
const OFF = PRESET.replace(/("ssl":\s*)true/, '$1false');

const now = () => Number(process.hrtime.bigint()) / 1000;
let t = now();
api.checkPolicy(ORG);
const firstUse = now() - t;

function median(f, n = 400) {
  for (let i = 0; i < 50; i++) f();
  const xs = [];
  for (let i = 0; i < n; i++) {
    const s = now();
    f();
    xs.push(now() - s);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(n / 2)];
}

const rows = [
  ['validate(production preset)', median(() => api.validate(PRESET))],
  ['validate(production preset, { policies: [org] })', median(() => api.validate(PRESET, { policies: [ORG] }))],
  ['diff(preset, TLS off)', median(() => api.diff(PRESET, OFF))],
  ['diff(preset, TLS off, { policies: [org] })', median(() => api.diff(PRESET, OFF, { policies: [ORG] }))],
];
console.log(`first use of the policy module (instantiate + compile org.toml): ${(firstUse / 1000).toFixed(1)} ms`);
for (const [name, us] of rows) console.log(`${name.padEnd(52)} ${us.toFixed(1).padStart(8)} µs median`);
console.log(`ratio with/without policies (validate): ${(rows[1][1] / rows[0][1]).toFixed(2)}`);
