// The policy module's API (`auditcfg/policy`) over one instance of its
// wasm-bindgen glue: the WebAssembly exports take and return JSON texts;
// this turns them into values and `{ok: false}` answers into
// AuditcfgErrors (`BAD_POLICY` with every mistake located,
// `UNKNOWN_ENVIRONMENT`, `INVALID_ARGUMENT`). Shared by policy-node.js and
// policy-browser.js.

/** An error like the main module's: name `AuditcfgError`, a stable `code`. */
export function auditcfgError(code, message, extra) {
  const e = new Error(message);
  e.name = 'AuditcfgError';
  e.code = code;
  if (extra) Object.assign(e, extra);
  return e;
}

/** A string argument; lone surrogates are refused (no UTF-8 form), as the main module does. */
function text(value, what) {
  if (typeof value !== 'string') throw auditcfgError('INVALID_ARGUMENT', `${what} must be a string`);
  if (typeof value.isWellFormed === 'function' && !value.isWellFormed()) {
    throw auditcfgError('INVALID_ARGUMENT', `${what} is not well-formed UTF-16: it holds a lone surrogate`);
  }
  return value;
}

/** An optional string argument (`null`/`undefined`: absent). */
function optText(value, what) {
  return value === undefined || value === null ? undefined : text(value, what);
}

/** The policy texts: a non-empty array of strings. */
export function policyTexts(value, what = 'policies') {
  if (!Array.isArray(value)) throw auditcfgError('INVALID_ARGUMENT', `${what} must be an array of policy texts`);
  return value.map((p, i) => text(p, `${what}[${i}]`));
}

/** The API over the glue `g` (instantiated, or instantiated by `ready()` first). */
export function bindPolicyApi(g, ready = () => {}) {
  return {
    /** The policy file's own mistakes (with ranges) and its rules. */
    checkPolicy(policyText) {
      text(policyText, 'policyText');
      ready();
      return JSON.parse(g.checkPolicy(policyText));
    },
    /**
     * Unplaced findings of `policyTexts` on a document's canonical JSON:
     * the validation rules, or with `oldDocumentJson` the transition rules.
     */
    evaluate(policies, documentJson, environment, oldDocumentJson) {
      const texts = policyTexts(policies, 'policyTexts');
      const doc = optText(documentJson, 'documentJson');
      const env = optText(environment, 'environment');
      const old = optText(oldDocumentJson, 'oldDocumentJson');
      ready();
      const r = JSON.parse(g.evaluate(texts, doc, env, old));
      if (!r.ok) {
        throw auditcfgError(r.code, r.message, r.errors.length ? { errors: r.errors } : undefined);
      }
      return r.findings;
    },
    /** The module's version (the package's). */
    version() {
      ready();
      return g.version();
    },
  };
}
