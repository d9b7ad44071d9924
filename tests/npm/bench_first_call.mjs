// Run by tests/npm/bench.mjs in a fresh Node process (a fresh package
// instance, its linear memory not yet grown): the first `validate` of a
// ~22 MB document against later calls in the same instance. Prints one
// JSON line: { bytes, ms: [first, second, third], findings }.
//
//   node tests/npm/bench_first_call.mjs FILE   validate FILE's text
//   node tests/npm/bench_first_call.mjs --write FILE   write the document
//
// The document is read from a file, as a program that validates a config
// reads it: built in this process, its 600,000-key object graph stays in
// the JavaScript heap, and the major collections that marking it costs
// (70-125 ms each, `node --trace-gc`) land in the first call and were
// counted as the package's.
import { readFileSync, writeFileSync } from 'node:fs';

if (process.argv[2] === '--write') {
  const { presetText } = await import('./helpers.mjs');
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
  writeFileSync(process.argv[3], JSON.stringify(doc, null, 2));
  process.exit(0);
}

const { api } = await import('./helpers.mjs');
const text = readFileSync(process.argv[2], 'utf8');
const ms = [];
let findings = 0;
for (let k = 0; k < 3; k++) {
  const start = performance.now();
  findings = api.validate(text).diagnostics.length;
  ms.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), ms, findings })}\n`);
