// Types of the `auditcfg` npm package. Written by hand, next to the Rust
// bindings (crates/auditcfg-wasm): change both together.

// ---------------------------------------------------------------------------
// Values

/** Any JSON value: what `JSON.parse` returns. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A config document of the audit server, as a plain object. */
export type ConfigDocument = JsonObject;

/** A text format. */
export type Format = 'json' | 'toml';

/** A deployment environment, by its canonical name. */
export type Environment = 'development' | 'staging' | 'production' | 'test';

/** An environment name as accepted on input: canonical or an upstream alias. */
export type EnvironmentName = Environment | 'dev' | 'stage' | 'prod';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A family of rules. Syntax findings are always reported. */
export type RuleGroup = 'syntax' | 'schema' | 'upstream' | 'review' | 'probe' | 'policy';

// ---------------------------------------------------------------------------
// Diagnostics

/**
 * A position in the source text. `offset` counts UTF-8 bytes; `column`
 * counts UTF-8 bytes and `columnUtf16` UTF-16 code units (what JavaScript
 * strings, Monaco, CodeMirror and LSP's default encoding count). Lines and
 * columns are 1-based; `\n`, `\r\n` and a lone `\r` end a line.
 */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-8 bytes. */
  column: number;
  /** 1-based column in UTF-16 code units. */
  columnUtf16: number;
  /** Byte offset in the UTF-8 encoding of the text. */
  offset: number;
  /** Offset in UTF-16 code units: the JavaScript string index (`text.slice(offsetUtf16)`). */
  offsetUtf16: number;
}

/** A half-open range `[start, end)` of the source text. */
export interface Range {
  start: Position;
  end: Position;
}

/** One finding. */
export interface Diagnostic {
  /** Stable code, e.g. `AC201`; never reused for another meaning. */
  code: string;
  /** Stable kebab-case rule name, e.g. `retry-delay-order`. */
  name: string;
  severity: Severity;
  /** JSON Pointer (RFC 6901) of the value concerned; `""` is the whole document. */
  path: string;
  /** Terse, one line; never contains a secret's value. */
  message: string;
  /** How to fix it, when there is something useful to say. */
  help?: string;
  /** The value, or the key or parent object when the value is missing. */
  range: Range;
  /** Other places that explain the finding (e.g. the first of two duplicate keys); absent when none. */
  related?: RelatedRange[];
  /** Repairs as text edits on the validated text; absent when none. */
  fixes?: Fix[];
}

/** Another place that explains a finding. */
export interface RelatedRange {
  /** What is there, e.g. "first defined here". */
  message: string;
  range: Range;
}

/** `safe`: keeps the meaning the author evidently intended (applied by `fix`); `unsafe`: changes behaviour (applied with `unsafe: true`). */
export type Applicability = 'safe' | 'unsafe';

/** A repair of a finding: apply its edits (non-overlapping, in source order) from the last to the first. */
export interface Fix {
  title: string;
  applicability: Applicability;
  edits: FixEdit[];
}

/** One replacement; an empty range inserts. Use `range.start.offsetUtf16` / `range.end.offsetUtf16` on a JavaScript string. */
export interface FixEdit {
  range: Range;
  newText: string;
}

/** Findings per severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

// ---------------------------------------------------------------------------
// validate, parse

export interface ValidateOptions {
  /** The text's format; when absent, the extension of `fileName`, else detected from the content. */
  format?: Format;
  /** The file the text comes from: its extension (`.json`, `.toml`) decides the format, as in the CLI. */
  fileName?: string;
  /** Validate as this environment instead of the document's own `environment`. */
  environment?: EnvironmentName;
  /** Rule families to run (default: schema, upstream and review). */
  groups?: RuleGroup[];
  /**
   * Organisation policy files (TOML or JSON texts): their validation rules'
   * findings are reported with the built-in ones (`code` the rule's own,
   * `name` `policy-rule`). They run in the policy module: in Node it loads
   * on first use; in browsers and bundlers `await loadPolicies()` first
   * (else `POLICIES_NOT_LOADED`). A bad policy file throws `BAD_POLICY`.
   */
  policies?: string[];
  /** Advanced: findings already evaluated by `auditcfg/policy`'s `evaluate`, placed and reported here (not with `policies`). */
  policyFindings?: PolicyFinding[];
}

