// The WebAssembly build reports what the native CLI reports
// (`auditcfg validate --format json`): the four presets with their
// expected counts, and every validate fixture, finding for finding, with
// the same ranges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { api, cliValidate, fixtures, normalise, presetText, ENVIRONMENTS, FIXTURES, REPO } from './helpers.mjs';

// What the reference presets are expected to produce (all groups, the
// document's own environment). A rule change that moves these numbers
// must update them here on purpose.
const EXPECTED = {
  development: { errors: 0, warnings: 8, infos: 0 },
  staging: { errors: 8, warnings: 9, infos: 0 },
  production: { errors: 9, warnings: 9, infos: 1 },
  test: { errors: 0, warnings: 9, infos: 0 },
};

describe('presets', () => {
  for (const env of ENVIRONMENTS) {
    test(`${env}: counts and findings equal the native CLI's`, () => {
      const file = join(REPO, 'crates/auditcfg-core/presets', `${env}.json`);
      const native = cliValidate(file);
      const wasm = api.validate(presetText(env));
      assert.deepEqual(wasm.counts, EXPECTED[env]);
      assert.equal(wasm.environment, native.environment);
      assert.equal(wasm.format, native.format);
      assert.deepEqual(normalise(wasm.diagnostics), normalise(native.diagnostics));
    });

    test(`${env}: a fresh preset(env) validates like the reference`, () => {
      const fresh = api.validate(JSON.stringify(api.preset(env), null, 2));
      assert.deepEqual(fresh.counts, EXPECTED[env]);
    });
  }
});

describe('fixtures', () => {
  for (const [name, text] of fixtures()) {
    test(name, () => {
      const native = cliValidate(join(FIXTURES, name));
      // The CLI reads the format from the extension; the package is told it
      // (a text without a name, e.g. an empty one, is detected otherwise).
      const wasm = api.validate(text, { format: name.endsWith('.toml') ? 'toml' : 'json' });
      assert.equal(wasm.format, native.format);
      assert.equal(wasm.environment, native.environment);
      assert.deepEqual(normalise(wasm.diagnostics), normalise(native.diagnostics));
      const counts = { errors: 0, warnings: 0, infos: 0 };
      for (const d of native.diagnostics) counts[`${d.severity}s`]++;
      assert.deepEqual(wasm.counts, counts);
    });
  }

  test('--env and --upstream-only agree too', () => {
    const file = join(FIXTURES, 'cross-field-rules.json');
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(
      normalise(api.validate(text, { environment: 'production' }).diagnostics),
      normalise(cliValidate(file, ['--env', 'production']).diagnostics),
    );
    assert.deepEqual(
      normalise(api.validate(text, { groups: ['schema', 'upstream'] }).diagnostics),
      normalise(cliValidate(file, ['--upstream-only']).diagnostics),
    );
  });
});
