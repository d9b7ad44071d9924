// Browser tests of the auditcfg app (issue 6, part 1), in headless Debian
// Chromium against the built dist/ served on localhost with gzip.
//
//   scripts/test-app.sh              build dist/ if needed, then run these
//   node --test tests/browser/app.test.mjs   (dist/ must be built)
//
// One test per feature, a network test that fails on any request but the
// app's own static files, screenshots for the README (docs/screenshots/)
// and measurements written to BENCH_APP.md.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import {
  DIST,
  ROOT,
  bigDocument,
  caretAt,
  editorText,
  findings,
  openApp,
  referencePreset,
  seq,
  setText,
  stats,
  waitValidated,
  REPORTS,
  SHOTS,
  caret,
  selection,
  servedApp,
  watchedPage,
} from "./app-helpers.mjs";

const ENVS = ["development", "staging", "production", "test"];

const app = servedApp();
/** Every request any page made: { url, method, resourceType, page }. */
const requests = [];
/** Console errors, page errors and CSP violations of every page. */
const problems = [];
const bench = {};

/** A fresh context and page, with every request and problem recorded. */
async function newPage({ viewport = { width: 1440, height: 900 }, permissions = [], colorScheme = "light" } = {}) {
  return watchedPage(app.chromium, {
    problems,
    requests,
    label: test.name,
    permissions,
    origin: app.server.url,
    contextOptions: { viewport, acceptDownloads: true, colorScheme },
  });
}

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testid}]`)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, "utf8") };
}

async function openFile(page, name, content, mimeType = "application/octet-stream") {
  const before = await seq(page);
  await page.setInputFiles("[data-testid=open-file]", { name, mimeType, buffer: Buffer.from(content) });
  await waitValidated(page, before);
}

async function choosePreset(page, env) {
  const before = await seq(page);
  await page.selectOption("[data-testid=preset-select]", env);
  await waitValidated(page, before);
}

/** Offset in UTF-16 units of a 1-based line and UTF-16 column, in JS. */
function offsetOf(text, line, column) {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  return offset + column - 1;
}

test("editor: typing shows findings underlined, marked in the gutter and listed by severity with counts", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  const text = await editorText(page);
  assert.match(text, /"environment": "production"/);

  // Type a bad port over the server's 3000, key by key.
  const at = text.indexOf('"port": 3000') + '"port": '.length;
  await caretAt(page, at + 4);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("80");
  const port = page.locator('[data-testid=diagnostic][data-path="/server/port"]');
  await port.waitFor();
  assert.equal(await port.getAttribute("data-severity"), "error");
  assert.match(await port.getAttribute("data-code"), /^AC\d{3}$/);
  const line = Number(await port.getAttribute("data-line"));
  assert.equal(line, text.slice(0, at).split("\n").length);

  // Underlined at its range (CodeMirror lint), marked in the gutter.
  // `marked(selector)`: [text, line] of the editor's elements matching it.
  const marked = (selector) =>
    page.evaluate((sel) => {
      const view = globalThis.__auditcfgCM.of().view;
      return [...view.contentDOM.querySelectorAll(sel)].map((e) => [e.textContent, view.state.doc.lineAt(view.posAtDOM(e)).number]);
    }, selector);
  await page.waitForFunction(
    (n) => {
      const view = globalThis.__auditcfgCM.of().view;
      return [...view.contentDOM.querySelectorAll(".cm-lintRange-error")].some((e) => e.textContent === "80" && view.state.doc.lineAt(view.posAtDOM(e)).number === n);
    },
    line,
  );
  assert.ok((await page.locator(".cm-lint-marker-error").count()) >= 1, "marked in the gutter");
  // Listed by severity, with counts matching the rows.
  const all = await findings(page);
  const count = (s) => all.filter((f) => f.severity === s).length;
  assert.ok(count("error") >= 2, "the preset's own finding plus the port");
  assert.equal(Number(await page.textContent(".badge.error")), count("error"));
  assert.equal(Number(await page.textContent(".badge.warning")), count("warning"));
  assert.equal(Number(await page.textContent(".badge.info")), count("info"));
  assert.match(await page.textContent("[data-testid=counts] .sr-only"), new RegExp(`^${count("error")} errors?, `));
  const order = await page.$$eval("[data-testid=diagnostic]", (els) => els.map((e) => e.dataset.severity));
  const rank = { error: 0, warning: 1, info: 2 };
  assert.deepEqual(order, [...order].sort((a, b) => rank[a] - rank[b]), "errors, then warnings, then infos");

  // Syntax colouring and bracket matching.
  assert.ok((await page.locator(".cm-content .tok-propertyName").count()) > 20, "keys are coloured");
  assert.ok((await marked(".tok-number")).some(([t, n]) => t === "80" && n === line), "the number is coloured");
  const redis = text.indexOf('"redis": {') + '"redis": '.length;
  await caretAt(page, redis);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.querySelector(".cm-host").shadowRoot.querySelectorAll(".cm-matchingBracket").length === 2);
  const pair = (await marked(".cm-matchingBracket")).map(([t, n]) => [t, String(n)]);
  const closeLine = text.slice(0, text.indexOf("\n  },", redis)).split("\n").length + 1;
  assert.deepEqual(pair, [["{", "5"], ["}", String(closeLine)]]);

  // PageDown moves the caret a screenful and the view with it.
  await caretAt(page, 0);
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  const head = await caret(page);
  const pagedLine = text.slice(0, head).split("\n").length;
  const visible = await page.evaluate(() => {
    const c = document.querySelector(".cm-host").shadowRoot.querySelector(".cm-cursor, .cm-cursorLayer .cm-cursor");
    const s = document.querySelector(".cm-host").shadowRoot.querySelector(".cm-scroller").getBoundingClientRect();
    if (!c) return true;
    const r = c.getBoundingClientRect();
    return r.top >= s.top - 1 && r.bottom <= s.bottom + 1;
  });
  assert.ok(pagedLine > 40 && visible, JSON.stringify({ pagedLine, visible }));

  // Fixing it clears the finding.
  await page.keyboard.press("Control+End");
  await caretAt(page, at + 2);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("3000");
  await port.waitFor({ state: "detached" });
  assert.equal(await editorText(page), text);
  await context.close();
});

test("findings: clicking one (or Enter, or F8) moves the cursor to its UTF-16 offset", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  // Characters outside ASCII (2 and 4 bytes in UTF-8, 1 and 2 units in
  // UTF-16) before the findings make byte and UTF-16 offsets differ.
  const text = (await editorText(page)).replace('"version": "1.0.0"', '"version": "1.0.0-é😀"');
  await setText(page, text);
  const all = await findings(page);
  const version = all.find((f) => f.path === "/version");
  assert.ok(version, "the version pattern rejects é");
  const later = all.filter((f) => f.offset > version.offset);
  assert.ok(later.length > 0);

  for (const f of [version, ...later.slice(0, 3)]) {
    const expected = offsetOf(text, f.line, f.column);
    assert.equal(f.offset, expected, `${f.code} ${f.path}`);
    await page.click(`[data-testid=diagnostic][data-path="${f.path}"][data-code="${f.code}"]`);
    const state = await selection(page);
    assert.deepEqual(state, { start: expected, end: expected, focused: true }, `${f.code} ${f.path}`);
  }
  // The cursor lands on the value: /server/auth/redisUrl is a redis:// URL.
  const redis = all.find((f) => f.path === "/server/auth/redisUrl");
  assert.ok(text.slice(redis.offset).startsWith('"redis://'));

  // Enter on a focused finding.
  const row = page.locator(`[data-testid=diagnostic][data-path="${later[0].path}"]`).first();
  await row.focus();
  await page.keyboard.press("Enter");
  assert.equal(await caret(page), later[0].offset);

  // F8 goes to the next finding in the text, Shift+F8 to the previous.
  const offsets = [...new Set(all.map((f) => f.offset))].sort((a, b) => a - b);
  await caretAt(page, 0);
  await page.keyboard.press("F8");
  const sel = () => caret(page);
  assert.equal(await sel(), offsets.find((o) => o > 0));
  await caretAt(page, 0);
  await page.keyboard.press("Shift+F8");
  assert.equal(await sel(), offsets[offsets.length - 1], "wraps around");
  assert.match(await page.textContent("[data-testid=status]"), /^Finding \d+ of \d+: /);
  await context.close();
});

test("presets: start from any environment's preset with fresh secrets; Undo restores", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  const original = await editorText(page);
  const seen = new Set();
  for (const env of ENVS) {
    await choosePreset(page, env);
    const doc = JSON.parse(await editorText(page));
    const reference = JSON.parse(referencePreset(env));
    assert.equal(doc.environment, env);
    assert.match(doc.security.encryptionKey, /^[0-9a-f]{64}$/);
    assert.notEqual(doc.security.encryptionKey, reference.security.encryptionKey, "a fresh secret");
    assert.ok(!seen.has(doc.security.encryptionKey));
    seen.add(doc.security.encryptionKey);
    assert.ok(Math.abs(Date.parse(doc.lastUpdated) - Date.now()) < 120_000, "lastUpdated is now");
    assert.deepEqual(Object.keys(doc), Object.keys(reference), "every section, in upstream's order");
    assert.equal(await page.textContent("[data-testid=file-name]").then((t) => t.trim().split(/\s/)[0]), `${env}.json`);
    assert.equal(await page.inputValue("[data-testid=preset-select]"), "", "the select is ready for the next choice");
    // Not modified before an edit (issue #16 item 19): a new preset is the
    // document's origin, like an opened file.
    assert.equal(await page.title(), `${env}.json — auditcfg`, "not modified before an edit");
  }
  // Staging and production fail upstream's own validator (no recipients).
  await choosePreset(page, "staging");
  assert.ok((await findings(page)).some((f) => f.path === "/compliance/reportingSchedule/recipients"));

  const before = await seq(page);
  await page.click("[data-testid=undo-replace]");
  await waitValidated(page, before);
  assert.equal(await editorText(page), original, "Undo goes back to the document before the presets");
  await context.close();
});

test("environment select: the development preset validated as production gets production's errors", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  await choosePreset(page, "development");
  const asWritten = await findings(page);
  assert.ok(!asWritten.some((f) => f.path === "/database/ssl"));
  assert.match(await page.textContent(".validated-as"), /development/);

  let before = await seq(page);
  await page.selectOption("[data-testid=env-select]", "production");
  await waitValidated(page, before);
  const asProduction = await findings(page);
  const ssl = asProduction.find((f) => f.path === "/database/ssl");
  assert.equal(ssl?.severity, "error", "production requires database.ssl");
  assert.ok(asProduction.some((f) => f.path === "/logging/level" && f.severity === "error"), "no debug logging in production");
  assert.ok(asProduction.filter((f) => f.severity === "error").length > asWritten.filter((f) => f.severity === "error").length);
  assert.match(await page.textContent(".validated-as"), /production/);

  before = await seq(page);
  await page.selectOption("[data-testid=env-select]", "");
  await waitValidated(page, before);
  assert.deepEqual(await findings(page), asWritten);
  await context.close();
});

const SMALL_TOML = `# A hand-written config (most sections missing)
environment = "test"
version = "1.0.0"