export interface ValidateResult {
  /** The format the text was read as. */
  format: Format;
  /** The environment the rules ran for; `null` when unknown (environment rules skipped). */
  environment: Environment | null;
  /** Every finding, sorted by position. */
  diagnostics: Diagnostic[];
  counts: Counts;
}

export interface ParseOptions {
  /** The text's format; when absent, the extension of `fileName`, else detected from the content. */
  format?: Format;
  /** The file the text comes from: its extension (`.json`, `.toml`) decides the format, as in the CLI. */
  fileName?: string;
}

/** What `parse` returns: `value` is there exactly when `ok`. */
export type ParseResult =
  | {
      ok: true;
      format: Format;
      /** The document as `JSON.parse` would give it. */
      value: JsonValue;
      /** Findings of the parser that do not stop it (duplicate keys, precision loss, BOM). */
      diagnostics: Diagnostic[];
    }
  | {
      ok: false;
      format: Format;
      value?: undefined;
      /** The syntax errors. */
      diagnostics: Diagnostic[];
    };

/**
 * Validates a config text (JSON or TOML): syntax, schema, upstream's rules
 * and review rules, every finding at once with its range. A bad document
 * is not an error: only bad arguments throw (`UNKNOWN_ENVIRONMENT`,
 * `UNKNOWN_FORMAT`, `UNKNOWN_GROUP`, `INVALID_ARGUMENT`).
 */
export function validate(text: string, options?: ValidateOptions): ValidateResult;

export interface FixOptions {
  /** The text's format; when absent, the extension of `fileName`, else detected from the content. */
  format?: Format;
  /** The file the text comes from: its extension (`.json`, `.toml`) decides the format, as in the CLI. */
  fileName?: string;
  /** Validate as this environment instead of the document's own `environment`. */
  environment?: EnvironmentName;
  /** Apply unsafe fixes too (new limits, generated secrets, removed values); default `false`. */
  unsafe?: boolean;
}

export interface FixResult {
  /** The fixed text (the input when nothing applied); comments, layout and unknown fields kept. */
  text: string;
  /** Did anything change? */
  changed: boolean;
  /** The fixes applied, in order. */
  applied: { code: string; title: string }[];
  format: Format;
  environment: Environment | null;
  /** The findings of the fixed text. */
  diagnostics: Diagnostic[];
  counts: Counts;
}

/**
 * Applies fixes until none is left (as `auditcfg fix`): the safe ones, and the
 * unsafe ones too with `unsafe: true`. A fix that would break parsing is dropped.
 */
export function fix(text: string, options?: FixOptions): FixResult;

/** Parses a config text into a plain value, with the parser's findings. */
export function parse(text: string, options?: ParseOptions): ParseResult;

// ---------------------------------------------------------------------------
// Editor support: complete, hover, codeActions, format, symbols. Offsets
// are UTF-16 code units (JavaScript string indexes); edits have
// CodeMirror's change shape.

export interface IdeOptions {
  /** The text's format; when absent, the extension of `fileName`, else detected from the content. */
  format?: Format;
  /** The file the text comes from: its extension (`.json`, `.toml`) decides the format, as in the CLI. */
  fileName?: string;
  /** Help for this environment (preset values, rules) instead of the document's own. */
  environment?: EnvironmentName;
}

/** Replace `text.slice(from, to)` by `insert`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

export type CompletionKind = 'property' | 'section' | 'value' | 'secret';

export interface Completion {
  /** What the list shows: the key, or the value. */
  label: string;
  kind: CompletionKind;
  /** Type, default and badges in one line (`integer · default 10 · restart: database`). */
  detail: string;
  /** The field's one-line description. */
  documentation: string;
  /** A change applies live (hot reload). */
  live: boolean;
  /** The component a change restarts; `null` when live. */
  restart: string | null;
  /** A secret (its value is never shown in `detail`). */
  secret: boolean;
  /** Replaces the partial token under the cursor. */
  edit: TextEdit;
  /** Other edits that keep the document valid (a missing comma). */
  additionalEdits: TextEdit[];
}

