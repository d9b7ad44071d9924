// Types of `auditcfg/policy`: the policy module on its own (the CEL
// engine; the main entry's `validate`/`diff` with `policies` and
// `checkPolicy` use it). It evaluates rules on document VALUES and
// returns unplaced findings; the main module's `placeFindings` places them.

import type { Environment, EnvironmentName, PolicyCheck, PolicyFinding } from './index.js';

export type { PolicyCheck, PolicyFileError, PolicyFinding, PolicyRuleInfo } from './index.js';

/** The policy file's own mistakes (with ranges) and its rules. */
export function checkPolicy(policyText: string): PolicyCheck;

/**
 * The unplaced findings of the policies on a document's canonical JSON
 * (`policyInput(text).document`): the validation rules, or, with
 * `oldDocumentJson`, the transition rules (`on = "change"`). No document
 * (`null`/`undefined`): no findings. Throws `BAD_POLICY` (with `errors`),
 * `UNKNOWN_ENVIRONMENT`, `INVALID_ARGUMENT`.
 */
export function evaluate(
  policyTexts: string[],
  documentJson: string | null | undefined,
  environment?: Environment | EnvironmentName | null,
  oldDocumentJson?: string | null,
): PolicyFinding[];

/** The module's version (the package's). */
export function version(): string;

/** Instantiates the module (in browsers it already is once imported). */
export function loadPolicies(): Promise<void>;