[redis]
url = "redis://localhost:6379"
connectTimeout = 10
`;

test("open: the file picker opens JSON and TOML (CRLF too) and refuses what is not UTF-8", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  await openFile(page, "small.toml", SMALL_TOML.replaceAll("\n", "\r\n"), "application/toml");
  assert.equal(await editorText(page), SMALL_TOML, "line breaks normalised");
  assert.equal(await page.textContent("[data-testid=format]"), "TOML");
  assert.match(await page.textContent("[data-testid=file-name]"), /small\.toml/);
  const all = await findings(page);
  const timeout = all.find((f) => f.path === "/redis/connectTimeout");
  assert.equal(timeout?.line, 7);
  assert.ok(all.some((f) => f.path === "/database"), "missing sections are reported");
  await page.waitForFunction(() => document.querySelector(".cm-host").shadowRoot.querySelector(".cm-content > .cm-line:nth-child(5)")?.textContent === "[redis]");
  const header = await page.$$eval(".cm-content > .cm-line:nth-child(5) [class*=tok-]", (els) => els.map((e) => e.textContent).join(""));
  assert.match(header, /redis/, "the table header is coloured");
  const comment = await page.$$eval(".cm-content > .cm-line:nth-child(1) .tok-comment", (els) => els.map((e) => e.textContent).join(""));
  assert.equal(comment, "# A hand-written config (most sections missing)");

  const json = referencePreset("test");
  await openFile(page, "test.json", json, "application/json");
  assert.equal(await editorText(page), json);
  assert.equal(await page.textContent("[data-testid=format]"), "JSON");

  await page.setInputFiles("[data-testid=open-file]", {
    name: "latin1.json",
    mimeType: "application/json",
    buffer: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]),
  });
  await page.waitForFunction(() => /not UTF-8/.test(document.querySelector("[data-testid=status]").textContent));
  assert.equal(await editorText(page), json, "the document is kept");
  await context.close();
});

test("drag and drop: a file dropped on the editor opens", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  const text = referencePreset("staging");
  const before = await seq(page);
  const overlay = await page.evaluate(async (content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], "dropped.json", { type: "application/json" }));
    const target = document.querySelector(".cm-host").shadowRoot.querySelector("[data-testid=editor]");
    const fire = (type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt }));
    fire("dragenter");
    fire("dragover");
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const shown = getComputedStyle(document.querySelector(".drop-overlay")).display !== "none";
    const accepted = !fire("drop");
    return { shown, accepted };
  }, text);
  assert.deepEqual(overlay, { shown: true, accepted: true });
  await waitValidated(page, before);
  assert.equal(await editorText(page), text);
  assert.match(await page.textContent("[data-testid=file-name]"), /dropped\.json/);
  assert.equal(await page.locator(".drop-overlay").isVisible(), false);
  await page.screenshot({ path: join(SHOTS, "source-staging.png") });
  await context.close();
});

test("download: JSON and TOML (converted in the app); TOML opened again round-trips to the same JSON", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  const original = JSON.parse(await editorText(page));
  const json = await download(page, "download-json");
  assert.equal(json.name, "production.json");
  assert.deepEqual(JSON.parse(json.text), original);
  assert.equal(json.text, await editorText(page), "upstream's JSON.stringify(config, null, 2)");

  const toml = await download(page, "download-toml");
  assert.equal(toml.name, "production.toml");
  assert.match(toml.text, /^environment = "production"$/m);
  assert.match(toml.text, /^\[redis\]$/m);

  await openFile(page, "production.toml", toml.text, "application/toml");
  assert.equal(await page.textContent("[data-testid=format]"), "TOML");
  const back = await download(page, "download-json");
  assert.equal(back.name, "production.json");
  assert.deepEqual(JSON.parse(back.text), original);

  // Convert in place, and back.
  let before = await seq(page);
  await page.click("[data-testid=convert]");
  await waitValidated(page, before);
  assert.equal(await page.textContent("[data-testid=format]"), "JSON");
  assert.deepEqual(JSON.parse(await editorText(page)), original);

  // A document that does not parse is not exported.
  await setText(page, '{"environment": "production",');
  await page.click("[data-testid=download-json]");
  await page.waitForFunction(() => /syntax error/.test(document.querySelector("[data-testid=status]").textContent));
  await context.close();
});

function secretsOf(doc) {
  return [
    doc.security.encryptionKey,
    doc.server.auth.sessionSecret,
    "hunter2",
    "s3cr3t-pw",
    "tok-123456",
  ];
}

async function withSecrets(page) {
  const doc = JSON.parse(await editorText(page));
  doc.redis.url = "rediss://admin:hunter2@redis-prod:6380";
  doc.database.url = "postgresql://audit:s3cr3t-pw@postgres-prod:5432/audit_prod";
  doc.observability.tracing.headers = { Authorization: "Bearer tok-123456" };
  const text = JSON.stringify(doc, null, 2);
  await setText(page, text);
  return doc;
}

test("copy: the document and a masked copy go to the clipboard", async () => {
  const { context, page } = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
  await openApp(page, app.server.url);
  const doc = await withSecrets(page);
  await page.click("[data-testid=copy]");
  await page.waitForFunction(() => /Copied to the clipboard/.test(document.querySelector("[data-testid=status]").textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await editorText(page));

  await page.click("[data-testid=copy-masked]");
  await page.waitForFunction(() => /masked/.test(document.querySelector("[data-testid=status]").textContent));
  const masked = await page.evaluate(() => navigator.clipboard.readText());
  for (const s of secretsOf(doc)) assert.ok(!masked.includes(s), `no ${s.slice(0, 6)}… in the masked copy`);
  assert.match(masked, /\*\*\*MASKED\*\*\*/);
  await context.close();
});

test("masked export: no secret value in the file; URLs keep their shape", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  const doc = await withSecrets(page);
  const masked = await download(page, "download-masked");
  assert.equal(masked.name, "production.masked.json");
  for (const s of secretsOf(doc)) assert.ok(!masked.text.includes(s), `no ${s.slice(0, 6)}… in the export`);
  const value = JSON.parse(masked.text);
  assert.equal(value.security.encryptionKey, "***MASKED***");
  assert.equal(value.server.auth.sessionSecret, "***MASKED***");
  assert.equal(value.redis.url, "rediss://***:***@redis-prod:6380");
  assert.equal(value.database.poolSize, doc.database.poolSize, "everything else is kept");

  // In TOML when the document is TOML.
  const toml = await download(page, "download-toml");
  await openFile(page, "production.toml", toml.text, "application/toml");
  const maskedToml = await download(page, "download-masked");
  assert.equal(maskedToml.name, "production.masked.toml");
  for (const s of secretsOf(doc)) assert.ok(!maskedToml.text.includes(s));
  await context.close();
});

test("keyboard only: reach everything by Tab, edit, F8, leave the editor with Esc+Tab or Ctrl+M, Enter on a finding", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  // Every control has an accessible name.
  const unnamed = await page.$$eval("button, select, textarea, input:not([type=file]), [tabindex]:not([tabindex='-1'])", (els) =>
    els
      .filter((e) => e.offsetParent !== null || getComputedStyle(e).position === "fixed")
      .filter((e) => {
        const label = e.getAttribute("aria-label") || e.labels?.[0]?.textContent || e.textContent || e.title;
        return !label || !label.trim();
      })
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);

  // Tab from the top of the page reaches the editor.
  const active = () =>
    page.evaluate(() => {
      const a = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
      return a?.dataset?.testid ?? a?.tagName;
    });
  const visited = [];
  for (let i = 0; i < 25 && (await active()) !== "editor"; i++) {
    await page.keyboard.press("Tab");
    visited.push(await active());
  }
  assert.equal(await active(), "editor", `focus order: ${visited.join(" → ")}`);
  assert.ok(visited.includes("preset-select") && visited.includes("env-select") && visited.includes("tab-source"));
  // CodeMirror marks itself focused (cm-focused) on its next update, not in
  // the focus event itself: give it a moment before reading the ring.
  const ring = () => getComputedStyle(document.querySelector(".cm-host").shadowRoot.querySelector(".cm-editor")).boxShadow;
  await page
    .waitForFunction(() => getComputedStyle(document.querySelector(".cm-host").shadowRoot.querySelector(".cm-editor")).boxShadow !== "none", null, { timeout: 5_000 })
    .catch(() => {});
  const outline = await page.evaluate(ring);
  assert.notEqual(outline, "none", "the focused editor shows a focus ring");

  // Type a document; Enter indents inside the object; Tab indents.
  await page.keyboard.press("Control+a");
  await page.keyboard.type('{"environment": "qa",');
  await page.keyboard.press("Enter");
  await page.keyboard.type('"version": "1 0"}');
  let text = await editorText(page);
  assert.equal(text, '{"environment": "qa",\n  "version": "1 0"}');
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await editorText(page), text, "Tab and Shift+Tab indent and outdent the line");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=diagnostic][data-path='/environment']").length > 0);

  // F8 goes to the first finding after the caret.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("F8");
  const all = await findings(page);
  const first = Math.min(...all.map((f) => f.offset).filter((o) => o > 0));
  assert.equal(await caret(page), first);

  // Escape then Tab leaves the editor without inserting anything.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.notEqual(await active(), "editor");
  assert.equal(await editorText(page), text);
  // Shift+Tab comes back; Ctrl+M makes Tab move focus until pressed again.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await active(), "editor");
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  assert.notEqual(await active(), "editor");
  assert.equal(await editorText(page), text);
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  assert.equal(await active(), "editor", "Tab indents again");
  text = await editorText(page);

  // Tab on to the findings; Enter on one puts the cursor there.
  for (let i = 0; i < 25 && (await active()) !== "diagnostic"; i++) {
    if ((await active()) === "editor") await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
  }
  assert.equal(await active(), "diagnostic");
  const offset = Number(await page.evaluate(() => document.activeElement.dataset.offset));
  const focusStyle = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusStyle, "none", "focused findings show an outline");
  await page.keyboard.press("Enter");
  assert.equal(await active(), "editor");
  assert.equal(await caret(page), offset);
  await context.close();
});

async function luminance(page) {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

async function noPageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.documentElement.scrollHeight <= window.innerHeight);
}

test("themes and layouts: light and dark follow the system; laptop, wide and narrow windows (screenshots)", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await newPage({ colorScheme });
    await openApp(page, app.server.url);
    const l = await luminance(page);
    assert.ok(colorScheme === "dark" ? l < 0.2 : l > 0.8, `${colorScheme}: background luminance ${l}`);
    // Show an underlined finding and an active row.
    await page.locator("[data-testid=diagnostic]").first().click();
    await page.screenshot({ path: join(SHOTS, `source-${colorScheme}.png`) });
    await context.close();
  }
  const layouts = [
    { name: "laptop", width: 1280, height: 720, side: true },
    { name: "wide", width: 2560, height: 1440, side: true },
    { name: "narrow", width: 760, height: 1000, side: false },
  ];
  for (const { name, width, height, side } of layouts) {
    const { context, page } = await newPage({ viewport: { width, height } });
    await openApp(page, app.server.url);
    assert.ok(await noPageOverflow(page), `${name}: nothing overflows the window`);
    const editor = await page.locator(".editor-pane").boundingBox();
    const panel = await page.locator(".panel").boundingBox();
    if (side) {
      assert.ok(panel.x >= editor.x + editor.width - 1, `${name}: findings on the right`);
      assert.ok(editor.width >= width * 0.55, `${name}: the editor gets most of the width`);
    } else {
      assert.ok(panel.y >= editor.y + editor.height - 1, `${name}: findings below the editor`);
      assert.ok(editor.height >= 300 && panel.height >= 150);
    }
    const toolbar = await page.locator(".toolbar").boundingBox();
    assert.ok(toolbar.height < height / 4, `${name}: the toolbar stays compact`);
    await page.screenshot({ path: join(SHOTS, `source-${name}.png`) });
    await context.close();
  }
});

test("offline: once loaded, everything works with the network off", async () => {
  const { context, page } = await newPage();
  await openApp(page, app.server.url);
  await context.setOffline(true);
  await choosePreset(page, "test");
  assert.equal(JSON.parse(await editorText(page)).environment, "test");
  const text = (await editorText(page)).replace('"port": 3000', '"port": 1');
  await setText(page, text);
  assert.ok((await findings(page)).some((f) => f.path === "/server/port"));
  const toml = await download(page, "download-toml");
  assert.match(toml.text, /^port = 1$/m);
  await context.close();
});

// ---- Measurements (BENCH_APP.md) ----

async function keystrokes(page, { at, count, settleMs }) {
  await caretAt(page, at);
  await page.evaluate(() => {
    const panel = document.querySelector("[data-testid=findings]");
    const b = (window.__bench = { toDiagnostics: [], toFrame: [], browserEdit: [], handling: [], validation: [] });
    let t0 = 0;
    let waiting = false;
    document.addEventListener(
      "keydown",
      () => {
        t0 = performance.now();
        waiting = true;
        const start = t0;
        requestAnimationFrame(() => setTimeout(() => b.toFrame.push(performance.now() - start), 0));
      },
      { capture: true },
    );
    // The browser's own edit (CodeMirror lets it type characters and reads
    // the DOM; keys it handles itself, like Backspace, fire no `input`).
    document.addEventListener("input", () => b.browserEdit.push(performance.now() - t0), { capture: true });
    new MutationObserver(() => {
      if (!waiting) return;
      waiting = false;
      b.toDiagnostics.push(performance.now() - t0);
      b.validation.push(window.__auditcfgLastValidationMs);
      b.handling.push(window.__auditcfgLastInputMs);
    }).observe(panel, { attributes: true, attributeFilter: ["data-seq"] });
  });
  for (let i = 0; i < count; i++) {
    const n = await page.evaluate(() => window.__bench.toDiagnostics.length);
    await page.keyboard.press(i % 2 === 0 ? "7" : "Backspace");
    await page.waitForFunction((k) => window.__bench.toDiagnostics.length > k && window.__bench.toFrame.length > k, n);
    await page.waitForTimeout(settleMs);
  }
  return page.evaluate(() => window.__bench);
}

/**
 * Pastes `texts` in turn into the editor as a user does (the text on the
 * clipboard, Ctrl+A, Ctrl+V) and measures in the page, from the `paste`
 * event to the findings on screen: the findings panel's `data-seq`
 * changing, then the next frame drawn (requestAnimationFrame, then a
 * task). Not through the test driver, whose own delivery of 10 KB is not
 * the app's cost.
 */
async function pastes(page, texts) {
  await page.evaluate(() => {
    const panel = document.querySelector("[data-testid=findings]");
    const b = (window.__paste = { toFindings: [], toScreen: [], validation: [] });
    let t0 = 0;
    let waiting = false;
    document.addEventListener(
      "paste",
      () => {
        t0 = performance.now();
        waiting = true;
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (!waiting) return;
      waiting = false;
      const found = performance.now() - t0;
      b.toFindings.push(found);
      b.validation.push(window.__auditcfgLastValidationMs);
      const start = t0;
      requestAnimationFrame(() => setTimeout(() => b.toScreen.push(performance.now() - start), 0));
    }).observe(panel, { attributes: true, attributeFilter: ["data-seq"] });
  });
  for (const text of texts) {
    const n = await page.evaluate(() => window.__paste.toScreen.length);
    const editor = page.locator("[data-testid=editor]");
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await editor.focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+v");
    await page.waitForFunction((k) => window.__paste.toScreen.length > k, n);
    assert.equal(await editorText(page), text, "the paste replaced the document");
  }
  return page.evaluate(() => window.__paste);
}

function summarize(r, extra) {
  return { ...extra, ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stats(v)])) };
}

test("bench: load to interactive, bytes transferred, keystroke to diagnostics (BENCH_APP.md)", async () => {
  // First load to interactive, fresh context (no cache) each time; the
  // first run warms the server's gzip cache and is not counted.
  const loads = [];
  const transfers = [];
  for (let i = 0; i < 8; i++) {
    const { context, page } = await newPage();
    const mark = app.server.log.length;
    await openApp(page, app.server.url);
    loads.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        return {
          ready: window.__auditcfgReadyAt,
          findings: window.__auditcfgFirstFindingsAt,
          dcl: nav.domContentLoadedEventEnd,
          unpack: window.__auditcfgUnpack?.[0] ?? null,
        };
      }),
    );
    // The favicon comes last, on its own schedule: wait for it (briefly).
    for (let t = 0; t < 40 && !app.server.log.slice(mark).some((e) => e.path.endsWith("favicon.svg") && e.status); t++) {
      await page.waitForTimeout(25);
    }
    const log = app.server.log.slice(mark).filter((e) => e.status === 200);
    transfers.push({ bytes: log.reduce((s, e) => s + e.bytes, 0), requests: log.length, files: log.map((e) => [e.path, e.bytes]) });
    await context.close();
  }
  const counted = loads.slice(1);
  bench.ready = stats(counted.map((l) => l.ready));
  bench.findings = stats(counted.map((l) => l.findings));
  bench.dcl = stats(counted.map((l) => l.dcl));
  // The release build carries its wasm as LZMA (scripts/wasm-literal.mjs):
  // the time its unpacker took, part of "interactive".
  assert.ok(counted.every((l) => typeof l.unpack === "number" && l.unpack > 0), "the boot module unpacked the LZMA wasm");
  bench.unpack = stats(counted.map((l) => l.unpack));
  bench.transfer = transfers[1];
  const files = (t) => t.files.map(([p]) => p).filter((p) => !p.endsWith("favicon.svg")).sort().join(" ");
  assert.ok(transfers.every((t) => files(t) === files(transfers[1])), "every load fetches the same files, once");
  assert.ok(
    transfers.every((t) => t.requests <= 7),
    "index.html, its CSS, the boot module, the editor (CodeMirror), the JS glue, the custom element's snippet and the icon",
  );

  // Keystroke → diagnostics on the production preset.
  {
    const { context, page } = await newPage();
    await openApp(page, app.server.url);
    const text = await editorText(page);
    const r = await keystrokes(page, { at: text.indexOf('"poolSize": 25') + 14, count: 40, settleMs: 30 });
    bench.preset = summarize(r, { bytes: text.length, lines: text.split("\n").length });
    await context.close();
  }
  // Paste a 10 KB config (the staging preset, with its findings) into a
  // fresh page: the first paste of each page, then later ones alternating
  // with the development preset.
  {
    const staging = referencePreset("staging");
    const development = referencePreset("development");
    const first = { toFindings: [], toScreen: [], validation: [] };
    let later;
    for (let i = 0; i < 5; i++) {
      const { context, page } = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
      await openApp(page, app.server.url);
      const r = await pastes(page, i === 4 ? [staging, development, staging, development, staging, development, staging] : [staging]);
      for (const k of Object.keys(first)) first[k].push(r[k][0]);
      if (i === 4) later = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.slice(1)]));
      await context.close();
    }
    bench.pasteFirst = summarize(first, { bytes: staging.length });
    bench.pasteLater = summarize(later, { bytes: staging.length });
  }
  // And on a 200 KB document, editing near the top and near the end.
  {
    const { context, page } = await newPage();
    await openApp(page, app.server.url);
    const big = bigDocument(200 * 1024);
    await openFile(page, "big.json", big, "application/json");
    const top = await keystrokes(page, { at: big.indexOf('"poolSize": 25') + 14, count: 12, settleMs: 50 });
    const end = await keystrokes(page, { at: big.lastIndexOf('"burst": 100') + 12, count: 12, settleMs: 50 });
    const merged = Object.fromEntries(Object.keys(top).map((k) => [k, [...top[k], ...end[k]]]));
    bench.big = summarize(merged, { bytes: big.length, lines: big.split("\n").length, findings: (await findings(page)).length });
    await page.screenshot({ path: join(SHOTS, "source-200kb.png") });
    await context.close();
  }
  writeBench();
  // Budgets are measurements, reported (BENCH_APP.md, BENCHMARKS.md), not
  // asserted: a timed or sized test fails on a loaded machine for reasons
  // that are not bugs (the brief: targets belong in benchmarks). What this
  // test asserts is that each measure was taken.
  for (const [what, value, budget] of [
    ["page load, bytes transferred", bench.transfer.bytes, 600 * 1024],
    ["keystroke → diagnostics on the preset, median ms", bench.preset.toDiagnostics.median, 16],
    ["keystroke on 200 KB, editor handling median ms", bench.big.handling.median, 16],
    ["paste of 10 KB → findings on screen, first in a page, median ms", bench.pasteFirst.toScreen.median, 30],
  ]) {
    // (The app's own handling of a change is now a copy of the text and a
    // timer: it may round to 0 ms.)
    assert.ok(Number.isFinite(value) && value >= 0, `${what} was measured`);
    if (value >= budget) process.stderr.write(`budget exceeded: ${what} ${value} (budget ${budget})\n`);
  }
});

function version(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

function writeBench() {
  const f = (x) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(1));
  const row = (label, s, goal = "") => `| ${label} | ${f(s.median)} | ${f(s.p95)} | ${s.n} | ${goal} |`;
  const docRows = (label, d, goal) =>
    [
      ["keystroke → diagnostics updated", d.toDiagnostics, goal],
      ["keystroke → next frame", d.toFrame, ""],
      ["browser's own edit (until `input`)", d.browserEdit, ""],
      ["editor handling (app)", d.handling, "< 16"],
      ["validation (core + mapping)", d.validation, ""],
    ]
      .map(([m, s, g], i) => `| ${i === 0 ? label : ""} | ${m} | ${f(s.median)} | ${f(s.p95)} | ${s.n} | ${g} |`)
      .join("\n");
  const distFiles = bench.transfer.files
    .map(([path, bytes]) => {
      const file = join(DIST, path === "/" ? "index.html" : decodeURIComponent(path.replace(/^\//, "")));
      const raw = existsSync(file) ? statSync(file).size : 0;
      return `| \`${path}\` | ${raw.toLocaleString("en")} | ${bytes.toLocaleString("en")} |`;
    })
    .join("\n");
  const chromiumVersion = version("/usr/bin/chromium", ["--version"]).replace(/ built on.*/, "");
  const md = `# Browser app measurements

Measured by \`tests/browser/app.test.mjs\` (\`scripts/test-app.sh\`) in headless
${chromiumVersion} (Debian) on this machine (${version("nproc", [])} cores,
shared with other builds: medians are the figures to read, p95s carry the
noise), against the release build of \`dist/\` served on localhost by
\`tests/browser/app-server.mjs\` with gzip (level 6, as common servers do).
Times in milliseconds. Regenerated by every run of the tests.

## Load

| what | median | p95 | runs | goal |
|---|---|---|---|---|
${row("navigation start → interactive (editor shows the document, accepts input)", bench.ready, "< 500")}
${row("navigation start → first findings on screen", bench.findings)}
${row("DOMContentLoaded", bench.dcl)}
${row("of interactive: unpacking the LZMA-packed wasm (crates/auditcfg-lzma)", bench.unpack)}

Each run is a fresh browser context (empty cache). Interactive is when the
app has mounted and the editor holds the production preset, coloured, with
the caret in it (\`document.body.dataset.ready\`, \`window.__auditcfgReadyAt\`);
the first validation runs right after that first paint
(\`window.__auditcfgFirstFindingsAt\`): it includes the core building its
schema validator, a one-off cost.

## Bytes transferred (gzip)

${bench.transfer.requests} requests, **${bench.transfer.bytes.toLocaleString("en")} bytes** in total (goal < 600 KB = 614,400 bytes).

| file | raw bytes | transferred (gzip) |
|---|---|---|
${distFiles}

The WebAssembly travels inside \`boot-*.js\`, since the CSP's
\`connect-src 'none'\` forbids fetching it: packed as LZMA by \`xz -9e\`, in
base64 (which gzip brings back to about the packed size), with the few-KB
wasm module that unpacks it in the page (\`crates/auditcfg-lzma\`) before
the app's module is compiled (\`scripts/wasm-literal.mjs\`).

## Paste a 10 KB config

The staging preset (${bench.pasteFirst.bytes.toLocaleString("en")} B) put on the clipboard, then Ctrl+A and
Ctrl+V in the editor. Measured in the page from the \`paste\` event to the findings panel's \`data-seq\` changing ("findings
updated") and to the next frame drawn after it ("on screen"). "First" is
the first paste in a freshly loaded page (5 pages), "later" the following
pastes in one page, alternating with the development preset.

| paste | measure | median | p95 | samples | goal |
|---|---|---|---|---|---|
| first in a page | findings updated | ${f(bench.pasteFirst.toFindings.median)} | ${f(bench.pasteFirst.toFindings.p95)} | ${bench.pasteFirst.toFindings.n} | |
|  | on screen | ${f(bench.pasteFirst.toScreen.median)} | ${f(bench.pasteFirst.toScreen.p95)} | ${bench.pasteFirst.toScreen.n} | < 30 |
|  | validation (core + mapping) | ${f(bench.pasteFirst.validation.median)} | ${f(bench.pasteFirst.validation.p95)} | ${bench.pasteFirst.validation.n} | |
| later | findings updated | ${f(bench.pasteLater.toFindings.median)} | ${f(bench.pasteLater.toFindings.p95)} | ${bench.pasteLater.toFindings.n} | |
|  | on screen | ${f(bench.pasteLater.toScreen.median)} | ${f(bench.pasteLater.toScreen.p95)} | ${bench.pasteLater.toScreen.n} | < 30 |
|  | validation (core + mapping) | ${f(bench.pasteLater.validation.median)} | ${f(bench.pasteLater.validation.p95)} | ${bench.pasteLater.validation.n} | |

## Keystroke to updated diagnostics

A real key press (Playwright \`keyboard.press\`) alternately types a digit and
deletes it inside a number. Measured in the page from \`keydown\`:
"diagnostics updated" is when the findings panel changes (a
MutationObserver on its \`data-seq\`, set once underlines, gutter and list
are up to date); "next frame" is when the frame after the keystroke has
been produced (requestAnimationFrame, then a task). The parts: the browser's
own editing of the textarea (until \`input\`); the editor's handling
(re-colouring, the lines in view, gutter, cursor, plus the validation when
the scheduler runs it inline: \`window.__auditcfgLastInputMs\`); the
validation itself (core \`validate\` plus mapping findings to lines and
UTF-16 offsets: \`window.__auditcfgLastValidationMs\`).

| document | measure | median | p95 | samples | goal |
|---|---|---|---|---|---|
${docRows(`production preset (${bench.preset.bytes.toLocaleString("en")} B, ${bench.preset.lines} lines)`, bench.preset, "< 16")}
${docRows(`200 KB document (${bench.big.bytes.toLocaleString("en")} B, ${bench.big.lines.toLocaleString("en")} lines, ${bench.big.findings} findings)`, bench.big, "")}

How validation is scheduled (\`src/schedule.rs\`): when the last validation
took at most 6 ms it runs in the input event itself (at most once per
frame; keystrokes arriving in the same frame are coalesced into one run on
the next animation frame); up to 12 ms it runs on the next animation frame;
beyond that (large documents) it waits for a pause in typing of about twice
its cost (80–400 ms, and at least once a second during continuous typing),
so typing never waits for it. Only the lines in view (plus a screenful on
each side) are in the DOM, so the editor's work per keystroke does not grow
with the document beyond re-tokenizing it.
`;
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, "BENCH_APP.md"), md);
}