export interface CompletionResult {
  /** The partial token the completions replace. */
  from: number;
  to: number;
  /** JSON Pointer of the object at the cursor. */
  object: string;
  items: Completion[];
}

/**
 * Completions at `offset`, on any text (broken documents included): the
 * keys missing from the object at the cursor with the environment's preset
 * value, enum members, booleans, `null`, a freshly generated secret, whole
 * sections (TOML tables).
 */
export function complete(text: string, offset: number, options?: IdeOptions): CompletionResult;

export interface HoverCard {
  /** JSON Pointer of the place described. */
  pointer: string;
  /** The key or value hovered. */
  from: number;
  to: number;
  /** Title, description, type, limits, default, the four presets' values, live or restart, secret, rules. */
  markdown: string;
}

/** The hover card of the key or value at `offset`, or `null`. */
export function hover(text: string, offset: number, options?: IdeOptions): HoverCard | null;

export type CodeActionKind = 'quickFix' | 'sealSecret';

export interface CodeAction {
  title: string;
  /** `quickFix` repairs a diagnostic; `sealSecret` advises `auditcfg encrypt --fields` (no edits). */
  kind: CodeActionKind;
  /** The code of the diagnostic repaired (`AC318`), `null` for hints. */
  code: string | null;
  pointer: string;
  /** The diagnostic's (or the secret's) range. */
  from: number;
  to: number;
  /** Safe to apply without review. */
  preferred: boolean;
  edits: TextEdit[];
}

/** The fixes of the diagnostics overlapping `range`, and hints to seal clear-text secrets there. */
export function codeActions(
  text: string,
  range: { from: number; to: number },
  options?: IdeOptions,
): CodeAction[];

export interface FormatResult {
  /** The formatted text (the input when nothing was done). */
  text: string;
  changed: boolean;
  /** Why the text was left as is (TOML, syntax errors, repeated keys). */
  note: string | null;
}

/** JSON in upstream's layout (`JSON.stringify(v, null, 2)`), unknown fields and key order kept; TOML unchanged. */
export function format(text: string, options?: IdeOptions): FormatResult;

export type SymbolKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface DocumentSymbol {
  /** The key (dotted from the enclosing symbol). */
  name: string;
  pointer: string;
  kind: SymbolKind;
  /** From the key to the end of the value. */
  from: number;
  to: number;
  /** The key. */
  selectionFrom: number;
  selectionTo: number;
  children: DocumentSymbol[];
}

/** The outline: sections and their keys, nested (works on broken documents). */
export function symbols(text: string, options?: IdeOptions): DocumentSymbol[];

// ---------------------------------------------------------------------------
// Texts

export interface ConvertOptions {
  /** The input format; detected from the content when absent. */
  from?: Format;
}

/**
 * Converts a config text to JSON (as upstream writes it:
 * `JSON.stringify(value, null, 2)`) or TOML (`null` becomes
 * `{ "$null" = true }`). Throws `SYNTAX` (with `diagnostics`),
 * `UNREPRESENTABLE` or `UNKNOWN_FORMAT`.
 */
export function convert(text: string, to: Format, options?: ConvertOptions): string;

export interface MaskOptions {
  /** The input format; detected from the content when absent. */
  format?: Format;
  /** The output format (default: the input's). */
  to?: Format;
}

/**
 * The sanitised export: the document with every secret masked
 * (`***MASKED***`, or a URL with `***` credentials), including the secrets
 * upstream forgets. Throws `SYNTAX`, `UNREPRESENTABLE`, `UNKNOWN_FORMAT`.
 */
export function mask(text: string, options?: MaskOptions): string;

// ---------------------------------------------------------------------------
// Presets, schema, registries

