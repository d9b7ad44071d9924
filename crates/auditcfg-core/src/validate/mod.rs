//! `validate`: parse, schema, rules, ranges — every finding at once.

use crate::base::sealed;
use crate::codes::{Code, RuleGroup};
use crate::diagnostic::{self, Counts, Diagnostic, Severity};
use crate::document::Document;
use crate::environment::Environment;
use crate::rules;
use crate::syntax::Format;
use serde::Serialize;
use serde_json::Value;

/// What to validate and how.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// The text's format; detected from the content when `None`.
    pub format: Option<Format>,
    /// Validate as this environment instead of the document's own
    /// `environment` (e.g. review a staging config as production).
    pub environment: Option<Environment>,
    /// Which rule families run (syntax findings are always reported).
    pub groups: Vec<RuleGroup>,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            format: None,
            environment: None,
            groups: vec![RuleGroup::Schema, RuleGroup::Upstream, RuleGroup::Review],
        }
    }
}

impl ValidateOptions {
    /// Only what upstream itself checks (schema and upstream rules).
    pub fn upstream_only() -> Self {
        ValidateOptions {
            groups: vec![RuleGroup::Schema, RuleGroup::Upstream],
            ..Self::default()
        }
    }
}

/// The result of validating one text.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The format the text was read as.
    pub format: Format,
    /// The environment rules ran for (`None`: unknown, environment rules
    /// skipped).
    pub environment: Option<Environment>,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts per severity.
    pub counts: Counts,
}

impl Report {
    /// Does it have errors?
    pub fn has_errors(&self) -> bool {
        self.counts.errors > 0
    }
}

/// Validates a text. Never panics; every problem is a diagnostic.
pub fn validate(text: &str, options: &ValidateOptions) -> Report {
    let parse = Document::parse(text, options.format);
    let mut diagnostics = parse.diagnostics;
    let Some(doc) = parse.document else {
        diagnostic::sort(&mut diagnostics);
        return Report {
            format: parse.format,
            environment: options.environment,
            counts: Counts::of(&diagnostics),
            diagnostics,
        };
    };
    let (environment, findings) = check_document(&doc, options);
    diagnostics.extend(findings);
    diagnostic::sort(&mut diagnostics);
    Report {
        format: parse.format,
        environment,
        counts: Counts::of(&diagnostics),
        diagnostics,
    }
}

/// Runs schema and rules over a parsed document and places every finding.
/// Returns the effective environment and the findings.
pub fn check_document(
    doc: &Document,
    options: &ValidateOptions,
) -> (Option<Environment>, Vec<Diagnostic>) {
    let value = doc.value();
    let environment = options.environment.or_else(|| {
        value
            .get("environment")
            .and_then(Value::as_str)
            .and_then(Environment::from_name)
    });
    let mut out = Vec::new();
    if options.groups.contains(&RuleGroup::Schema) {
        out.extend(crate::schema::check(value));
    }
    let rule_findings = rules::run(value, environment, &options.groups);
    // A specific rule beats a generic schema finding on the same value.
    let rule_errors: std::collections::HashSet<&str> = rule_findings
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .map(|r| r.path.as_str())
        .collect();
    out.retain(|d| {
        !(matches!(d.code, Code::PatternMismatch | Code::InvalidFormat)
            && rule_errors.contains(d.path.as_str()))
    });
    out.extend(rule_findings);
    // Sealed secrets (field-level encryption) are ciphertext: their format
    // cannot be checked. Say so once instead of reporting every URL and
    // pattern they no longer match.
    if value.get(sealed::METADATA_KEY).is_some() {
        let sealed = sealed::sealed_paths(value);
        if !sealed.is_empty() {
            let set: std::collections::HashSet<&str> = sealed.iter().map(String::as_str).collect();
            // At a sealed path or below one: the path or one of its
            // ancestors is in the set.
            let is_sealed = |path: &str| {
                set.contains(path) || crate::pointer::ancestors(path).any(|a| set.contains(a))
            };
            out.retain(|d| !is_sealed(&d.path));
            out.push(
                Code::SealedFields
                    .diag(
                        format!("/{}", sealed::METADATA_KEY),
                        format!("{} sealed secret(s) are not checked: their values are encrypted", sealed.len()),
                    )
                    .with_help("open the document (auditcfg decrypt --fields) to validate the secrets themselves"),
            );
        }
    }
    doc.place(&mut out);
    (environment, out)
}
