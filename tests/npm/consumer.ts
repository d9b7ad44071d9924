// A TypeScript consumer of the packed package, type-checked in strict mode
// by types.test.mjs (`tsc --noEmit`). It must compile without casts or
// `any`; the lines marked @ts-expect-error must not.
import {
  applyPatch,
  codeActions,
  complete,
  format,
  hover,
  symbols,
  convert,
  decryptFields,
  decryptFieldsAsync,
  decryptFile,
  decryptFileAsync,
  deriveKey,
  deriveKeyAsync,
  diff,
  encryptFields,
  encryptFieldsAsync,
  encryptFile,
  encryptFileAsync,
  encryptFileParams,
  encryptFileWithKey,
  hotReloadableFields,
  inspectFile,
  isAuditcfgError,
  mask,
  merge,
  parse,
  preset,
  rules,
  schema,
  secretPaths,
  toJsonPatch,
  validate,
  version,
  type AuditcfgError,
  type Change,
  type CodeAction,
  type CodeActionKind,
  type CompletionKind,
  type CompletionResult,
  type DocumentSymbol,
  type FormatResult,
  type HoverCard,
  type SymbolKind,
  type TextEdit,
  type ConfigDocument,
  type Diagnostic,
  type DiffResult,
  type ErrorCode,
  type FileKind,
  type JsonPatchOperation,
  type JsonValue,
  type Kdf,
  type KeyParams,
  type ParseResult,
  type Position,
  type RuleInfo,
  type SecretPath,
  type ValidateResult,
} from 'auditcfg';

const text: string = JSON.stringify(preset('production'), null, 2);

const report: ValidateResult = validate(text, { environment: 'prod', groups: ['schema', 'upstream'] });
const env: 'development' | 'staging' | 'production' | 'test' | null = report.environment;
const errors: number = report.counts.errors;
for (const d of report.diagnostics) {
  const start: Position = d.range.start;
  const where: string = `${d.path} ${start.line}:${start.columnUtf16} (${start.column}, @${start.offset})`;
  const help: string | undefined = d.help;
  const severity: 'error' | 'warning' | 'info' = d.severity;
  void [where, help, severity];
}

const parsed: ParseResult = parse(text, { format: 'json' });
if (parsed.ok) {
  const value: JsonValue = parsed.value;
  void value;
} else {
  const nothing: undefined = parsed.value;
  const first: Diagnostic | undefined = parsed.diagnostics[0];
  void [nothing, first];
}

const toml: string = convert(text, 'toml', { from: 'json' });
const masked: string = mask(toml, { to: 'json' });
const doc: ConfigDocument = preset('dev');
const environment: JsonValue | undefined = doc['environment'];
const schemaId: JsonValue | undefined = schema()['$id'];
const secrets: SecretPath[] = secretPaths();
const kinds: ('opaque' | 'url')[] = secrets.map((s) => s.kind);
const catalog: RuleInfo[] = rules();
const live: string[] = hotReloadableFields();
const v: string = version();

const kdf: Kdf = { name: 'scrypt', N: 1 << 14, r: 8, p: 1 };
const file: string = encryptFile(text, 'pw', { kdf, algorithm: 'AES-256-GCM', embedParams: true });
const kind: FileKind = inspectFile(file);
if (kind.kind === 'gcm' || kind.kind === 'cbc') {
  const salt: string | null = kind.salt;
  const length: number = kind.ciphertextLength;
  void [salt, length];
} else if (kind.kind === 'invalid') {
  const code: ErrorCode = kind.code;
  void code;
}
const plain: string = decryptFile(file, 'pw', { salt: '00'.repeat(16) });
const sealed: string = encryptFields(text, 'pw', { kdf: { name: 'PBKDF2', iterations: 1000 }, extraPointers: ['/x'] });
const opened: string = decryptFields(sealed, 'pw');
const resealed: string = encryptFields(opened, 'pw', { previous: sealed });

