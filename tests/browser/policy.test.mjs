// The policy module in a real browser (Debian's Chromium via
// playwright-core) under the app's strict CSP: `connect-src 'none'` (no
// fetch of a .wasm), `script-src 'self' 'wasm-unsafe-eval'`. The page
// imports `auditcfg/policy`'s browser build (the wasm travels inside a
// same-origin module) and evaluates the rules.
//
//   node --test tests/browser/policy.test.mjs   (needs /usr/bin/chromium
//   and a built pkg/: scripts/build-pkg.sh)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './app-helpers.mjs';
import { serveRoutes } from './app-server.mjs';
import { installPackage } from '../npm/install.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROJECT = process.env.AUDITCFG_NPM_PROJECT || installPackage({ cleanup: true }).project;
const INSTALLED = join(PROJECT, 'node_modules', 'auditcfg');
const api = await import(pathToFileURL(join(PROJECT, 'entry.mjs')).href);

const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'none'; style-src 'none'; img-src 'none'";
const ORG = await readFile(join(REPO, 'tests/fixtures/policy/org.toml'), 'utf8');
const PRESET = await readFile(join(REPO, 'crates/auditcfg-core/presets/production.json'), 'utf8');
const INPUT = api.policyInput(PRESET);

const PAGE = `<!doctype html><meta charset="utf-8"><title>policy</title>
<script type="module" src="/page.js"></script>`;
// The test data travels inside the page's own script (connect-src 'none').
const SCRIPT = `
const started = performance.now();
try {
  const policy = await import('/auditcfg/policy-browser.js');
  window.__result = {
    findings: policy.evaluate([${JSON.stringify(ORG)}], ${JSON.stringify(INPUT.document)}, ${JSON.stringify(INPUT.environment)}),
    check: policy.checkPolicy('[[rule]]\\ncode = "AC001"\\nrule = "true"\\nmessage = "m"\\n'),
    ms: performance.now() - started,
  };
} catch (e) {
  window.__error = String(e && e.stack || e);
}
`;

let server;
let origin;
let browser;

before(async () => {
  server = await serveRoutes(
    (path) => {
      if (path === '/') return { body: PAGE, type: 'text/html; charset=utf-8' };
      if (path === '/page.js') return { body: SCRIPT, type: 'text/javascript; charset=utf-8' };
      const file = path.startsWith('/auditcfg/') ? normalize(join(INSTALLED, decodeURIComponent(path.slice(10)))) : null;
      return file && file.startsWith(INSTALLED + sep) ? file : null;
    },
    { headers: { 'content-security-policy': CSP } },
  );
  origin = server.url;
  browser = (await launch()).browser;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the policy module loads and evaluates under connect-src 'none'", async () => {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 30_000 });
  const error = await page.evaluate(() => window.__error);
  assert.equal(error, undefined, error);
  const r = await page.evaluate(() => window.__result);
  // The same unplaced findings as in Node.
  const policy = await import(pathToFileURL(join(INSTALLED, 'policy-node.js')).href);
  assert.deepEqual(r.findings, policy.evaluate([ORG], INPUT.document, INPUT.environment));
  assert.equal(r.findings[0].code, 'ORG001');
  assert.equal(r.check.ok, false);
  assert.equal(r.check.errors[0].kind, 'reserved-code');
  // Only modules were loaded: no .wasm fetch (the CSP would have refused it).
  assert.ok(!requests.some((p) => p.endsWith('.wasm')), requests.join('\n'));
  assert.ok(requests.includes('/auditcfg/dist/policy_wasm.js'), requests.join('\n'));
  assert.deepEqual(problems, []);
  console.log(`# policy module: import + instantiate + first evaluation in the page: ${r.ms.toFixed(1)} ms`);
  await page.close();
});
