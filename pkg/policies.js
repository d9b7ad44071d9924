// Organisation policies in the main entries: `validate(text, {policies})`,
// `diff(a, b, {policies})`, `checkPolicy(text)` and `loadPolicies()`, over
// the main module `w` (which reads and places: `policyInput`,
// `placeFindings`, the `policyFindings` options) and the policy module
// (which evaluates; loaded on first use by `load`).
//
// `load()` returns the policy API, or a promise of it. In Node it is
// synchronous (the module is read from its file); in browsers and bundlers
// it is a dynamic import(), so `validate` with `policies` and `checkPolicy`
// work after `await loadPolicies()` and throw `POLICIES_NOT_LOADED` before.
import { auditcfgError, policyTexts } from './policy-api.js';

export function bindPolicies(w, load) {
  let api;
  let loading;

  function loadPolicies() {
    if (api) return Promise.resolve();
    loading ??= Promise.resolve(load()).then(
      (m) => {
        api = m;
      },
      (e) => {
        loading = undefined;
        throw e;
      },
    );
    return loading;
  }

  function policyApi() {
    if (!api) {
      const m = load.sync?.();
      if (m) api = m;
    }
    if (!api) {
      throw auditcfgError(
        'POLICIES_NOT_LOADED',
        'policies run in the policy module, loaded on first use: `await loadPolicies()` once before validate/diff with `policies` or checkPolicy',
      );
    }
    return api;
  }

  /** `[policy texts or undefined, the other options]`. */
  function split(options) {
    if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) {
      return [undefined, options];
    }
    if (!('policies' in options) && !('policyFindings' in options)) return [undefined, options];
    const { policies, ...rest } = options;
    if ('policyFindings' in rest && policies !== undefined) {
      throw auditcfgError('INVALID_ARGUMENT', 'give `policies` or `policyFindings`, not both');
    }
    if (policies === undefined) return [undefined, options];
    const texts = policyTexts(policies);
    return [texts.length ? texts : undefined, rest];
  }

  function validate(text, options) {
    const [texts, rest] = split(options);
    if (!texts) return w.validate(text, rest);
    const input = w.policyInput(text, rest);
    const findings = policyApi().evaluate(texts, input.document ?? undefined, input.environment ?? undefined);
    return w.validate(text, { ...rest, policyFindings: findings });
  }

  function diff(a, b, options) {
    const [texts, rest] = split(options);
    if (!texts) return w.diff(a, b, rest);
    const ia = w.policyInput(a, { format: rest.formatA });
    const ib = w.policyInput(b, { format: rest.formatB });
    // A transition rule needs both documents; the environment is b's own.
    const both = ia.document != null && ib.document != null;
    const findings = policyApi().evaluate(
      texts,
      both ? ib.document : undefined,
      ib.environment ?? undefined,
      both ? ia.document : undefined,
    );
    return w.diff(a, b, { ...rest, policyFindings: findings });
  }

  function checkPolicy(policyText) {
    return policyApi().checkPolicy(policyText);
  }

  return { validate, diff, checkPolicy, loadPolicies };
}