test("network: a whole session requested nothing but the app's own static files; no CSP violation, no error", async () => {
  // Let requests still in flight from the last closed page (an icon) finish.
  await new Promise((r) => setTimeout(r, 300));
  const origin = new URL(app.server.url).origin;
  const bad = requests.filter(({ url }) => {
    if (url.startsWith(`blob:${origin}/`)) return false; // downloads made in the page
    const u = new URL(url);
    if (u.origin !== origin) return true;
    const path = decodeURIComponent(u.pathname);
    const file = join(DIST, path === "/" ? "index.html" : path.slice(1));
    return !existsSync(file) || !statSync(file).isFile() || u.search !== "";
  });
  assert.ok(requests.length > 20, "the session was recorded");
  assert.deepEqual(bad, [], "requests other than the app's static files");
  // Status 0: the page closed before the answer (only ever the icon).
  const failed = app.server.log.filter((e) => e.status !== 200 && !(e.status === 0 && e.path === "/favicon.svg"));
  assert.deepEqual(failed, [], "every request the server saw was one of dist/'s files");
  const kinds = new Set(requests.filter((r) => !r.url.startsWith("blob:")).map((r) => r.type));
  for (const k of kinds) assert.ok(["document", "stylesheet", "script", "image", "other"].includes(k), `request type ${k}`);
  assert.deepEqual(problems, []);
  // The CSP is in the page: connections and inline scripts are forbidden.
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  assert.match(html, /connect-src 'none'/);
  assert.doesNotMatch(html.replace(/<script\b[^>]*\bsrc=[^>]*><\/script>/g, ""), /<script/i, "no inline script");
});
