// The CodeMirror 6 editor fed by the core (issue 14), as a user sees it:
// completion inside `redis`, hover on `poolSize`, a misspelt key repaired
// by its Fix button (panel and lint tooltip), undo across the source and
// the form, and no CSP violation. The completion latency is measured and
// written to target/reports/BENCH_EDITOR.md (reported, not asserted).
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, REPORTS, SHOTS, caretAt, editorText, findings, openApp, referencePreset, selection, setText, stats, watchedPage, servedApp } from "./app-helpers.mjs";

const app = servedApp();
const problems = [];
let current = "";
beforeEach((t) => {
  current = t.name;
});

after(async () => {
  assert.deepEqual(problems, [], "no CSP violation, console error or page error");
});

async function newPage() {
  const { context, page } = await watchedPage(app.chromium, { problems, label: current });
  await openApp(page, app.server.url);
  return { context, page };
}

test("Ctrl+Space inside redis lists the missing keys; Enter inserts one with its preset value and the document stays valid", async () => {
  const { context, page } = await newPage();
  const full = referencePreset("production");
  const doc = JSON.parse(full);
  const missing = Object.keys(doc.redis).find((k) => k !== "url");
  // Remove one key of `redis` (not the last), then complete it back.
  const removed = { ...doc, redis: Object.fromEntries(Object.entries(doc.redis).filter(([k]) => k !== missing)) };
  const text = JSON.stringify(removed, null, 2) + "\n";
  await setText(page, text);
  const inRedis = text.indexOf('"redis": {') + '"redis": {'.length;
  const times = [];
  for (let i = 0; i < 6; i++) {
    await caretAt(page, inRedis);
    await page.keyboard.press("Enter");
    await page.evaluate(() => {
      window.__cmT0 = 0;
      window.__cmOptionAt = 0;
      if (!window.__cmKeys) {
        window.__cmKeys = true;
        document.addEventListener("keydown", (e) => { if (e.key === " " && e.ctrlKey) window.__cmT0 = performance.now(); }, { capture: true });
      }
      const mo = new MutationObserver(() => {
        if (document.querySelector(".cm-host").shadowRoot.querySelector(".cm-tooltip-autocomplete [role=option]")) {
          window.__cmOptionAt = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(document.querySelector(".cm-host").shadowRoot, { childList: true, subtree: true });
    });
    await page.keyboard.press("Control+Space");
    await page.locator(".cm-tooltip-autocomplete [role=option]").first().waitFor();
    times.push(await page.evaluate(() => window.__cmOptionAt - window.__cmT0));
    const labels = await page.$$eval(".cm-tooltip-autocomplete [role=option] .cm-completionLabel", (els) => els.map((e) => e.textContent));
    assert.ok(labels.includes(missing), `${missing} in ${labels.join(",")}`);
    assert.ok(!labels.includes("url"), "present keys are not offered");
    if (i < 5) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+z");
      assert.equal(await editorText(page), text);
    }
  }
  // Choose the missing key and accept it with Enter.
  const labels = await page.$$eval(".cm-tooltip-autocomplete [role=option] .cm-completionLabel", (els) => els.map((e) => e.textContent));
  for (let i = 0; i < labels.indexOf(missing); i++) await page.keyboard.press("ArrowDown");
  // CodeMirror ignores an Enter within 75 ms of the list appearing (its
  // interactionDelay, against accidental picks).
  await page.waitForTimeout(150);
  await page.keyboard.press("Enter");
  const out = await editorText(page);
  const parsed = JSON.parse(out);
  assert.deepEqual(parsed.redis[missing], doc.redis[missing], `the preset value: ${JSON.stringify(out.slice(inRedis - 12, inRedis + 60))}`);
  await page.screenshot({ path: join(SHOTS, "editor-completion.png") });
  const s = stats(times);
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(
    join(REPORTS, "BENCH_EDITOR.md"),
    `# Editor measurements\n\nCtrl+Space → completion list in the DOM (production preset, inside \`redis\`): median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.n}; budget 50 ms, reported, not asserted; from the keydown to the first option in the DOM).\n`,
  );
  if (s.median >= 50) process.stderr.write(`budget exceeded: completion median ${s.median} ms (budget 50)\n`);
  await context.close();
});

test("hovering poolSize shows its description and its limits 1 to 100", async () => {
  const { context, page } = await newPage();
  const text = await editorText(page);
  const at = text.indexOf('"poolSize"') + 3;
  await caretAt(page, at);
  const box = await page.evaluate((o) => {
    const view = globalThis.__auditcfgCM.of(document.querySelector("[data-testid=editor]")).view;
    const r = view.coordsAtPos(o);
    return { x: r.left + 2, y: (r.top + r.bottom) / 2 };
  }, at);
  await page.mouse.move(box.x, box.y);
  const tip = page.locator("[role=tooltip].cm-auditcfg-hover");
  await tip.waitFor({ timeout: 5000 });
  const content = await tip.textContent();
  assert.match(content, /1 to 100/);
  assert.match(content, /pool/i, "the description");
  await context.close();
});

test("a misspelt key shows a finding with a Fix button that repairs it (panel and lint tooltip)", async () => {
  const { context, page } = await newPage();
  const good = await editorText(page);
  const bad = good.replace('"poolSize"', '"poolSzie"');
  await setText(page, bad);
  const row = page.locator('[data-testid=diagnostic][data-code=AC318]').first();
  await row.waitFor();
  const fix = page.locator("[data-testid=findings] li:has([data-testid=diagnostic][data-code=AC318]) [data-testid=fix]").first();
  await fix.waitFor();
  await fix.click();
  await page.waitForFunction((g) => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")) === g, good);
  await page.waitForFunction(() => !document.querySelector('[data-testid=diagnostic][data-code=AC318]'));
  // Undo brings the typo back; the lint tooltip has its own Fix button.
  await page.keyboard.press("Control+z");
  assert.equal(await editorText(page), bad);
  const at = bad.indexOf("poolSzie") + 2;
  await caretAt(page, at);
  const box = await page.evaluate((o) => {
    const view = globalThis.__auditcfgCM.of(document.querySelector("[data-testid=editor]")).view;
    const r = view.coordsAtPos(o);
    return { x: r.left + 1, y: (r.top + r.bottom) / 2 };
  }, at);
  await page.mouse.move(box.x, box.y);
  const tipFix = page.locator(".cm-tooltip-lint [data-testid=fix], .cm-tooltip [data-testid=fix]").first();
  await tipFix.waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(SHOTS, "editor-fix.png") });
  await tipFix.click();
  await page.waitForFunction((g) => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")) === g, good);
  // Explain shows the code's documentation.
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=diagnostic]").length > 0);
  // The codes' documentation is a module of its own (dist/docs.js), not
  // part of the page load: imported when Explain is first opened.
  const docsLoaded = () =>
    page.evaluate(() => performance.getEntriesByType("resource").some((e) => new URL(e.name).pathname.endsWith("/docs.js")));
  assert.equal(await docsLoaded(), false, "docs.js is not loaded before Explain is opened");
  const code = await page.locator("[data-testid=diagnostic]").first().getAttribute("data-code");
  const explain = page.locator("[data-testid=explain]").first();
  await explain.locator("summary").click();
  // The docs render on the details' `toggle` event, which the browser
  // fires in a task after the click, once the module is imported: the
  // registry's text for this finding's code, its What/Why/Example/Fix.
  await page.waitForFunction(
    (c) => {
      const t = document.querySelector("[data-testid=explain] .explain-docs")?.textContent ?? "";
      return t.startsWith("`" + c + "`") && t.includes("**Fix.**");
    },
    code,
    { timeout: 5000 },
  );
  assert.equal(await docsLoaded(), true);
  assert.ok((await findings(page)).every((f) => f.code !== "AC318"));
  await context.close();
});

test("folding comes from the core (TOML, which CodeMirror cannot fold itself) and follows edits", async () => {
  const { context, page } = await newPage();
  const toml = [
    'environment = "production"',
    "",
    "[redis]",
    'url = "rediss://redis-prod:6380"',
    "connectTimeout = 5000",
    "commandTimeout = 3000",
    "",
    "[database]",
    'url = "postgresql://db:5432/audit"',
    "poolSize = 25",
    "",
  ].join("\n");
  await setText(page, toml);
  const content = () =>
    page.evaluate(() => document.querySelector(".cm-host").shadowRoot.querySelector(".cm-content").textContent);
  // The core's ranges arrive after a pause in typing; then Ctrl+Shift+[ on
  // the [redis] line folds its table (the fold gutter shows a marker).
  const foldAt = async (needle) => {
    await caretAt(page, (await editorText(page)).indexOf(needle));
    await page.waitForTimeout(200);
    await page.keyboard.press("Control+Shift+BracketLeft");
    await page.locator(".cm-foldPlaceholder").first().waitFor({ timeout: 5000 });
  };
  await foldAt("[redis]");
  assert.ok(!(await content()).includes("connectTimeout"), "the table's lines are hidden");
  assert.ok((await content()).includes("[database]"), "the next table is not");
  await page.keyboard.press("Control+Shift+BracketRight");
  await page.waitForFunction(() => !document.querySelector(".cm-host").shadowRoot.querySelector(".cm-foldPlaceholder"));
  assert.ok((await content()).includes("connectTimeout"));
  // Lines added above: the ranges follow (mapped at once, read again after
  // the pause), and the table still folds where it now is.
  await caretAt(page, 0);
  await page.keyboard.type("# a comment\n# another\n");
  await foldAt("[database]");
  assert.ok(!(await content()).includes("poolSize"));
  assert.ok((await content()).includes("connectTimeout"));
  await context.close();
});

test("undo spans the source and the form", async () => {
  const { context, page } = await newPage();
  const original = await editorText(page);
  await page.click("[data-testid=tab-form]");
  const port = page.locator('[data-testid=form-field][data-path="/server/port"] input').first();
  await port.waitFor();
  await port.fill("3456");
  await page.waitForFunction(() => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")).includes('"port": 3456'));
  await page.click("[data-testid=tab-source]");
  await page.click("[data-testid=undo]");
  await page.waitForFunction((o) => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")) === o, original);
  await page.click("[data-testid=redo]");
  assert.match(await editorText(page), /"port": 3456/);
  await context.close();
});

test("typing over a selection that spans lines, and pasting over it, keep the CSP (no style attribute written by the browser)", async () => {
  const { context, page } = await newPage();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.url });
  const original = await editorText(page);
  const ed = page.locator("[data-testid=editor]");
  // Shift+Down from inside line 2 selects into line 5; typing replaces it
  // (Chromium's own editing would merge the lines and write `style`
  // attributes, which the CSP blocks and reports).
  const start = original.indexOf("\n") + 3;
  await caretAt(page, start);
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowDown");
  const sel = await selection(page);
  assert.ok(sel.end > sel.start && original.slice(sel.start, sel.end).includes("\n"), "the selection spans lines");
  await page.keyboard.type("x");
  assert.equal(await editorText(page), original.slice(0, sel.start) + "x" + original.slice(sel.end));
  // Select all and type.
  await page.keyboard.press("Control+a");
  await page.keyboard.type("{}");
  assert.equal(await editorText(page), "{}");
  // Paste a multi-line document over a selection that spans lines (the
  // real clipboard, Ctrl+V).
  await page.evaluate((t) => navigator.clipboard.writeText(t), original);
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Control+v");
  await page.waitForFunction((o) => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")) === o, original);
  await page.evaluate((t) => navigator.clipboard.writeText(t), "\n");
  await caretAt(page, start);
  for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+ArrowDown");
  const sel2 = await selection(page);
  await page.keyboard.press("Control+v");
  await page.waitForFunction((o) => globalThis.__auditcfgCM.text(document.querySelector("[data-testid=editor]")) === o, original.slice(0, sel2.start) + "\n" + original.slice(sel2.end));
  await ed.focus();
  assert.deepEqual(problems.filter((p) => p.startsWith(current)), [], "no CSP violation while typing or pasting");
  await context.close();
});

test("policies: a loaded policy's findings appear with the built-in ones and follow the edits; kept across a reload, removable; a bad one is refused with its line", async () => {
  const { context, page } = await newPage();
  // The policy module is not part of the page: it loads with the first policy.
  assert.equal(await page.evaluate(() => globalThis.__auditcfgPolicyModule), undefined);
  const doc = JSON.parse(referencePreset("production"));
  await setText(page, JSON.stringify(doc, null, 2) + "\n");
  const policy = [
    "[[rule]]",
    'code = "ORG001"',
    'severity = "error"',
    'environments = ["production"]',
    'path = "/database"',
    "rule = \"self.ssl && self.url.startsWith('postgresql://db.internal')\"",
    'message = "production databases live on db.internal, with TLS"',
    'help = "ask the platform team for a db.internal endpoint"',
    "",
  ].join("\n");
  const org = page.locator('[data-testid=diagnostic][data-code=ORG001]');
  await page.setInputFiles("[data-testid=policy-file]", { name: "org.toml", mimeType: "application/toml", buffer: Buffer.from(policy) });
  await org.waitFor();
  assert.equal(await org.getAttribute("data-path"), "/database");
  assert.equal(await org.getAttribute("data-severity"), "error");
  const text = await editorText(page);
  const line = text.slice(0, text.indexOf('"database"')).split("\n").length;
  assert.equal(Number(await org.getAttribute("data-line")), line, "on the line of the database key, like a built-in finding");
  assert.match(await page.locator("[data-testid=policy-item]").innerText(), /org\.toml \(1 rule\)/);
  assert.equal(await page.evaluate(() => globalThis.__auditcfgPolicyModule), true);

  // The rule holds once the database is on db.internal: the finding goes, live.
  doc.database.url = "postgresql://db.internal:5432/audit_prod";
  await setText(page, JSON.stringify(doc, null, 2) + "\n");
  await page.waitForFunction(() => !document.querySelector("[data-testid=diagnostic][data-code=ORG001]"));
  // Switching TLS off brings it back.
  doc.database.ssl = false;
  await setText(page, JSON.stringify(doc, null, 2) + "\n");
  await org.waitFor();

  // Kept (it is no secret) across a reload.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("[data-testid=policy-item]").waitFor();
  await setText(page, JSON.stringify(doc, null, 2) + "\n");
  await org.waitFor();

  // A transition rule flags the change in the diff view: the earlier
  // document (pasted as the other side) had TLS on, the current one off.
  const change = [
    "[[rule]]",
    'code = "ORG004"',
    'severity = "error"',
    'on = "change"',
    'path = "/database/ssl"',
    'rule = "!(oldSelf == true && self == false)"',
    'message = "TLS to the database may not be switched off"',
    "",
  ].join("\n");
  await page.setInputFiles("[data-testid=policy-file]", { name: "change.toml", mimeType: "application/toml", buffer: Buffer.from(change) });
  await page.locator('[data-testid=policy-item][data-name="change.toml"]').waitFor();
  await page.click("[data-testid=tab-diff]");
  await page.fill("[data-testid=diff-input]", JSON.stringify({ ...doc, database: { ...doc.database, ssl: true } }, null, 2));
  const flagged = page.locator('[data-testid=diff-finding][data-code=ORG004]');
  await flagged.waitFor();
  assert.equal(await flagged.getAttribute("data-path"), "/database/ssl");
  assert.match(await flagged.innerText(), /may not be switched off/);
  // Not a validation rule: no ORG004 among the findings.
  assert.equal(await page.locator('[data-testid=diagnostic][data-code=ORG004]').count(), 0);
  // The same change the other way round is allowed.
  await page.fill("[data-testid=diff-input]", JSON.stringify({ ...doc, database: { ...doc.database, ssl: false, poolSize: 30 } }, null, 2));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=diff-change]").length > 0 && !document.querySelector("[data-testid=diff-finding]"));
  await page.click("[data-testid=tab-source]");

  // Removed: its findings go.
  await page.click('[data-testid=policy-item][data-name="change.toml"] [data-testid=policy-remove]');
  await page.click("[data-testid=policy-remove]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=policy-item]"));
  await page.waitForFunction(() => !document.querySelector("[data-testid=diagnostic][data-code=ORG001]"));

  // A policy with a CEL syntax error is refused, with its line and column.
  const bad = policy.replace("self.ssl &&", "self.ssl &&&");
  await page.setInputFiles("[data-testid=policy-file]", { name: "bad.toml", mimeType: "application/toml", buffer: Buffer.from(bad) });
  await page.waitForFunction(() => /bad\.toml:6:\d+:/.test(document.querySelector("[data-testid=status]").textContent));
  assert.equal(await page.locator("[data-testid=policy-item]").count(), 0);
  assert.deepEqual(problems.filter((p) => p.startsWith(current)), [], "no CSP violation loading the policy module");
  await context.close();
});