/**
 * The preset of an environment (name or alias) with fresh random secrets
 * and `lastUpdated` set to now. Throws `UNKNOWN_ENVIRONMENT`.
 */
export function preset(environment: EnvironmentName): ConfigDocument;

/** The JSON Schema (draft 2020-12) of the config document. */
export function schema(): JsonObject;

/** One entry of the secret registry. */
export interface SecretPath {
  /** JSON Pointer; a `*` token matches any one key or index. */
  pattern: string;
  /** `opaque`: masked whole; `url`: user name and password masked. */
  kind: 'opaque' | 'url';
  /** Does upstream mask it too? (`false`: upstream forgets it.) */
  upstream: boolean;
}

/** The registry of secret paths. */
export function secretPaths(): SecretPath[];

/** One entry of the rule catalog. */
export interface RuleInfo {
  code: string;
  name: string;
  group: RuleGroup;
  /** Severity in the common case (some rules depend on the environment). */
  severity: Severity;
  /** One-line rationale. */
  summary: string;
}

/** Every code auditcfg can report (`validate`; the CLI's `probe`: group `probe`; policy rules: group `policy`), in code order. */
export function rules(): RuleInfo[];

/** A code's documentation, as `auditcfg explain` prints it. */
export interface RuleDocs extends RuleInfo {
  /** Markdown: the code and name, then **What.**, **Why.**, **Example.** and **Fix.** */
  docs: string;
}

/** The docs of a code (`AC313`, any case) or rule name (`session-secret-length`); `null` when unknown. Plain data: no WebAssembly call. */
export function explain(code: string): RuleDocs | null;

/** The version of auditcfg (equal to this package's version). */
export function version(): string;

// ---------------------------------------------------------------------------
// Diff, patches, merge

export interface DiffOptions {
  /** The format of `a`; detected from the content when absent. */
  formatA?: Format;
  /** The format of `b`; detected from the content when absent. */
  formatB?: Format;
  /**
   * `diff` only: organisation policy files whose transition rules
   * (`on = "change"`) are checked on the change; their findings, placed in
   * `b`, are the result's `diagnostics`. As in `validate`'s `policies`.
   */
  policies?: string[];
  /** `diff` only, advanced: transition findings already evaluated by `auditcfg/policy`'s `evaluate`. */
  policyFindings?: PolicyFinding[];
}

/** What applying a change does to the running audit server. */
export type Impact =
  | { kind: 'hotReload' }
  | {
      kind: 'restart';
      /** The component that restarts (`redis`, `database`, `server`, `worker`, ...). */
      component: string;
    }
  | {
      kind: 'secretChanged';
      /** The component that reads the secret (and restarts to read it). */
      component: string;
    };

interface ChangeCommon {
  /** JSON Pointer: into `b`, or into `a` for `removed`. */
  path: string;
  /** The old value, secrets masked; absent when there was none. */
  before?: JsonValue;
  /** The new value, secrets masked; absent when there is none. */
  after?: JsonValue;
  /** Fingerprint (`sha256:` + 8 hex digits) of the old value, for secrets. */
  fingerprintBefore?: string;
  /** Fingerprint of the new value, for secrets. */
  fingerprintAfter?: string;
  /** Where the old value is in `a` (`null`: absent). */
  rangeA: Range | null;
  /** Where the new value is in `b` (`null`: absent). */
  rangeB: Range | null;
  impact: Impact;
}

/** One difference. An added or removed object is one change carrying the whole subtree. */
export type Change = ChangeCommon &
  (
    | { kind: 'added' | 'removed' | 'changed' }
    | {
        kind: 'moved';
        /** The item's pointer in `a`. */
        from: string;
        /** The item's pointer in `b`. */
        to: string;
      }
  );

export interface DiffSummary {
  total: number;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  /** Changes applied live. */
  live: number;
  /** Changes needing a restart (secret changes not included). */
  restart: number;
  /** Changes touching a secret. */
  secrets: number;
  /** `restart` changes per component. */
  restartByComponent: { component: string; count: number }[];
  /** Every component that must restart. */
  restartComponents: string[];
}

