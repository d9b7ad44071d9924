//! `validate`: parse, schema, rules, ranges — every finding at once.

use crate::diagnostic::{self, Counts, Diagnostic, Severity};
use crate::document::Document;
use crate::environment::Environment;
use crate::rules::{self, RuleGroup, RuleMeta};
use crate::syntax::Format;
use serde::Serialize;
use serde_json::Value;

/// `AC007`: sealed secrets are not validated (reported once per document).
pub const SEALED_FIELDS: RuleMeta = RuleMeta {
    code: "AC007",
    name: "sealed-fields",
    group: RuleGroup::Syntax,
    severity: Severity::Info,
    summary: "Sealed (encrypted) secrets cannot be checked until they are opened.",
};

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
    // JSON allows any value as a document; a config is an object. Say so
    // once (every rule family), not as a schema detail.
    if !value.is_object() {
        let found = crate::schema::json_type(value);
        let article = if matches!(found, "array" | "integer" | "object") {
            "an"
        } else {
            "a"
        };
        let mut d = rules::schema_type::META
            .diag(
                "",
                format!("a config is a JSON object; this document is {article} {found}"),
            )
            .with_help("the whole file is one object: {\"environment\": \"…\", \"redis\": {…}, …}");
        d.severity = Severity::Error;
        out.push(d);
        doc.place(&mut out);
        return (environment, out);
    }
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
    // The schema reports a wrong URL protocol as the protocol rule itself
    // (`AC210`): keep one.
    out.retain(|d| {
        !(matches!(d.code, "AC105" | "AC106" | "AC210") && rule_errors.contains(d.path.as_str()))
    });
    out.extend(rule_findings);
    // Sealed secrets (field-level encryption) are ciphertext: their format
    // cannot be checked. Say so once instead of reporting every URL and
    // pattern they no longer match.
    if value.get(crate::crypto::fields::METADATA_KEY).is_some() {
        let sealed = crate::crypto::fields::sealed_paths(value);
        if !sealed.is_empty() {
            let set: std::collections::HashSet<&str> = sealed.iter().map(String::as_str).collect();
            // At a sealed path or below one: the path or one of its
            // ancestors is in the set.
            let is_sealed = |path: &str| {
                set.contains(path) || crate::pointer::ancestors(path).any(|a| set.contains(a))
            };
            out.retain(|d| !is_sealed(&d.path));
            out.push(
                SEALED_FIELDS
                    .diag(
                        format!("/{}", crate::crypto::fields::METADATA_KEY),
                        format!("{} sealed secret(s) are not checked: their values are encrypted", sealed.len()),
                    )
                    .with_help("open the document (auditcfg decrypt --fields) to validate the secrets themselves"),
            );
        }
    }
    doc.place(&mut out);
    (environment, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::fields::{FieldOptions, seal_fields};
    use crate::crypto::kdf::Kdf;

    #[test]
    fn a_url_with_the_wrong_protocol_gets_the_protocol_rule() {
        // Issue #16, item 8: the protocol rule (AC210) with its message,
        // not the schema's "(secret) value does not match the expected shape".
        let mut doc = crate::preset::reference(Environment::Development);
        doc["redis"]["url"] = serde_json::json!("http://x");
        doc["database"]["url"] = serde_json::json!("mysql://db/audit");
        // Also when only the schema runs (the editors' live check).
        let schema_only = ValidateOptions {
            groups: vec![RuleGroup::Schema],
            ..ValidateOptions::default()
        };
        for options in [
            ValidateOptions::default(),
            ValidateOptions::upstream_only(),
            schema_only,
        ] {
            for format in [Format::Json, Format::Toml] {
                let text = match format {
                    Format::Json => crate::to_json(&doc),
                    Format::Toml => crate::to_toml(&doc).expect("TOML"),
                };
                let report = validate(
                    &text,
                    &ValidateOptions {
                        format: Some(format),
                        ..options.clone()
                    },
                );
                for path in ["/redis/url", "/database/url"] {
                    let here: Vec<_> = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.path == path)
                        .collect();
                    assert_eq!(here.len(), 1, "{path}: {here:?}");
                    assert_eq!(here[0].code, "AC210", "{path}: {here:?}");
                    assert!(here[0].message.contains("is not allowed"), "{:?}", here[0]);
                }
            }
        }
    }

    #[test]
    fn sealed_documents_validate_like_their_plaintext() {
        let plain = crate::preset::reference(Environment::Production);
        let options = FieldOptions {
            kdf: Kdf::Pbkdf2 { iterations: 1_000 },
            salt: None,
            extra_pointers: Vec::new(),
        };
        let sealed = seal_fields(&plain, "correct horse", &options, None).expect("seals");
        let report = validate(&crate::to_json(&sealed), &ValidateOptions::default());
        let codes: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.code, d.path.as_str()))
            .collect();
        // One note about the sealed values; no URL/format findings on ciphertext.
        assert!(
            codes.contains(&("AC007", "/$auditcfgEncryption")),
            "{codes:?}"
        );
        assert!(!codes.iter().any(|(c, _)| *c == "AC318"), "{codes:?}");
        assert!(
            !codes
                .iter()
                .any(|(c, p)| *p == "/redis/url" && *c != "AC007"),
            "{codes:?}"
        );
        // Non-secret findings are unchanged.
        assert!(codes.contains(&("AC204", "/compliance/reportingSchedule/recipients")));
    }
}
