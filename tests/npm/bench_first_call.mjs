// Run by tests/npm/bench.mjs in a fresh Node process (a fresh package
// instance, its linear memory not yet grown): the first `validate` of a
// ~22 MB document against later calls in the same instance. Prints one
// JSON line: { bytes, ms: [first, second, third], findings }.
import { api, presetText } from './helpers.mjs';

const production = presetText('production');
const doc = JSON.parse(production);
const overrides = {};
doc.server.performance.responseCache.endpointTTLOverrides = overrides;
let size = production.length;
for (let i = 0; size < 22 * 1024 * 1024; i++) {
  const key = `/api/v1/tenants/${i}/audit-events/search`;
  overrides[key] = 60 + (i % 3540);
  size += key.length + 16;
}
const text = JSON.stringify(doc, null, 2);
const ms = [];
let findings = 0;
for (let k = 0; k < 3; k++) {
  const start = performance.now();
  findings = api.validate(text).diagnostics.length;
  ms.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), ms, findings })}\n`);
