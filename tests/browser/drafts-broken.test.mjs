// Issue 11, item 1, in a real browser: broken and truncated documents
// with marker secrets are pasted into the app (a fresh page each, so the
// app remembers no earlier secret), the draft is saved, and every
// localStorage, sessionStorage and IndexedDB entry is grepped for every
// marker. The status bar must never claim "no secrets" for text that does
// not parse. Run by scripts/test-app.sh after app2.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, ROOT, openApp, setText, storageDump, servedApp } from "./app-helpers.mjs";

const app = servedApp();

const M = {
  session: "MARKER-session-0001",
  key: "MARKER-enckey-0002",
  smtp: "MARKER-smtp-0003",
  redisPw: "MARKER-redispw-0004",
  dbUser: "MARKER-dbuser-0005",
  dbPw: "MARKER-dbpw-0006",
  header: "MARKER-header-0007",
  dup: "MARKER-shadowed-0008",
};

function marked() {
  const doc = JSON.parse(readFileSync(join(ROOT, "crates/auditcfg-core/presets/production.json"), "utf8"));
  doc.server.auth.sessionSecret = M.session;
  doc.security.encryptionKey = M.key;
  doc.server.externalServices ??= {};
  doc.server.externalServices.smtp = { ...(doc.server.externalServices.smtp ?? {}), pass: M.smtp };
  doc.redis.url = `rediss://default:${M.redisPw}@cache.internal:6380`;
  doc.database.url = `postgresql://${M.dbUser}:${M.dbPw}@db.internal:5432/audit`;
  doc.observability ??= {};
  doc.observability.tracing = { ...(doc.observability.tracing ?? {}), headers: { "x-api-key": M.header } };
  return doc;
}

function cases() {
  const pretty = JSON.stringify(marked(), null, 2).replace('"sessionSecret":', `"sessionSecret": "${M.dup}", "sessionSecret":`);
  const mini = JSON.stringify(marked());
  const out = [
    ["shadowed duplicate key (parses)", pretty],
    ["cut inside the session secret", pretty.slice(0, pretty.indexOf(M.session) + 10)],
    ["cut inside the database password", pretty.slice(0, pretty.indexOf(M.dbPw) + 9)],
    ["minified, cut in half", mini.slice(0, Math.floor(mini.length / 2))],
    ["single-quoted JSON", pretty.replaceAll('"', "'")],
    ["doubled braces", pretty.replace("{", "{{")],
    ["a missing colon", pretty.replace('"sessionSecret": "M', '"sessionSecret" "M')],
    ["inside out (one stray quote, minified)", mini.replace("{", '{"')],
    ["broken TOML", `[server.auth\nsessionSecret = "${M.session}"\n[security]\nencryptionKey = '${M.key}\n[database]\nurl = "postgresql://${M.dbUser}:${M.dbPw}@db/x`],
  ];
  return out;
}

for (const [name, text] of cases()) {
  test(`drafts of broken text keep no secret: ${name}`, async () => {
    const context = await app.chromium.browser.newContext();
    const page = await context.newPage();
    await openApp(page, app.server.url);
    const before = await page.evaluate(() => window.__auditcfgDraftSavedAt ?? 0);
    await setText(page, text);
    await page.waitForFunction((b) => (window.__auditcfgDraftSavedAt ?? 0) > b || /not saved/.test(document.querySelector("[data-testid=draft-status]").textContent), before, { timeout: 15_000 });
    const stored = (await storageDump(page)).text;
    for (const [k, marker] of Object.entries(M)) {
      assert.ok(!stored.includes(marker), `${k} (${marker}) in browser storage`);
    }
    const status = await page.locator("[data-testid=draft-status]").textContent();
    const parses = name.includes("(parses)");
    if (!parses) {
      assert.doesNotMatch(status, /no secrets/, status);
      if (stored.includes("auditcfg.draft.v1")) assert.match(stored, /\\?"parsed\\?":false/);
    }
    await context.close();
  });
}
