// The packed package in a real browser: Debian's Chromium, driven by
// playwright-core, loads tests/browser/pkg.html from a local static server
// that serves the installed package at /auditcfg/. The page imports
// 'auditcfg' through an import map (a plain <script type="module">, no
// bundler), validates a document, seals and opens its secrets.
//
//   node --test tests/browser/pkg.test.mjs   (needs /usr/bin/chromium:
//   scripts/setup.sh browser; and a built pkg/: scripts/build-pkg.sh)
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

/** URL prefix → directory served there. */
const ROOTS = [
  ['/auditcfg/', INSTALLED],
  ['/presets/', join(REPO, 'crates/auditcfg-core/presets')],
];

let server;
let origin;
let browser;

function resolve(urlPath) {
  if (urlPath === '/' || urlPath === '/index.html') return join(REPO, 'tests/browser/pkg.html');
  for (const [prefix, dir] of ROOTS) {
    if (urlPath.startsWith(prefix)) {
      const file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
      return file.startsWith(dir + sep) ? file : null;
    }
  }
  return null;
}

before(async () => {
  server = await serveRoutes(resolve);
  origin = server.url;
  browser = (await launch()).browser;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a plain HTML page imports the package and validates a document', async () => {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 30_000 });
  const error = await page.evaluate(() => window.__error);
  assert.equal(error, undefined, error);
  const r = await page.evaluate(() => window.__result);

  const text = await readFile(join(REPO, 'crates/auditcfg-core/presets/production.json'), 'utf8');
  const expected = api.validate(text);
  assert.equal(r.version, api.version());
  assert.equal(r.format, 'json');
  assert.equal(r.environment, 'production');
  assert.deepEqual(r.counts, expected.counts);
  assert.deepEqual(r.codes, expected.diagnostics.map((d) => d.code));
  // UTF-16 columns as the browser's own strings count them.
  assert.equal(r.emoji.columnUtf16, r.emojiIndex + 1);
  // 😀: 4 bytes, 2 units; 監 and 査: 3 bytes, 1 unit each.
  assert.equal(r.emoji.column, r.emojiIndex + 1 + 2 + 2 * 2);
  // crypto.getRandomValues-backed encryption works in the page.
  assert.equal(r.sealedHasCiphertext, true);
  assert.equal(r.roundTrip, true);
  assert.ok(r.diffOfSealed > 0);
  assert.equal(r.unknownEnvironment, 'UNKNOWN_ENVIRONMENT');
  assert.equal(r.presetKey, true);
  // encryptFileAsync and deriveKeyAsync ran PBKDF2 in the page's WebCrypto.
  assert.equal(r.asyncRoundTrip, true);
  assert.equal(r.asyncKeysEqual, true);
  assert.equal(r.webCryptoCalls, 2);
  assert.match(await page.textContent('#result'), /^\d+ errors, \d+ warnings, \d+ info$/);

  // The .wasm came from our server as application/wasm (streaming
  // compilation, no fallback warning), and nothing else was contacted.
  assert.ok(requests.some((u) => u.endsWith('/auditcfg/dist/auditcfg_bg.wasm')), requests.join('\n'));
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(origin)),
    [],
    'the page contacted another origin',
  );
  assert.deepEqual(problems, []);
  await page.close();
});
