//! Organisation policies: rules of an organisation's own, written as CEL
//! expressions in a policy file, reported exactly like built-in rules.
//!
//! The core is pure and carries no expression engine: it reads the policy
//! file (with ranges, every mistake an error with a location), decides
//! which rules apply to a document (environment, path), hands each
//! expression to an [`Engine`] (`crates/auditcfg-policy` is the CEL one)
//! with the variables `self`, `config`, `environment` (and `oldSelf`,
//! `oldConfig` for transition rules), and places the outcomes as
//! [`Diagnostic`]s of [`Code::PolicyRule`] carrying the rule's own code.
//!
//! A rule whose path is absent does not apply; an evaluation error or a
//! rule stopped by the evaluation limits is a finding of that rule saying
//! why, never a silent pass.
//!
//! Evaluating and placing are two steps: [`evaluate`] needs only the
//! document's values and returns unplaced [`Finding`]s (code, severity,
//! JSON Pointer, message, help); [`place`] turns them into placed
//! [`Diagnostic`]s with the document's ranges. The npm package evaluates in
//! its separate policy WebAssembly module (which carries the engine) and
//! places in its main module (which carries the parsers).

mod file;

pub use file::{
    MAX_EXPRESSION_BYTES, MAX_EXPRESSION_NESTING, MAX_EXPRESSION_OPERATORS, MAX_RULES, code_problem,
};

use crate::diagnostic::{self, Code, Diagnostic, Severity, TextRange};
use crate::document::Document;
use crate::environment::Environment;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Evaluation steps one rule may take on one document.
pub const RULE_STEPS: u64 = 100_000;
/// Evaluation steps all rules together may take on one document.
pub const DOCUMENT_STEPS: u64 = 1_000_000;

/// An expression engine: compiles a rule's text once, evaluates it per
/// document.
pub trait Engine {
    /// A compiled expression.
    type Program;
    /// A document (and the earlier one, for a change) in the engine's own
    /// value representation, converted once for all rules.
    type Loaded;
    /// Compiles an expression (syntax errors with their range inside the
    /// expression text).
    fn compile(&self, expression: &str) -> Result<Self::Program, CompileError>;
    /// Converts a document's values once (`input.this` and
    /// `input.old_self` are the whole documents here).
    fn load(&self, input: &Input<'_>) -> Self::Loaded;
    /// Evaluates a compiled expression against `input` (whose documents
    /// `loaded` holds converted), spending at most `budget.steps`.
    fn evaluate(
        &self,
        program: &Self::Program,
        loaded: &Self::Loaded,
        input: &Input<'_>,
        budget: &mut Budget,
    ) -> Outcome;
}

/// Why an expression does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// Where, in bytes of the expression text, when known.
    pub range: Option<TextRange>,
}

/// The variables of one evaluation.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// `self`: the value at the rule's path (the whole document without one).
    pub this: &'a Value,
    /// `config`: the whole document.
    pub config: &'a Value,
    /// `environment`: the environment validated as (`null` when unknown).
    pub environment: Option<Environment>,
    /// `oldSelf` (transition rules only).
    pub old_self: Option<&'a Value>,
    /// `oldConfig` (transition rules only).
    pub old_config: Option<&'a Value>,
}

/// Steps left for an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Steps the evaluation may still take.
    pub steps: u64,
}

/// What an evaluation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The expression is `true`: the rule holds.
    Holds,
    /// The expression is `false`: a finding.
    Fails,
    /// The expression could not be evaluated (a missing key, a type
    /// mismatch, a result that is not a bool): a finding saying why.
    Error(String),
    /// The evaluation would exceed its limits: stopped, a finding.
    Stopped(String),
}

/// When a rule is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// On every validation.
    Validate,
    /// On a change (`diff`): `oldSelf` and `oldConfig` are the earlier
    /// document.
    Change,
}

/// One rule of a policy file, compiled.
#[derive(Debug, Clone)]
pub struct Rule<P> {
    /// Its own code (`ORG001`).
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// Only in these environments (`None`: all).
    pub environments: Option<Vec<Environment>>,
    /// Where `self` is (`None`: the whole document).
    pub path: Option<String>,
    /// The CEL text.
    pub expression: String,
    /// The finding's message.
    pub message: String,
    /// The finding's help.
    pub help: Option<String>,
    /// Validation or transition rule.
    pub trigger: Trigger,
    /// The compiled expression.
    pub program: P,
    /// The code's range in the policy file.
    pub code_range: TextRange,
    /// The expression's range in the policy file.
    pub rule_range: TextRange,
}

