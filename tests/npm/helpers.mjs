// Shared by the node tests: the installed package, the repo's fixtures and
// the native CLI (the reference the WebAssembly build must agree with).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, installPackage } from './install.mjs';

export { REPO };

/** The directory of a project with the packed `auditcfg` installed. */
export const PROJECT = process.env.AUDITCFG_NPM_PROJECT || installPackage({ cleanup: true }).project;

/** `import * as api from 'auditcfg'`, resolved from that project. */
export const api = await import(pathToFileURL(join(PROJECT, 'entry.mjs')).href);

/** The installed package's directory. */
export const INSTALLED = join(PROJECT, 'node_modules', 'auditcfg');

export const ENVIRONMENTS = ['development', 'staging', 'production', 'test'];

/** A reference preset text (the core's presets/). */
export function presetText(env) {
  return readFileSync(join(REPO, 'crates/auditcfg-core/presets', `${env}.json`), 'utf8');
}

export const FIXTURES = join(REPO, 'tests/fixtures/validate');

/** The validate fixtures: [name, text]. */
export function fixtures() {
  return readdirSync(FIXTURES)
    .sort()
    .map((name) => [name, readFileSync(join(FIXTURES, name), 'utf8')]);
}

function cliPath() {
  if (process.env.AUDITCFG_CLI) return process.env.AUDITCFG_CLI;
  const target = process.env.CARGO_TARGET_DIR || join(REPO, 'target');
  return join(target, 'debug', 'auditcfg');
}

/** `auditcfg validate --format json <file>`: the file's report. */
export function cliValidate(file, args = []) {
  const cli = cliPath();
  if (!existsSync(cli)) {
    throw new Error(`the native CLI is not built (${cli}): run cargo build -p auditcfg-cli`);
  }
  const r = spawnSync(cli, ['validate', '--format', 'json', ...args, file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`auditcfg validate ${file} exited ${r.status}: ${r.stderr}`);
  }
  const [report] = JSON.parse(r.stdout);
  return report;
}

/** Catches what `f` throws. */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

/** A position in both outputs: the CLI's JSON `column` counts UTF-16 code
 * units (its documented convention); the package gives `columnUtf16`
 * beside its UTF-8 `column`. */
export const pos = (p) => ({ line: p.line, utf16: p.columnUtf16 ?? p.column, offset: p.offset });
export const range = (r) => ({ start: pos(r.start), end: pos(r.end) });
/** What both report of a finding (the CLI writes `help: null`; the package
 * leaves `help`, `related` and `fixes` out when there are none). */
export const normalise = (diagnostics) =>
  diagnostics.map((d) => ({
    code: d.code,
    name: d.name,
    severity: d.severity,
    path: d.path,
    message: d.message,
    help: d.help ?? null,
    range: range(d.range),
    related: (d.related ?? []).map((r) => ({ message: r.message, range: range(r.range) })),
    fixes: (d.fixes ?? []).map((f) => ({
      title: f.title,
      applicability: f.applicability,
      edits: f.edits.map((e) => ({ range: range(e.range), newText: e.newText })),
    })),
  }));
