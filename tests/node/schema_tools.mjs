// The exported JSON Schema in other tools (issue #16, item 12), run by
// crates/auditcfg-core/tests/schema_tools.rs:
//   node tests/node/schema_tools.mjs SCHEMA PRESET...
// 1. ajv 8 (`new Ajv2020()` with its defaults: strict mode) plus
//    ajv-formats compiles it without a warning or an error, and accepts
//    the presets;
// 2. vscode-json-languageservice (what VS Code runs) offers every enum
//    value with its description as completion, and shows it on hover.
// Prints a JSON report; exits 1 on any failure.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as lsModule from "vscode-json-languageservice";
const ls = lsModule.default ?? lsModule;

const [schemaPath, ...presets] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const failures = [];
const logged = [];
const logger = {
  log: (...a) => logged.push(["log", a.join(" ")]),
  warn: (...a) => logged.push(["warn", a.join(" ")]),
  error: (...a) => logged.push(["error", a.join(" ")]),
};

let validate = null;
try {
  const ajv = new Ajv2020({ logger });
  addFormats(ajv);
  validate = ajv.compile(schema);
} catch (e) {
  failures.push(`ajv: ${e.message}`);
}
for (const [level, text] of logged) failures.push(`ajv ${level}: ${text}`);
if (validate) {
  for (const p of presets) {
    if (!validate(JSON.parse(readFileSync(p, "utf8")))) {
      failures.push(`ajv rejects ${p}: ${JSON.stringify(validate.errors.slice(0, 3))}`);
    }
  }
}

// VS Code: completion of `"environment": |` and `"logging": {"level": |}`.
const service = ls.getLanguageService({
  schemaRequestService: () => Promise.reject(new Error("no requests")),
  clientCapabilities: ls.ClientCapabilities.LATEST,
});
service.configure({
  validate: true,
  schemas: [{ uri: "https://auditcfg.test/schema.json", fileMatch: ["*.json"], schema }],
});
async function complete(text, marker = "|") {
  const offset = text.indexOf(marker);
  const content = text.replace(marker, "");
  const doc = ls.TextDocument.create("file:///config.json", "json", 1, content);
  const json = service.parseJSONDocument(doc);
  const list = await service.doComplete(doc, doc.positionAt(offset), json);
  return list.items;
}
const doc = (item) =>
  typeof item.documentation === "string" ? item.documentation : item.documentation?.value ?? "";
const cases = [
  ['{"environment": |}', ["development", "staging", "production", "test"]],
  ['{"security": {"hashAlgorithm": |}}', ["SHA-256", "SHA-512"]],
  ['{"compliance": {"defaultDataClassification": |}}', ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "PHI"]],
];
const completions = {};
for (const [text, values] of cases) {
  const items = await complete(text);
  completions[text] = items.map((i) => [i.label, doc(i)]);
  for (const v of values) {
    const item = items.find((i) => i.label === JSON.stringify(v));
    if (!item) failures.push(`no completion ${v} for ${text}`);
    else if (!doc(item).trim()) failures.push(`completion ${v} for ${text} has no description`);
  }
}
// Hover on a value shows its own description.
{
  const content = '{"environment": "production"}';
  const d = ls.TextDocument.create("file:///config.json", "json", 1, content);
  const hover = await service.doHover(d, d.positionAt(content.indexOf("production") + 2), service.parseJSONDocument(d));
  const text = JSON.stringify(hover?.contents ?? "");
  completions.hover = text;
  if (!/production/i.test(text)) failures.push(`hover on "production" says ${text}`);
}
// The language service's own validation agrees that the presets are valid.
for (const p of presets) {
  const content = readFileSync(p, "utf8");
  const d = ls.TextDocument.create("file:///config.json", "json", 1, content);
  const problems = await service.doValidation(d, service.parseJSONDocument(d));
  for (const problem of problems) failures.push(`vscode: ${p}: ${problem.message}`);
}
process.stdout.write(JSON.stringify({ failures, completions }, null, 2));
process.exit(failures.length ? 1 : 0);