export interface DiffResult {
  /** Every change, in document order; empty when the documents mean the same. */
  changes: Change[];
  summary: DiffSummary;
  /** With `policies`: the transition rules' findings, placed in `b`. */
  diagnostics?: Diagnostic[];
}

/**
 * Compares two config texts (any mix of JSON and TOML) by meaning: key
 * order, formatting and `1000` vs `1000.0` do not count. Secrets are masked
 * and fingerprinted. Throws `SYNTAX`.
 */
export function diff(a: string, b: string, options?: DiffOptions): DiffResult;

/** One RFC 6902 JSON Patch operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/**
 * The JSON Patch (`add`, `remove`, `replace`, `move`) that turns `a` into
 * `b`. It carries real values, secrets included: it exists to be applied.
 */
export function toJsonPatch(a: string, b: string, options?: DiffOptions): JsonPatchOperation[];

export interface ApplyPatchOptions {
  /** The input format; detected from the content when absent. */
  format?: Format;
  /** The output format (default: the input's). */
  to?: Format;
}

/**
 * Applies a JSON Patch (all six operations) atomically: every operation or
 * none. Throws `PATCH_FAILED` (naming the operation), `NOT_A_PATCH`,
 * `SYNTAX`.
 */
export function applyPatch(text: string, patch: readonly JsonPatchOperation[], options?: ApplyPatchOptions): string;

export interface MergeOptions {
  /** The format of `base`; detected from the content when absent. */
  format?: Format;
  /** The format of `overlay`; detected from the content when absent. */
  overlayFormat?: Format;
  /** The output format (default: the base's). */
  to?: Format;
}

/**
 * `overlay` deep-merged on top of `base`: objects merge member by member,
 * arrays and scalars replace, `null` sets `null` (an overlay cannot
 * delete). Throws `SYNTAX`.
 */
export function merge(base: string, overlay: string, options?: MergeOptions): string;

/** The JSON Pointers the server applies live; a change anywhere else needs a restart. */
export function hotReloadableFields(): string[];

// ---------------------------------------------------------------------------
// Encryption (nothing leaves the process; messages never contain secrets)

/**
 * A password-based key derivation function. scrypt takes `N` itself (a
 * power of two), as Node's `scryptSync` does. Bounds: PBKDF2 iterations
 * 1,000..10,000,000; scrypt N 2^10..2^20, r 1..32, p 1..16, memory
 * 128·r·N at most 256 MiB.
 */
export type Kdf =
  | { name: 'PBKDF2'; iterations: number }
  | { name: 'scrypt'; N: number; r: number; p: number };

/** The whole-file cipher (names are matched ignoring case). */
export type Algorithm = 'AES-256-GCM' | 'AES-256-CBC';

export interface EncryptFileOptions {
  /** The input format; detected from the content when absent. */
  format?: Format;
  /** Default `AES-256-GCM`. */
  algorithm?: Algorithm;
  /** Default PBKDF2 with 600,000 iterations. */
  kdf?: Kdf;
  /** Hex salt (16..1024 bytes); default 32 random bytes (needs `embedParams`). */
  salt?: string;
  /** Record salt and KDF in the file (default `true`); upstream's readers ignore them. */
  embedParams?: boolean;
}

export interface DecryptFileOptions {
  /** Hex salt, used when the file does not record one (upstream: `AUDIT_CONFIG_SALT`). */
  salt?: string;
  /** KDF used when the file does not record one (default: PBKDF2, 100,000 iterations). */
  kdf?: Kdf;
}

export interface EncryptFieldsOptions {
  /** The input format; detected from the content when absent. */
  format?: Format;
  /** Default PBKDF2 with 600,000 iterations (ignored with `previous`). */
  kdf?: Kdf;
  /** Hex salt; default 32 random bytes (ignored with `previous`). */
  salt?: string;
  /** JSON Pointers to seal besides the registry's secrets. */
  extraPointers?: string[];
  /** The previous sealed text of this document: unchanged secrets keep their ciphertext. */
  previous?: string;
}

