// What the npm benchmarks share (bench.mjs, bench_builds.mjs,
// bench_growth.mjs): the generated documents, the shapes of
// crates/auditcfg-core/tests/support/big_docs.rs, and the ajv peer.
// Imports nothing of the package, so bench_builds.mjs can load its own.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * `preset` (a JSON text) with `endpointTTLOverrides` grown to about
 * `bytes`; the n-th override's TTL is 60 + n % `ttlModulo`.
 */
export function ttlDocument(preset, bytes, ttlModulo = 3540) {
  const doc = JSON.parse(preset);
  const overrides = {};
  doc.server.performance.responseCache.endpointTTLOverrides = overrides;
  let entries = 0;
  for (let size = preset.length; size < bytes; entries++) {
    const key = `/api/v1/tenants/${entries}/audit-events/search`;
    overrides[key] = 60 + (entries % ttlModulo);
    size += key.length + 16; // indentation, quotes, colon, number, comma
  }
  return { text: JSON.stringify(doc, null, 2), entries };
}

/** `preset` with extra top-level sections (copies of `redis`) to about `bytes`. */
export function wideDocument(preset, bytes) {
  const doc = JSON.parse(preset);
  const one = JSON.stringify(doc.redis, null, 2).length + 20;
  for (let i = 0, size = preset.length; size < bytes; i++) {
    doc[`section${i}`] = structuredClone(doc.redis);
    size += one;
  }
  return JSON.stringify(doc, null, 2);
}

/**
 * ajv's validator of our exported schema (draft 2020-12, `allErrors`,
 * formats from ajv-formats) and how long its compilation took. schemars
 * annotates integers with `format: uint32` and the like; like the core
 * (and the JSON Schema spec), formats nobody defines are annotations
 * rather than warnings.
 */
export function ajvValidator(schema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const formats = new Set();
  JSON.stringify(schema, (k, v) => (k === 'format' && typeof v === 'string' && formats.add(v), v));
  for (const f of formats) if (!ajv.formats[f]) ajv.addFormat(f, true);
  const start = performance.now();
  const validate = ajv.compile(schema);
  return { validate, compileMs: performance.now() - start };
}
