//! Rules: one rule per file, each with its doc comment (What / Why /
//! Example / Fix, compiled into the registry: `crate::codes`) and its
//! tests. A rule implements the check of one registry [`Code`]; the
//! registry holds its metadata. `docs/rules.md` is generated from the
//! registry (`auditcfg rules --markdown`), and a test keeps it up to date.

pub use crate::base::codes::{Code, CodeInfo, RuleGroup};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;
use serde_json::Value;

mod context;
pub use context::Context;

// Upstream rules.
mod dev_worker_concurrency;
mod encryption_key_length;
mod encryption_key_required;
mod last_updated_date;
mod production_db_ssl;
mod production_debug_logging;
mod production_integrity;
mod recipients_required;
mod retry_delay_order;
mod test_gdpr;
mod url_protocol;
pub(crate) use url_protocol::finding as protocol_finding;

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
mod unknown_field;

/// A rule: the registry code it reports, and its check.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The code it reports (its metadata and docs are in the registry).
    pub code: Code,
    /// Appends findings for a document.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}

impl Rule {
    /// A diagnostic of this rule at its default severity.
    pub fn diag(&self, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, path, message)
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
    last_updated_date::RULE,
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

/// Facts about every code the validator can report, syntax and schema
/// included, in code order (the registry).
pub fn catalog() -> Vec<&'static CodeInfo> {
    Code::catalog().collect()
}

/// Looks a code up by code or name.
pub fn find(code_or_name: &str) -> Option<&'static CodeInfo> {
    Code::find(code_or_name).map(Code::info)
}

/// Runs the rules of the chosen groups.
pub fn run(
    value: &Value,
    environment: Option<Environment>,
    groups: &[RuleGroup],
) -> Vec<Diagnostic> {
    let cx = Context::new(value, environment);
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| groups.contains(&r.code.group())) {
        (rule.check)(&cx, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for rule tests: start from a preset, change a few values,
    //! and look at what one rule says.
    use super::*;

    pub use crate::base::test_support::{preset, set};

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
            assert_eq!(d.code, rule.code);
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
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{a0}a",
            "a\u{3000}",
            "\u{85}x\u{2028}",
            "~x~",
            "\u{7f}a",
            "a\u{1f}",
            "\u{1c}a\u{1c}",
            "é",
            "a é",
            "${X}",
            " <key> ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn every_rule_code_belongs_to_a_rule_group_and_runs_once() {
        let mut codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        for c in &codes {
            assert!(
                matches!(c.group(), RuleGroup::Upstream | RuleGroup::Review),
                "{c}"
            );
        }
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "a code is checked by two rules");
        // Every upstream/review code of the registry has a rule.
        for c in Code::ALL {
            if matches!(c.group(), RuleGroup::Upstream | RuleGroup::Review) {
                assert!(codes.contains(c), "{c} has no rule");
            }
        }
    }
}

/// [`str::trim`], answered without decoding when the first and last bytes
/// are printable ASCII (every whitespace character is a control or space
/// byte, or not ASCII): most config strings need no trimming, and the
/// string rules trim each one.
fn trim(s: &str) -> &str {
    let solid = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
    if solid(s.as_bytes().first()) && solid(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// Does `s` end with `suffix`, ignoring ASCII case (no lower-cased copy)?
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}