export interface DecryptFieldsOptions {
  /** The input format; detected from the content when absent. */
  format?: Format;
}

/**
 * Encrypts a config (JSON or TOML text) in upstream's file format
 * (`{algorithm, iv, data, authTag}`); the plaintext is
 * `JSON.stringify(config, null, 2)`. Returns the file's JSON text.
 */
export function encryptFile(text: string, password: string, options?: EncryptFileOptions): string;

/**
 * Decrypts an encrypted file back to the config's JSON text. Throws
 * `WRONG_PASSWORD_OR_MODIFIED`, `MISSING_SALT`, `KMS_ENCRYPTED`,
 * `NOT_ENCRYPTED`, ...
 */
export function decryptFile(fileText: string, password: string, options?: DecryptFileOptions): string;

/**
 * Seals every secret of a document in place (`"enc:v1:…"`) and adds the
 * authenticated `$auditcfgEncryption` block. Returns the text in the input's
 * format.
 */
export function encryptFields(text: string, password: string, options?: EncryptFieldsOptions): string;

/** Verifies and opens a sealed document; returns the text in its format. */
export function decryptFields(text: string, password: string, options?: DecryptFieldsOptions): string;

// ---------------------------------------------------------------------------
// Asynchronous encryption: the key derivation does not block the page

/**
 * Options of the asynchronous functions besides those of their synchronous
 * twins.
 */
export interface AsyncKdfOptions {
  /**
   * Derive PBKDF2 keys with the host's WebCrypto (`crypto.subtle`) when it
   * has it (default `true`). `false` runs the Rust implementation (as
   * scrypt always does): the same key, but it blocks for its duration.
   */
  webCrypto?: boolean;
  /**
   * Rejects with `signal.reason` when aborted (WebCrypto cannot be stopped:
   * its result is discarded; the Rust KDF cannot be interrupted, the
   * rejection comes after it).
   */
  signal?: AbortSignalLike;
}

/** What `signal` needs of an `AbortSignal` (declared here: no DOM library required). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The salt (hex) and KDF a key is derived with. */
export interface KeyParams {
  salt: string;
  kdf: Kdf;
}

/**
 * `encryptFile` with the key derived asynchronously: PBKDF2 in WebCrypto
 * when the host has it, else the Rust KDF after one macrotask. Same
 * checks, error codes and output format; decryptable by `decryptFile`.
 */
export function encryptFileAsync(
  text: string,
  password: string,
  options?: EncryptFileOptions & AsyncKdfOptions,
): Promise<string>;

/** `decryptFile` with the key derived asynchronously (see `encryptFileAsync`). */
export function decryptFileAsync(
  fileText: string,
  password: string,
  options?: DecryptFileOptions & AsyncKdfOptions,
): Promise<string>;

/**
 * `encryptFields` with the key derived asynchronously. With `previous`
 * (reuse unchanged ciphertexts) it runs `encryptFields` itself after one
 * macrotask: that KDF blocks.
 */
export function encryptFieldsAsync(
  text: string,
  password: string,
  options?: EncryptFieldsOptions & AsyncKdfOptions,
): Promise<string>;

/** `decryptFields` with the key derived asynchronously. */
export function decryptFieldsAsync(
  text: string,
  password: string,
  options?: DecryptFieldsOptions & AsyncKdfOptions,
): Promise<string>;

/**
 * The 32-byte key of a password (UTF-8), a hex salt (8..1024 bytes) and a
 * KDF, derived asynchronously (WebCrypto for PBKDF2 when available): the
 * same bytes as `deriveKey`.
 */
export function deriveKeyAsync(password: string, salt: string, kdf: Kdf, options?: AsyncKdfOptions): Promise<Uint8Array>;

// The building blocks of the asynchronous functions, for callers that run
// the KDF themselves (a worker, another WebCrypto): `…Params` makes every
// check of the one-shot function and returns the salt (drawn when new) and
// KDF; derive the key of the password with them (`deriveKey` or PBKDF2-
// HMAC-SHA256, 32 bytes); `…WithKey` finishes.

