// Cost growth in the npm package (issue #15, "Cost growth"): validate,
// parse and diff at 10 KB, 100 KB, 1 MB, 10 MB and 20 MB, on the two
// shapes the native table uses (crates/auditcfg-core/tests/support/
// big_docs.rs): "map", the production preset with a growing
// `endpointTTLOverrides`, and "wide", the preset with many extra top-level
// sections (copies of `redis`, unknown to the schema). Peers in the same
// process: `JSON.parse`, and ajv (`JSON.parse` + a validator compiled from
// our exported schema, as tests/npm/bench.mjs). By hand, not in CI (about
// two minutes):
//
//   node tests/npm/bench_growth.mjs [--quick]
//
// Prints a Markdown table (ms per call, the median of the timed calls)
// and writes it to target/reports/npm-growth.md. The slope line is the
// exponent of each measure between 1 MB and 20 MB: log(t20 / t1) /
// log(bytes20 / bytes1); 1.0 is linear, 2.0 quadratic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ajvValidator, ttlDocument, wideDocument } from './bench_docs.mjs';
import { api, REPO, presetText } from './helpers.mjs';

const QUICK = process.argv.includes('--quick');
const BUDGET_MS = QUICK ? 150 : 600;
const SIZES = [10e3, 100e3, 1e6, 10e6, 20e6];
const production = presetText('production');

/** ms per call: the median of calls timed one by one (at least three). */
function measure(f) {
  f();
  const times = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < BUDGET_MS && times.length < 400)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const ajvValidate = ajvValidator(api.schema()).validate;

const rows = [];
const shapes = [
  ['map', (bytes) => ttlDocument(production, bytes, 600).text],
  ['wide', (bytes) => wideDocument(production, bytes)],
];
for (const [shape, make] of shapes) {
  for (const size of SIZES) {
    const text = make(size);
    // About one value in 600 changed (as the native harness).
    const changed = text.replaceAll(': 61,', ': 62,');
    const row = {
      shape,
      bytes: Buffer.byteLength(text),
      jsonParse: measure(() => JSON.parse(text)),
      ajv: measure(() => ajvValidate(JSON.parse(text))),
      parse: measure(() => api.parse(text)),
      validate: measure(() => api.validate(text)),
      diff: measure(() => api.diff(text, changed)),
    };
    rows.push(row);
    process.stderr.write(`${shape} ${row.bytes} B: validate ${row.validate.toFixed(2)} ms\n`);
  }
}

const ms = (x) => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
const kb = (b) => (b < 1e6 ? `${Math.round(b / 1e3)} KB` : `${(b / 1e6).toFixed(1)} MB`);
const lines = [
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()[0].toFixed(2)}` +
    `${QUICK ? ', --quick' : ''}; ms per call (median). \`diff\` takes both texts and parses them itself.`,
  '',
  '| shape | size | `JSON.parse` | ajv (parse + validate) | `parse` | `validate` | `diff` | validate / ajv | parse / `JSON.parse` |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.shape} | ${kb(r.bytes)} | ${ms(r.jsonParse)} | ${ms(r.ajv)} | ${ms(r.parse)} | ${ms(r.validate)} | ${ms(r.diff)} | ` +
      `${(r.validate / r.ajv).toFixed(2)}× | ${(r.parse / r.jsonParse).toFixed(2)}× |`,
  ),
  '',
];
for (const shape of ['map', 'wide']) {
  const one = rows.find((r) => r.shape === shape && r.bytes >= 0.9e6 && r.bytes < 2e6);
  const last = rows.filter((r) => r.shape === shape).at(-1);
  const slope = (k) => (Math.log(last[k] / one[k]) / Math.log(last.bytes / one.bytes)).toFixed(2);
  lines.push(
    `Slope ${shape}, ${kb(one.bytes)} → ${kb(last.bytes)}: JSON.parse ${slope('jsonParse')}, ajv ${slope('ajv')}, ` +
      `parse ${slope('parse')}, validate ${slope('validate')}, diff ${slope('diff')}.`,
  );
}
const table = `${lines.join('\n')}\n`;
process.stdout.write(table);
mkdirSync(join(REPO, 'target/reports'), { recursive: true });
writeFileSync(join(REPO, 'target/reports/npm-growth.md'), table);
