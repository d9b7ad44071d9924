//! Rules: one rule per file, each with its doc comment (what, why, an
//! example) and its tests. `docs/rules.md` is generated from those comments
//! (`cargo run -p auditcfg-cli -- rules --markdown`), and a test keeps it up
//! to date.
//!
//! Codes are stable and never reused:
//! - `AC0xx` syntax (reported by the parsers),
//! - `AC1xx` schema (types, ranges, enums, patterns, formats, required),
//! - `AC2xx` upstream rules (`validateConfiguration` and
//!   `validateEnvironmentConfig`), same paths and limits as upstream,
//! - `AC3xx` review rules beyond upstream,
//! - `AC4xx` findings about the live services (`crate::probe`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::environment::Environment;
use serde::Serialize;
use serde_json::Value;

mod context;
pub use context::Context;

// Schema keyword rules (reported by `crate::schema`).
pub(crate) mod schema_enum;
pub(crate) mod schema_format;
pub(crate) mod schema_other;
pub(crate) mod schema_pattern;
pub(crate) mod schema_range;
pub(crate) mod schema_required;
pub(crate) mod schema_type;

// Upstream rules.
mod dev_worker_concurrency;
mod encryption_key_length;
mod encryption_key_required;
mod production_db_ssl;
mod production_debug_logging;
mod production_integrity;
mod recipients_required;
mod retry_delay_order;
mod test_gdpr;
mod unknown_field;
mod url_protocol;

// Review rules.
mod archive_unencrypted;
mod cors_wildcard_credentials;
mod environment_mismatch;
mod foreign_environment_host;
mod full_trace_sampling;
mod hipaa_retention;
mod inline_credentials;
mod invalid_email;
mod invalid_url;
mod pagination_limits;
mod placeholder_secret;
mod pool_min_max;
mod port_conflict;
mod production_debug_mode;
mod redis_without_tls;
mod replica_equals_primary;
mod session_secret_length;

/// Which family a rule belongs to; callers choose families to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleGroup {
    /// Found by the parser.
    Syntax,
    /// Found by the JSON Schema.
    Schema,
    /// What upstream's own validators check.
    Upstream,
    /// What a careful reviewer of a production config checks.
    Review,
    /// What `auditcfg probe` finds out from the live services
    /// (`crate::probe`); never run by `validate`.
    Probe,
}

/// Static facts about a rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Stable code (`AC201`).
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Family.
    pub group: RuleGroup,
    /// Severity in the common case (some rules depend on the environment).
    pub severity: Severity,
    /// One-line rationale.
    pub summary: &'static str,
}

/// A rule: its facts and its check.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Static facts.
    pub meta: RuleMeta,
    /// Appends findings for a document.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("meta", &self.meta).finish()
    }
}

impl Rule {
    /// A diagnostic of this rule at its default severity.
    pub fn diag(&self, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        self.meta.diag(path, message)
    }
}

impl RuleMeta {
    /// A diagnostic of this rule at its default severity.
    pub fn diag(&self, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.severity, path, message)
    }
}

/// Rules that run over a parsed value (schema rules run in `crate::schema`).
pub const RULES: &[Rule] = &[
    retry_delay_order::RULE,
    encryption_key_required::RULE,
    encryption_key_length::RULE,
    recipients_required::RULE,
    production_integrity::RULE,
    production_db_ssl::RULE,
    production_debug_logging::RULE,
    dev_worker_concurrency::RULE,
    test_gdpr::RULE,
    url_protocol::RULE,
    placeholder_secret::RULE,
    redis_without_tls::RULE,
    environment_mismatch::RULE,
    pool_min_max::RULE,
    port_conflict::RULE,
    replica_equals_primary::RULE,
    invalid_email::RULE,
    invalid_url::RULE,
    inline_credentials::RULE,
    cors_wildcard_credentials::RULE,
    foreign_environment_host::RULE,
    pagination_limits::RULE,
    session_secret_length::RULE,
    hipaa_retention::RULE,
    production_debug_mode::RULE,
    full_trace_sampling::RULE,
    archive_unencrypted::RULE,
    unknown_field::RULE,
];

/// Facts about every code auditcfg can report (syntax and schema
/// included, and the probe's `AC4xx`), in code order.
pub fn catalog() -> Vec<RuleMeta> {
    let mut all = vec![
        crate::syntax::SYNTAX_ERROR,
        crate::syntax::DUPLICATE_KEY,
        crate::syntax::BYTE_ORDER_MARK,
        crate::syntax::INVALID_UTF8,
        crate::syntax::NUMBER_PRECISION,
        crate::syntax::NOT_JSON_REPRESENTABLE,
        crate::validate::SEALED_FIELDS,
        schema_required::META,
        schema_type::META,
        schema_range::META,
        schema_enum::META,
        schema_pattern::META,
        schema_format::META,
        schema_other::META,
    ];
    all.extend(RULES.iter().map(|r| r.meta));
    all.extend_from_slice(crate::probe::CODES);
    all.sort_by_key(|m| m.code);
    all
}

/// Looks a rule up by code or name.
pub fn find(code_or_name: &str) -> Option<RuleMeta> {
    catalog()
        .into_iter()
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// Runs the rules of the chosen groups.
pub fn run(
    value: &Value,
    environment: Option<Environment>,
    groups: &[RuleGroup],
) -> Vec<Diagnostic> {
    let cx = Context::new(value, environment);
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| groups.contains(&r.meta.group)) {
        (rule.check)(&cx, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for rule tests: start from a preset, change a few values,
    //! and look at what one rule says.
    use super::*;

    /// The reference preset of an environment, as a value.
    pub fn preset(env: &str) -> Value {
        let text = match env {
            "development" => include_str!("../../presets/development.json"),
            "staging" => include_str!("../../presets/staging.json"),
            "production" => include_str!("../../presets/production.json"),
            _ => include_str!("../../presets/test.json"),
        };
        serde_json::from_str(text).unwrap_or(Value::Null)
    }

    /// Sets a value at a pointer (creating nothing: the parent must exist).
    pub fn set(doc: &mut Value, pointer: &str, value: Value) {
        let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        match doc.pointer_mut(parent) {
            Some(Value::Object(m)) => {
                m.insert(crate::pointer::unescape(last).into_owned(), value);
            }
            Some(Value::Array(a)) => {
                if let Ok(i) = last.parse::<usize>() {
                    a[i] = value;
                }
            }
            _ => panic!("no parent for {pointer}"),
        }
    }

    /// Runs one rule with the document's own environment.
    pub fn run_rule(rule: &Rule, doc: &Value) -> Vec<Diagnostic> {
        let env = doc
            .get("environment")
            .and_then(Value::as_str)
            .and_then(Environment::from_name);
        let cx = Context::new(doc, env);
        let mut out = Vec::new();
        (rule.check)(&cx, &mut out);
        for d in &out {
            assert_eq!(d.code, rule.meta.code);
        }
        out
    }

    /// Paths of the findings of one rule.
    pub fn paths(rule: &Rule, doc: &Value) -> Vec<String> {
        run_rule(rule, doc).into_iter().map(|d| d.path).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let all = catalog();
        let mut codes: Vec<_> = all.iter().map(|m| m.code).collect();
        let mut names: Vec<_> = all.iter().map(|m| m.name).collect();
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(codes.len(), all.len(), "duplicate code");
        assert_eq!(names.len(), all.len(), "duplicate name");
        for m in &all {
            assert!(m.code.len() == 5 && m.code.starts_with("AC"), "{}", m.code);
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            );
            assert!(!m.summary.is_empty() && !m.summary.contains('\n'));
        }
    }
}