/** The key of a password, hex salt and KDF, computed by the Rust KDF (blocks). */
export function deriveKey(password: string, salt: string, kdf: Kdf): Uint8Array;

/** Checks `deriveKey`'s arguments without deriving; returns them normalised. */
export function keyParams(password: string, salt: string, kdf: Kdf): KeyParams;

/** Every check of `encryptFile`; the salt (drawn when absent) and KDF to derive with. */
export function encryptFileParams(text: string, password: string, options?: EncryptFileOptions): KeyParams;

/** `encryptFile` with the key of the password, `options.salt` (required) and `options.kdf`. */
export function encryptFileWithKey(text: string, key: Uint8Array, options: EncryptFileOptions & { salt: string }): string;

/** The salt and KDF decrypting a file needs (from the file, else `options`). */
export function decryptFileParams(fileText: string, password: string, options?: DecryptFileOptions): KeyParams;

/** `decryptFile` with the key derived with `decryptFileParams`' result. */
export function decryptFileWithKey(fileText: string, key: Uint8Array): string;

/** The checks of `encryptFields` (without `previous`); the salt and KDF to derive with. */
export function encryptFieldsParams(
  text: string,
  password: string,
  options?: Omit<EncryptFieldsOptions, 'previous'>,
): KeyParams;

/** `encryptFields` (without `previous`) with the key of the password, `options.salt` and `options.kdf`. */
export function encryptFieldsWithKey(
  text: string,
  key: Uint8Array,
  options: Omit<EncryptFieldsOptions, 'previous'> & { salt: string },
): string;

/** The salt and KDF of a sealed document's metadata. */
export function decryptFieldsParams(text: string, password: string, options?: DecryptFieldsOptions): KeyParams;

/** `decryptFields` with the key derived with `decryptFieldsParams`' result. */
export function decryptFieldsWithKey(text: string, key: Uint8Array, options?: DecryptFieldsOptions): string;

/** What a text is, as an encrypted file: told without a password. */
export type FileKind =
  | {
      kind: 'gcm' | 'cbc';
      /** Hex salt, when the file records it. */
      salt: string | null;
      /** KDF, when the file records it (not yet bounds-checked). */
      kdf: Kdf | null;
      /** Ciphertext length in bytes. */
      ciphertextLength: number;
    }
  | { kind: 'kms' }
  | { kind: 'notEncrypted' }
  | { kind: 'invalid'; code: ErrorCode; message: string };

/** Recognises an encrypted file (or a plain config) without decrypting it. */
export function inspectFile(text: string): FileKind;

// ---------------------------------------------------------------------------
// Organisation policies (the engine is the separate `auditcfg/policy` module)

/** A finding of a policy rule before it is placed (what `auditcfg/policy`'s `evaluate` returns). */
export interface PolicyFinding {
  /** The rule's own code, e.g. `ORG001`. */
  code: string;
  severity: Severity;
  /** JSON Pointer of the value concerned (`""`: the whole document). */
  path: string;
  message: string;
  help?: string;
}

/** A mistake in a policy file, with its range in that file. */
export interface PolicyFileError {
  kind:
    | 'syntax'
    | 'shape'
    | 'unknown-key'
    | 'missing-key'
    | 'wrong-type'
    | 'bad-code'
    | 'reserved-code'
    | 'duplicate-code'
    | 'bad-severity'
    | 'bad-trigger'
    | 'bad-pointer'
    | 'bad-environment'
    | 'expression'
    | 'limit';
  message: string;
  range: Range;
  /** In a `BAD_POLICY` error: the index of the policy text among those given. */
  policy?: number;
}

/** One rule of a policy file. */
export interface PolicyRuleInfo {
  code: string;
  severity: Severity;
  /** `validate`, or `change` for a transition rule (checked by `diff`). */
  on: 'validate' | 'change';
  path: string | null;
  environments: Environment[] | null;
  /** The CEL expression. */
  rule: string;
  message: string;
  help: string | null;
  codeRange: Range;
  ruleRange: Range;
}