// The asynchronous variants (top-level await: module nodenext).
const fileAsync: string = await encryptFileAsync(text, 'pw', { kdf: { name: 'PBKDF2', iterations: 1000 }, webCrypto: true });
const plainAsync: string = await decryptFileAsync(fileAsync, 'pw', { salt: '00'.repeat(16), webCrypto: false });
const sealedAsync: string = await encryptFieldsAsync(text, 'pw', { extraPointers: ['/x'], signal: AbortSignalStub() });
const openedAsync: string = await decryptFieldsAsync(sealedAsync, 'pw', { format: 'json' });
const keyAsync: Uint8Array = await deriveKeyAsync('pw', '00'.repeat(16), kdf, { webCrypto: false });
const params: KeyParams = encryptFileParams(text, 'pw', { kdf });
const keySync: Uint8Array = deriveKey('pw', params.salt, params.kdf);
const fileWithKey: string = encryptFileWithKey(text, keySync, { salt: params.salt, kdf: params.kdf });
void [plainAsync, openedAsync, keyAsync, fileWithKey];
/** A never-aborted signal, without the DOM library. */
function AbortSignalStub() {
  return {
    aborted: false,
    reason: undefined,
    throwIfAborted(): void {},
    addEventListener(_type: 'abort', _listener: () => void): void {},
    removeEventListener(_type: 'abort', _listener: () => void): void {},
  };
}
// @ts-expect-error: the key is bytes, not a string
encryptFileWithKey(text, 'key', { salt: params.salt });
// @ts-expect-error: …WithKey needs the salt
encryptFileWithKey(text, keySync, { kdf });
// @ts-expect-error: the async functions return promises
const notAwaited: string = encryptFileAsync(text, 'pw');
void notAwaited;

const changes: DiffResult = diff(text, resealed, { formatA: 'json', formatB: 'json' });
for (const c of changes.changes) {
  const change: Change = c;
  if (change.kind === 'moved') {
    const from: string = change.from;
    void from;
  }
  if (change.impact.kind !== 'hotReload') {
    const component: string = change.impact.component;
    void component;
  }
  const before: JsonValue | undefined = change.before;
  void before;
}
const patch: JsonPatchOperation[] = toJsonPatch(text, opened);
const patched: string = applyPatch(text, patch, { to: 'toml' });
const merged: string = merge(text, '{"logging": {"level": "warn"}}', { overlayFormat: 'json' });

try {
  validate(text, { environment: 'production' });
} catch (e: unknown) {
  if (isAuditcfgError(e)) {
    const error: AuditcfgError = e;
    const code: ErrorCode = error.code;
    const found: Diagnostic[] | undefined = error.diagnostics;
    void [code, found];
  }
}

// Editor support.
const completion: CompletionResult = complete(text, 3, { environment: 'prod' });
const firstEdit: TextEdit | undefined = completion.items[0]?.edit;
const card: HoverCard | null = hover(text, 3);
const actions: CodeAction[] = codeActions(text, { from: 0, to: 3 });
const kindOfAction: CodeActionKind | undefined = actions[0]?.kind;
const formatted: FormatResult = format(text, { format: 'json' });
const outline: DocumentSymbol[] = symbols(text);
const symbolKind: SymbolKind | undefined = outline[0]?.kind;
const completionKind: CompletionKind | undefined = completion.items[0]?.kind;
const restart: string | null | undefined = completion.items[0]?.restart;
void [firstEdit, card, kindOfAction, formatted.note, symbolKind, completionKind, restart];
// @ts-expect-error: a range is {from, to}
codeActions(text, [0, 3]);

// Misuse the types must reject.
// @ts-expect-error: not an environment
validate(text, { environment: 'qa' });
// @ts-expect-error: not a format
convert(text, 'yaml');
// @ts-expect-error: unknown option
validate(text, { enviroment: 'prod' });
// @ts-expect-error: scrypt takes N, r and p
encryptFile(text, 'pw', { kdf: { name: 'scrypt', iterations: 5 } });
// @ts-expect-error: value is absent unless ok is checked
const unchecked: JsonValue = parse(text).value;

void [env, errors, masked, environment, schemaId, kinds, catalog, live, v, plain, patched, merged, unchecked];

// Organisation policies (the main entry and `auditcfg/policy`).
import { checkPolicy, loadPolicies, placeFindings, policyInput, type PolicyCheck, type PolicyFinding } from 'auditcfg';
import * as policyModule from 'auditcfg/policy';
await loadPolicies();
const checked: PolicyCheck = checkPolicy('[[rule]]');
const firstError: number | undefined = checked.errors[0]?.range.start.columnUtf16;
const input = policyInput(text, { environment: 'prod' });
const unplaced: PolicyFinding[] = policyModule.evaluate(['[[rule]]'], input.document, input.environment);
const placedPolicy: Diagnostic[] = placeFindings(text, unplaced);
const withPolicies = validate(text, { policies: ['[[rule]]'] });
const transitions: Diagnostic[] | undefined = diff(text, text, { policies: ['[[rule]]'] }).diagnostics;
const policyError: ErrorCode = 'BAD_POLICY';
void [firstError, placedPolicy, withPolicies, transitions, policyError];
// @ts-expect-error: policies are texts
validate(text, { policies: [{ rule: 'true' }] });
