// Helpers for the app's browser tests: Debian's Chromium through
// playwright-core (never a downloaded browser), the served dist/, and the
// documents the tests use.

import { chromium } from "playwright-core";
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { serveDist } from "./app-server.mjs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = join(ROOT, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches headless Chromium; returns { browser, close }. Playwright gives
 * every launch a fresh temporary profile (its own --user-data-dir), and each
 * test a fresh context on top.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-default-apps",
      "--disable-extensions",
      "--metrics-recording-only",
      "--no-default-browser-check",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * Registers the hooks of a test file of the app: before its tests, serves
 * the built dist/ on loopback and launches Chromium (and creates the
 * screenshot folder); after them, closes both. Returns `{ server, chromium }`,
 * filled in once the tests run.
 */
export function servedApp() {
  const app = { server: null, chromium: null };
  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is not built: run scripts/build-app.sh");
    app.server = await serveDist({ dir: DIST });
    app.chromium = await launch();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await app.chromium?.close();
    await app.server?.close();
  });
  return app;
}

/**
 * A fresh context (or `context`, when given) and page whose problems are
 * recorded: every console error, page error and CSP violation goes to
 * `problems` as `"<label>: …"`, and, when `requests` is given, every request
 * as `{ url, method, type, test }`. `label` names the test.
 */
export async function watchedPage(chromium, { problems, requests, label = "", context, contextOptions = {}, permissions = [], origin } = {}) {
  const ctx = context ?? (await chromium.browser.newContext({ viewport: { width: 1440, height: 900 }, ...contextOptions }));
  if (permissions.length) await ctx.grantPermissions(permissions, { origin });
  await ctx.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await ctx.newPage();
  if (requests) ctx.on("request", (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType(), test: label }));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`${label}: console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${label}: page error: ${e.message}`));
  return { context: ctx, page };
}

/**
 * Everything the page's origin keeps in browser storage (localStorage,
 * sessionStorage, IndexedDB), as one text; `dbs`: how many IndexedDB
 * databases there are.
 */
export async function storageDump(page) {
  return page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < localStorage.length; i++) out.push(`${localStorage.key(i)}=${localStorage.getItem(localStorage.key(i))}`);
    for (let i = 0; i < sessionStorage.length; i++) out.push(`session:${sessionStorage.key(i)}=${sessionStorage.getItem(sessionStorage.key(i))}`);
    const dbs = (await indexedDB.databases?.()) ?? [];
    for (const { name } of dbs) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
        });
        out.push(`idb:${name}/${store}=${JSON.stringify(all)}`);
      }
      db.close();
    }
    return { text: out.join("\n"), dbs: dbs.length };
  });
}