/** What `checkPolicy` returns: `errors` is empty exactly when `ok`. */
export interface PolicyCheck {
  ok: boolean;
  errors: PolicyFileError[];
  rules: PolicyRuleInfo[];
}

/** The policy file's own mistakes (with ranges, line/column in UTF-8 and UTF-16) and its rules. Needs the policy module (see `loadPolicies`). */
export function checkPolicy(policyText: string): PolicyCheck;

/**
 * Loads the policy module (the CEL engine, a WebAssembly module of its own,
 * ~250 KB gzip) if it is not yet: in browsers and bundlers a dynamic
 * `import()` of a same-origin module that carries its wasm (no fetch: a
 * CSP with `connect-src 'none'` holds). In Node it loads on first use anyway.
 */
export function loadPolicies(): Promise<void>;

/** What `policyInput` returns. */
export interface PolicyInput {
  /** The document's canonical JSON; `null` when it does not parse or is not an object (no policy applies). */
  document: string | null;
  /** The environment `validate` runs as: the option, else the document's own. */
  environment: Environment | null;
}

/** Advanced (what `validate` with `policies` does): the input of `auditcfg/policy`'s `evaluate`; takes `validate`'s options. */
export function policyInput(text: string, options?: ValidateOptions): PolicyInput;

/** Advanced: places `evaluate`'s findings in `text`, as `validate`'s diagnostics. Throws `SYNTAX`, `INVALID_ARGUMENT`. */
export function placeFindings(
  text: string,
  findings: PolicyFinding[],
  options?: { format?: Format; fileName?: string },
): Diagnostic[];

// ---------------------------------------------------------------------------
// Errors

/** The `code` of an error thrown by this package. */
export type ErrorCode =
  // Arguments
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_FORMAT'
  | 'UNKNOWN_ENVIRONMENT'
  | 'UNKNOWN_GROUP'
  // Documents
  | 'SYNTAX'
  | 'UNREPRESENTABLE'
  // Patches
  | 'NOT_A_PATCH'
  | 'PATCH_FAILED'
  // Encryption
  | 'WRONG_PASSWORD_OR_MODIFIED'
  | 'KDF_PARAM_OUT_OF_BOUNDS'
  | 'SCRYPT_MEMORY'
  | 'SCRYPT_WORK'
  | 'SCRYPT_N_NOT_POWER_OF_TWO'
  | 'SALT_LENGTH'
  | 'MISSING_SALT'
  | 'SALT_REQUIRED'
  | 'SERVER_SCRYPT_ONLY'
  | 'SEALED_VALUES_MODIFIED'
  | 'NOTHING_TO_VERIFY'
  | 'EMPTY_PASSWORD'
  | 'PLAINTEXT_NOT_JSON'
  | 'NOT_JSON'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'UNSUPPORTED_ALGORITHM'
  | 'KMS_ENCRYPTED'
  | 'NOT_ENCRYPTED'
  | 'DECRYPTED_NOT_JSON'
  | 'NOT_SEALED'
  | 'ALREADY_SEALED'
  | 'INVALID_METADATA'
  | 'UNSUPPORTED_VERSION'
  | 'NOT_AN_OBJECT'
  | 'POINTER_NOT_FOUND'
  | 'POINTER_NOT_ALLOWED'
  | 'CRYPTO'
  // Environment
  | 'RANDOM'
  // Policies
  | 'BAD_POLICY'
  | 'POLICIES_NOT_LOADED'
  // Should not happen
  | 'ERROR'
  | 'INTERNAL';

/** Every error this package throws: an `Error` with a stable `code`. */
export interface AuditcfgError extends Error {
  name: 'AuditcfgError';
  code: ErrorCode;
  /** For `SYNTAX`: the parser's findings, placed in the text. */
  diagnostics?: Diagnostic[];
  /** For `BAD_POLICY`: every mistake of the policy files, located. */
  errors?: PolicyFileError[];
}

/** Is `value` an error thrown by this package? */
export function isAuditcfgError(value: unknown): value is AuditcfgError;
