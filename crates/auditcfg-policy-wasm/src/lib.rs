//! # auditcfg-policy-wasm
//!
//! The npm package's policy module (`auditcfg/policy`): organisation
//! policies' CEL engine ([`auditcfg_policy`]) as a WebAssembly module of
//! its own, loaded on first use, so that the main module (and every page
//! or `validate` user that has no policy) does not carry the engine.
//!
//! It reads policy files (with ranges: every mistake an error with a
//! location), compiles each policy text once (a small cache keyed by the
//! text), and evaluates the rules against document VALUES (the canonical
//! JSON the main module gives it), returning unplaced findings (the rule's
//! code, severity, JSON Pointer, message, help). The main module places
//! them (paths → ranges) exactly as the core does for the CLI.
//!
//! The exports take and return JSON texts (no serde-wasm-bindgen, no
//! js-sys: smaller); `pkg/policy.js` wraps them into the package's API and
//! turns `{ok: false}` answers into `AuditcfgError`s.

use auditcfg_core::policy::{self, Finding, Policy, PolicyError, Rule};
use auditcfg_core::{Environment, LineCol, LineIndex, TextRange};
use auditcfg_policy::{Cel, Program};
use serde::Serialize;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;

/// Policy texts kept compiled (the most recently used ones).
pub const CACHED_POLICIES: usize = 32;

type Compiled = Rc<Result<Policy<Program>, Vec<PolicyError>>>;

/// The engine and the policies compiled so far.
#[derive(Debug, Default)]
struct Cache {
    engine: Cel,
    compiled: Vec<(String, Compiled)>,
}