/** Opens the app in a page and waits until it says it is ready. */
export async function openApp(page, url) {
  await page.goto(`${url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  // The first validation has run and its findings are in the DOM.
  await page.waitForFunction(() => Number(document.querySelector("[data-testid=findings]")?.dataset.seq) > 0);
}

/** The editor's text. */
export const editorText = (page) =>
  page.evaluate(() => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")));

/** The editor's main selection `{start, end, focused}` (UTF-16 offsets). */
export const selection = (page) =>
  page.evaluate(() => {
    const t = document.querySelector("[data-testid=editor]");
    const view = globalThis.__auditcfgCM.of(t).view;
    const { from, to } = view.state.selection.main;
    return { start: from, end: to, focused: view.hasFocus };
  });

/** The caret's UTF-16 offset. */
export const caret = async (page) => (await selection(page)).start;

/** The current validation sequence number (bumped after each validation). */
export const seq = (page) =>
  page.evaluate(() => Number(document.querySelector("[data-testid=findings]").dataset.seq));

/** Waits for a validation after `before`. */
export async function waitValidated(page, before) {
  await page.waitForFunction(
    (b) => Number(document.querySelector("[data-testid=findings]").dataset.seq) > b,
    before,
  );
}

/** All findings as { severity, code, path, line, column, offset, message }. */
export function findings(page) {
  return page.$$eval("[data-testid=diagnostic]", (els) =>
    els.map((e) => ({
      severity: e.dataset.severity,
      code: e.dataset.code,
      path: e.dataset.path,
      line: Number(e.dataset.line),
      column: Number(e.dataset.column),
      offset: Number(e.dataset.offset),
      message: e.querySelector(".msg")?.textContent ?? "",
    })),
  );
}

/** Replaces the editor's text as a paste would (one input event); waits for its validation. */
export async function setText(page, text) {
  const before = await seq(page);
  await replaceText(page, page.locator("[data-testid=editor]"), text);
  await waitValidated(page, before);
}

/**
 * Replaces the text of the CodeMirror editor at `editor` (its content
 * element) as a user does: select all with Ctrl+A (CodeMirror's command),
 * then the new text as one input event (CDP Input.insertText, as an IME or
 * an emoji keyboard inserts text).
 *
 * Not `locator.fill()`: it selects the content element's children with a
 * DOM range and inserts at once. CodeMirror draws only the lines in view
 * (the rest is a `.cm-gap` element), and Chromium ends that selection at
 * the gap; when the input arrives before CodeMirror has read the new
 * selection (a race), only the drawn lines are replaced and the rest of the
 * old text stays (seen as a text ~1.9x as long). A user's selection
 * (keyboard or mouse) is read by CodeMirror before the next key.
 */
export async function replaceText(page, editor, text) {
  await editor.focus();
  await page.keyboard.press("Control+a");
  if (text) await page.keyboard.insertText(text);
  else await page.keyboard.press("Delete");
}

/** Puts the caret at a UTF-16 offset in the editor and scrolls its line into view. */
export async function caretAt(page, offset) {
  await page.locator("[data-testid=editor]").focus();
  await page.evaluate(async (o) => {
    globalThis.__auditcfgCM.select(document.querySelector("[data-testid=editor]"), o, o);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, offset);
}

/** The reference preset of an environment (as shipped with the core). */
export function referencePreset(env) {
  return readFileSync(join(ROOT, "crates/auditcfg-core/presets", `${env}.json`), "utf8");
}

/**
 * A ~`size`-byte config: the production preset plus extra (unknown, kept)
 * sections of realistic shape, pretty-printed as upstream writes configs.
 */
export function bigDocument(size = 200 * 1024) {
  const doc = JSON.parse(referencePreset("production"));
  doc.tenants = {};
  let i = 0;
  while (JSON.stringify(doc, null, 2).length < size) {
    for (let k = 0; k < 20; k++, i++) {
      doc.tenants[`tenant-${String(i).padStart(5, "0")}`] = {
        displayName: `Clinic ${i}`,
        region: ["eu-west-1", "us-east-1", "ap-south-1"][i % 3],
        retentionDays: 365 + (i % 7) * 30,
        pseudonymize: i % 2 === 0,
        contacts: [`dpo+${i}@example.org`, `ops+${i}@example.org`],
        limits: { rps: 50 + (i % 10), burst: 100, queue: { depth: 1000, ttlMs: 60000 } },
      };
    }
  }
  return JSON.stringify(doc, null, 2);
}

/** Median and 95th percentile of numbers. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

// Where a test run writes its screenshots and measurement reports: an
// ignored folder, so running the tests never changes a tracked file.
// `scripts/refresh-docs.sh` sets AUDITCFG_PUBLISH=1 to refresh the committed
// ones (docs/screenshots/, BENCH_APP.md, BENCH_APP2.md).
export const PUBLISH = process.env.AUDITCFG_PUBLISH === "1";
export const REPORTS = PUBLISH ? ROOT : join(ROOT, "target", "reports");
export const SHOTS = PUBLISH ? join(ROOT, "docs", "screenshots") : join(REPORTS, "screenshots");