/// A compiled policy file.
#[derive(Debug, Clone)]
pub struct Policy<P> {
    /// Its rules, in file order.
    pub rules: Vec<Rule<P>>,
}

/// What kind of mistake a policy file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyErrorKind {
    /// Not valid TOML or JSON.
    Syntax,
    /// Not a table of `[[rule]]` tables.
    Shape,
    /// A key a policy file or rule does not have.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A value of the wrong type.
    WrongType,
    /// A code that is not `[A-Z]{2,8}[0-9]{3}`.
    BadCode,
    /// A code starting with `AC` (auditcfg's own).
    ReservedCode,
    /// A code used twice.
    DuplicateCode,
    /// Not `error`, `warning` or `info`.
    BadSeverity,
    /// An unknown `on` value.
    BadTrigger,
    /// `path` is not a JSON Pointer.
    BadPointer,
    /// An unknown environment name.
    BadEnvironment,
    /// The expression does not compile (engine syntax error, size, nesting).
    Expression,
    /// Too many rules.
    Limit,
}

/// A mistake in a policy file, with its byte range in that file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyError {
    /// Its kind.
    pub kind: PolicyErrorKind,
    /// What is wrong, one line.
    pub message: String,
    /// Where, in bytes of the policy file.
    pub range: TextRange,
}

impl<P> Policy<P> {
    /// Reads a policy file (TOML or JSON) and compiles its rules once.
    /// Every mistake is returned, with its range in `text`.
    pub fn parse<E: Engine<Program = P>>(text: &str, engine: &E) -> Result<Self, Vec<PolicyError>> {
        file::parse(text, engine).map(|rules| Policy { rules })
    }

    /// The rule with this code.
    pub fn rule(&self, code: &str) -> Option<&Rule<P>> {
        self.rules.iter().find(|r| r.code == code)
    }
}

/// A code used by two policy files: `(code, index of the later file, its
/// range there)`.
pub fn duplicate_codes<P>(policies: &[&Policy<P>]) -> Vec<(String, usize, TextRange)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, p) in policies.iter().enumerate() {
        for r in &p.rules {
            if !seen.insert(r.code.as_str()) {
                out.push((r.code.clone(), i, r.code_range));
            }
        }
    }
    out
}

/// Checks a document against the validation rules (`on` absent) of the
/// given policies, as `environment`. The findings are placed.
pub fn check<E: Engine>(
    engine: &E,
    policies: &[&Policy<E::Program>],
    doc: &Document,
    environment: Option<Environment>,
) -> Vec<Diagnostic> {
    run(engine, policies, None, doc, environment)
}

/// Checks a change from `old` to `new` against the transition rules
/// (`on = "change"`) of the given policies; findings are placed in `new`.
pub fn check_change<E: Engine>(
    engine: &E,
    policies: &[&Policy<E::Program>],
    old: &Document,
    new: &Document,
    environment: Option<Environment>,
) -> Vec<Diagnostic> {
    run(engine, policies, Some(old), new, environment)
}

/// Adds policy findings to a report's findings, sorted and counted like
/// the rest.
pub fn extend(diagnostics: &mut Vec<Diagnostic>, findings: Vec<Diagnostic>) {
    diagnostics.extend(findings);
    diagnostic::sort(diagnostics);
}

/// A policy finding before it is placed: the rule's own code, severity,
/// where (a JSON Pointer) and what. [`place`] gives it its range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    /// The rule's own code (`ORG001`).
    pub code: String,
    /// The rule's severity.
    pub severity: Severity,
    /// JSON Pointer of the value concerned (`""`: the whole document).
    pub path: String,
    /// The rule's message (and why it could not be evaluated, when so).
    pub message: String,
    /// The rule's help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// Places findings in `doc`: diagnostics of [`Code::PolicyRule`] carrying
/// the rule's own code, with the range of the value at their path (its key
/// or parent when it is missing).
pub fn place(doc: &Document, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .map(|f| {
            let mut d =
                Diagnostic::new(Code::PolicyRule, f.path, f.message).with_severity(f.severity);
            d.help = f.help;
            d.policy_code = Some(f.code);
            d
        })
        .collect();
    doc.place(&mut out);
    out
}