impl Cache {
    /// The policy of `text`, compiled once.
    fn get(&mut self, text: &str) -> Compiled {
        if let Some(i) = self.compiled.iter().position(|(t, _)| t == text) {
            let entry = self.compiled.remove(i);
            let out = Rc::clone(&entry.1);
            self.compiled.push(entry);
            return out;
        }
        let compiled = Rc::new(Policy::parse(text, &self.engine));
        if self.compiled.len() >= CACHED_POLICIES {
            self.compiled.remove(0);
        }
        self.compiled.push((text.to_owned(), Rc::clone(&compiled)));
        compiled
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// A half-open range; its ends are the core's `LineCol`, which serialises
/// as the main package's positions (1-based line, UTF-8 and UTF-16
/// columns, byte and UTF-16 offsets).
#[derive(Debug, Serialize)]
struct Range {
    start: LineCol,
    end: LineCol,
}

fn range(index: &LineIndex<'_>, r: TextRange) -> Range {
    Range {
        start: index.line_col(r.start),
        end: index.line_col(r.end),
    }
}

/// A policy file's mistake as JSON (`policy`: its index among the texts).
fn error_json(index: &LineIndex<'_>, e: &PolicyError, policy: Option<usize>) -> Value {
    let mut v = json!({
        "kind": e.kind,
        "message": e.message,
        "range": range(index, e.range),
    });
    if let (Some(i), Value::Object(m)) = (policy, &mut v) {
        m.insert("policy".into(), i.into());
    }
    v
}

fn rule_json(index: &LineIndex<'_>, r: &Rule<Program>) -> Value {
    json!({
        "code": r.code,
        "severity": r.severity,
        "on": r.trigger,
        "path": r.path,
        "environments": r.environments.as_ref().map(|es| es.iter().map(|e| e.as_str()).collect::<Vec<_>>()),
        "rule": r.expression,
        "message": r.message,
        "help": r.help,
        "codeRange": range(index, r.code_range),
        "ruleRange": range(index, r.rule_range),
    })
}

/// `checkPolicy`'s answer: `{ok, errors, rules}`.
pub fn check_policy_value(text: &str) -> Value {
    let compiled = CACHE.with(|c| c.borrow_mut().get(text));
    let index = LineIndex::new(text);
    match &*compiled {
        Ok(p) => json!({
            "ok": true,
            "errors": [],
            "rules": p.rules.iter().map(|r| rule_json(&index, r)).collect::<Vec<_>>(),
        }),
        Err(errors) => json!({
            "ok": false,
            "errors": errors.iter().map(|e| error_json(&index, e, None)).collect::<Vec<_>>(),
            "rules": [],
        }),
    }
}

/// A refusal: `{ok: false, code, message, errors?}`.
fn refusal(code: &str, message: String, errors: Vec<Value>) -> Value {
    json!({"ok": false, "code": code, "message": message, "errors": errors})
}

/// Deepest document nesting accepted (the core's parsers stop at 128).
pub const MAX_DOCUMENT_DEPTH: usize = 256;

/// The deepest nesting of `[` and `{` in a JSON text (strings skipped).
fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Parses JSON without serde_json's recursion limit (128, one level less
/// than the core accepts), once its depth is known to be bounded.
fn parse_json(text: &str) -> Result<Value, String> {
    let depth = json_depth(text);
    if depth > MAX_DOCUMENT_DEPTH {
        return Err(format!(
            "it nests {depth} levels deep: at most {MAX_DOCUMENT_DEPTH}"
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let v = <Value as serde::Deserialize>::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(v)
}

/// Reads a document's canonical JSON (`None`: no document).
fn document(text: Option<&str>, what: &str) -> Result<Option<Value>, Value> {
    match text {
        None => Ok(None),
        Some(t) => match parse_json(t) {
            Ok(v) if v.is_object() => Ok(Some(v)),
            Ok(_) => Ok(None),
            Err(e) => Err(refusal(
                "INVALID_ARGUMENT",
                format!("{what} is not JSON: {e}"),
                Vec::new(),
            )),
        },
    }
}

/// `evaluate`'s answer: `{ok: true, findings}` or a refusal (a bad policy
/// file: `BAD_POLICY` with every mistake; a bad argument).
pub fn evaluate_value(
    policies: &[String],
    document_json: Option<&str>,
    environment: Option<&str>,
    old_document_json: Option<&str>,
) -> Value {
    let environment = match environment.map(|e| (e, Environment::from_name(e))) {
        None => None,
        Some((_, Some(e))) => Some(e),
        Some((name, None)) => {
            return refusal(
                "UNKNOWN_ENVIRONMENT",
                format!(
                    "unknown environment `{name}`: expected development, staging, production or test"
                ),
                Vec::new(),
            );
        }
    };
    let compiled: Vec<Compiled> = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        policies.iter().map(|t| c.get(t)).collect()
    });
    let mut errors = Vec::new();
    let mut first = None;
    for (i, (p, text)) in compiled.iter().zip(policies).enumerate() {
        if let Err(es) = &**p {
            let index = LineIndex::new(text);
            for e in es {
                first.get_or_insert_with(|| locate(&index, i, e));
                errors.push(error_json(&index, e, Some(i)));
            }
        }
    }
    let ok: Vec<&Policy<Program>> = compiled
        .iter()
        .filter_map(|p| p.as_ref().as_ref().ok())
        .collect();
    if errors.is_empty() {
        for (code, i, at) in policy::duplicate_codes(&ok) {
            let index = LineIndex::new(&policies[i]);
            let e = PolicyError {
                kind: policy::PolicyErrorKind::DuplicateCode,
                message: format!("duplicate code `{code}`: an earlier policy file uses it"),
                range: at,
            };
            first.get_or_insert_with(|| locate(&index, i, &e));
            errors.push(error_json(&index, &e, Some(i)));
        }
    }
    if let Some(first) = first {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return refusal("BAD_POLICY", format!("{first}{more}"), errors);
    }
    let new = match document(document_json, "the document") {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let old = match document(old_document_json, "the earlier document") {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let findings: Vec<Finding> = match (new, old_document_json.is_some(), old) {
        (Some(new), false, _) => {
            CACHE.with(|c| policy::evaluate(&c.borrow().engine, &ok, None, &new, environment))
        }
        (Some(new), true, Some(old)) => {
            CACHE.with(|c| policy::evaluate(&c.borrow().engine, &ok, Some(&old), &new, environment))
        }
        _ => Vec::new(),
    };
    json!({"ok": true, "findings": findings})
}

/// `policy N (line L, column C): message` (column in UTF-16 code units).
fn locate(index: &LineIndex<'_>, policy: usize, e: &PolicyError) -> String {
    let at = index.line_col(e.range.start);
    format!(
        "policy {} (line {}, column {}): {}",
        policy + 1,
        at.line,
        at.column_utf16,
        e.message
    )
}

fn text(v: &Value) -> String {
    // Serialising a `Value` cannot fail.
    serde_json::to_string(v).unwrap_or_else(|_| "{\"ok\":false}".into())
}

/// `checkPolicy(text)`: the policy file's own mistakes (with ranges) and
/// its rules, as JSON text.
#[wasm_bindgen(js_name = checkPolicy)]
pub fn check_policy(policy_text: String) -> String {
    text(&check_policy_value(&policy_text))
}

/// `evaluate(policyTexts, documentJson, environment, oldDocumentJson)`:
/// the unplaced findings of the validation rules (without
/// `oldDocumentJson`) or of the transition rules (with it), as JSON text.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate(
    policy_texts: Vec<String>,
    document_json: Option<String>,
    environment: Option<String>,
    old_document_json: Option<String>,
) -> String {
    text(&evaluate_value(
        &policy_texts,
        document_json.as_deref(),
        environment.as_deref(),
        old_document_json.as_deref(),
    ))
}

/// The module's version (the package's).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

#[cfg(test)]
mod tests;
