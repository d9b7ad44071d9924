// Several builds of the package's WebAssembly in one Node process, timed
// alternately against ajv (issue #15: the opt-level trade-off in numbers).
// Run by scripts/bench-opt-levels.sh; by hand:
//
//   node tests/npm/bench_builds.mjs LABEL=DIST_DIR [LABEL=DIST_DIR ...] [--quick]
//
// Each DIST_DIR is what scripts/build-pkg.sh writes to pkg/dist (its
// web.js glue and auditcfg_bg.wasm). Every build gets its own instance;
// the rounds go build by build (a, b, c, ajv, a, b, c, ajv, ...), so a
// change in the machine's load falls on all of them alike, and each
// figure is the median of the rounds. Prints a Markdown table (sizes,
// µs per call, ratios to ajv and to the first build) on stdout.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ajvValidator, ttlDocument } from './bench_docs.mjs';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 9 : 21;
const builds = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!builds.length) {
  process.stderr.write('usage: node tests/npm/bench_builds.mjs LABEL=DIST_DIR ... [--quick]\n');
  process.exit(2);
}

const production = readFileSync(join(REPO, 'crates/auditcfg-core/presets/production.json'), 'utf8');

/** The preset grown to ~1 MB with endpoint TTL overrides (as bench.mjs). */
const big = ttlDocument(production, 1024 * 1024).text;

const loaded = [];
for (const spec of builds) {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new Error(`not LABEL=DIST_DIR: ${spec}`);
  const label = spec.slice(0, eq);
  const dir = resolve(spec.slice(eq + 1));
  // A query string per build: each import is its own module instance.
  const glue = await import(`${pathToFileURL(join(dir, 'web.js')).href}?build=${encodeURIComponent(label)}`);
  const bytes = readFileSync(join(dir, 'auditcfg_bg.wasm'));
  glue.initSync({ module: bytes });
  loaded.push({ label, glue, raw: statSync(join(dir, 'auditcfg_bg.wasm')).size, gzip: gzipSync(bytes, { level: 9 }).length });
}

// The builds must agree before they are timed.
const reference = JSON.stringify(loaded[0].glue.validate(production));
for (const b of loaded.slice(1)) {
  if (JSON.stringify(b.glue.validate(production)) !== reference) {
    throw new Error(`build ${b.label} answers the preset differently from ${loaded[0].label}`);
  }
}

const ajvValidate = ajvValidator(loaded[0].glue.schema()).validate;

/** µs per call of f over one round of about `ms` milliseconds. */
function round(f, ms) {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    f();
    n++;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / n;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = [
  ['preset', production, QUICK ? 60 : 120],
  ['1 MB', big, QUICK ? 300 : 600],
];
const subjects = [
  ...loaded.map((b) => ({
    label: b.label,
    validate: (t) => b.glue.validate(t),
    parse: (t) => b.glue.parse(t),
  })),
  { label: 'ajv', validate: (t) => ajvValidate(JSON.parse(t)), parse: (t) => JSON.parse(t) },
];
const times = new Map(subjects.map((s) => [s.label, {}]));
for (const [name, text, ms] of cases) {
  for (const op of ['validate', 'parse']) {
    for (const s of subjects) for (let i = 0; i < 3; i++) s[op](text);
    const samples = new Map(subjects.map((s) => [s.label, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of subjects) samples.get(s.label).push(round(() => s[op](text), ms));
    }
    for (const s of subjects) times.get(s.label)[`${op} ${name}`] = median(samples.get(s.label));
    process.stderr.write(`${op} ${name}: ${subjects.map((s) => `${s.label} ${Math.round(times.get(s.label)[`${op} ${name}`])} µs`).join(', ')}\n`);
  }
}

const us = (x) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1));
const x = (a, b) => `${(a / b).toFixed(2)}×`;
const first = times.get(loaded[0].label);
const peer = times.get('ajv');
const lines = [
  `| build | .wasm raw | gzip -9 | validate, preset | / ajv | / ${loaded[0].label} | validate, 1 MB | / ajv | / ${loaded[0].label} | parse, 1 MB | / ${loaded[0].label} |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...loaded.map((b) => {
    const t = times.get(b.label);
    return `| ${b.label} | ${b.raw.toLocaleString('en')} B | ${b.gzip.toLocaleString('en')} B | ${us(t['validate preset'])} µs | ${x(t['validate preset'], peer['validate preset'])} | ${x(t['validate preset'], first['validate preset'])} | ${us(t['validate 1 MB'])} µs | ${x(t['validate 1 MB'], peer['validate 1 MB'])} | ${x(t['validate 1 MB'], first['validate 1 MB'])} | ${us(t['parse 1 MB'])} µs | ${x(t['parse 1 MB'], first['parse 1 MB'])} |`;
  }),
  `| ajv (\`JSON.parse\` + validate; parse: \`JSON.parse\`) | | | ${us(peer['validate preset'])} µs | 1× | | ${us(peer['validate 1 MB'])} µs | 1× | | ${us(peer['parse 1 MB'])} µs | |`,
  '',
  `Node ${process.version}, one process, ${ROUNDS} alternating rounds per cell, medians.`,
];
process.stdout.write(`${lines.join('\n')}\n`);