/// Reads findings back from their JSON form (`[{code, severity, path,
/// message, help?}]`, as [`Finding`] serialises; `null`: none), e.g. from
/// a policy module evaluated elsewhere. Every item is checked: an unknown
/// key, a bad code, severity or pointer is refused with why.
pub fn read_findings(value: Value) -> Result<Vec<Finding>, String> {
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        _ => return Err("expected an array of findings".into()),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let Value::Object(mut m) = item else {
            return Err(format!("[{i}] is not an object"));
        };
        let mut text = |key: &str, required: bool| -> Result<Option<String>, String> {
            match m.remove(key) {
                Some(Value::String(s)) => Ok(Some(s)),
                None | Some(Value::Null) if !required => Ok(None),
                _ => Err(format!("[{i}].{key} must be a string")),
            }
        };
        let code = text("code", true)?.unwrap_or_default();
        let severity = match text("severity", true)?.as_deref() {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            _ => return Err(format!("[{i}].severity is error, warning or info")),
        };
        let path = text("path", true)?.unwrap_or_default();
        let message = text("message", true)?.unwrap_or_default();
        let help = text("help", false)?;
        if let Some(key) = m.keys().next() {
            return Err(format!("[{i}] has an unknown key `{key}`"));
        }
        if let Some(why) = code_problem(&code) {
            return Err(format!("[{i}]: {why}"));
        }
        if !path.is_empty() && !path.starts_with('/') {
            return Err(format!("[{i}].path `{path}` is not a JSON Pointer"));
        }
        out.push(Finding {
            code,
            severity,
            path,
            message,
            help,
        });
    }
    Ok(out)
}

fn run<E: Engine>(
    engine: &E,
    policies: &[&Policy<E::Program>],
    old: Option<&Document>,
    doc: &Document,
    environment: Option<Environment>,
) -> Vec<Diagnostic> {
    let found = evaluate(
        engine,
        policies,
        old.map(Document::value),
        doc.value(),
        environment,
    );
    place(doc, found)
}

/// Evaluates the rules of the given policies on document values, without
/// placing: with `old` the transition rules (`on = "change"`, from `old`
/// to `new`), without it the validation rules. `environment` is the
/// environment validated as.
pub fn evaluate<E: Engine>(
    engine: &E,
    policies: &[&Policy<E::Program>],
    old: Option<&Value>,
    new: &Value,
    environment: Option<Environment>,
) -> Vec<Finding> {
    let trigger = if old.is_some() {
        Trigger::Change
    } else {
        Trigger::Validate
    };
    let mut budget = Budget {
        steps: DOCUMENT_STEPS,
    };
    let mut out = Vec::new();
    let mut loaded = None;
    for rule in policies.iter().flat_map(|p| p.rules.iter()) {
        if rule.trigger != trigger {
            continue;
        }
        if let Some(envs) = &rule.environments
            && !environment.is_some_and(|e| envs.contains(&e))
        {
            continue;
        }
        let path = rule.path.as_deref().unwrap_or("");
        let Some(this) = new.pointer(path) else {
            continue;
        };
        let old_self = match old {
            Some(old) => match old.pointer(path) {
                Some(v) => Some(v),
                // A transition rule applies to a value that was there.
                None => continue,
            },
            None => None,
        };
        let input = Input {
            this,
            config: new,
            environment,
            old_self,
            old_config: old,
        };
        let mut rule_budget = Budget {
            steps: budget.steps.min(RULE_STEPS),
        };
        let before = rule_budget.steps;
        let loaded = loaded.get_or_insert_with(|| {
            engine.load(&Input {
                this: new,
                config: new,
                environment,
                old_self: old,
                old_config: old,
            })
        });
        let outcome = engine.evaluate(&rule.program, loaded, &input, &mut rule_budget);
        budget.steps = budget
            .steps
            .saturating_sub(before.saturating_sub(rule_budget.steps));
        let message = match outcome {
            Outcome::Holds => continue,
            Outcome::Fails => rule.message.clone(),
            Outcome::Error(why) => {
                format!("{} (the rule could not be evaluated: {why})", rule.message)
            }
            Outcome::Stopped(why) => format!("{} (the rule was stopped: {why})", rule.message),
        };
        out.push(Finding {
            code: rule.code.clone(),
            severity: rule.severity,
            path: path.to_owned(),
            message,
            help: rule.help.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests;
