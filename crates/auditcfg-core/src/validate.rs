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

/// `AC008`: the text is an encrypted config (the audit server's secure
/// storage file or a KMS file): it cannot be validated until decrypted.
pub const ENCRYPTED_CONFIG: RuleMeta = RuleMeta {
    code: "AC008",
    name: "encrypted-config",
    group: RuleGroup::Syntax,
    severity: Severity::Error,
    summary: "An encrypted config must be decrypted before it can be checked.",
};

/// One `AC008` finding when `text` is an encrypted config, else `None`.
/// The range is the line of its `"algorithm"` (a KMS file: the first
/// line), never the ciphertext. Detection is the crypto module's
/// ([`crate::crypto::encrypted_config_kind`]).
pub fn encrypted_config(text: &str) -> Option<Diagnostic> {
    let kind = crate::crypto::encrypted_config_kind(text)?;
    let start = text.find("\"algorithm\"").unwrap_or(0);
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |n| start + n)
        .min(start + 80);
    // Keep the end on a character boundary (the line may hold anything).
    let end = (start..=end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    Some(
        ENCRYPTED_CONFIG
            .diag("", crate::crypto::encrypted_config_message(kind))
            .with_help(if kind == "KMS" {
                "only the KMS can decrypt it; open the decrypted config instead"
            } else {
                "auditcfg decrypt FILE (the salt: --salt or AUDIT_CONFIG_SALT), then validate the result"
            })
            .with_range(diagnostic::TextRange::new(start, end)),
    )
}

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
    if let Some(d) = encrypted_config(text) {
        let diagnostics = vec![d];
        return Report {
            format: Format::Json,
            environment: options.environment,
            counts: Counts::of(&diagnostics),
            diagnostics,
        };
    }
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
    out.retain(|d| !(matches!(d.code, "AC105" | "AC106") && rule_errors.contains(d.path.as_str())));
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
    fn an_encrypted_config_is_one_finding() {
        use crate::crypto::{FileOptions, encrypt_file, upstream_plaintext};
        let plain = crate::preset::reference(Environment::Production);
        let text = upstream_plaintext(&plain).expect("text");
        let mut opts = FileOptions::upstream(vec![1; 32]);
        opts.kdf = Kdf::Pbkdf2 { iterations: 1_000 };
        let file = encrypt_file(&text, "pw", &opts).expect("encrypt");
        let report = validate(&file, &ValidateOptions::default());
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["AC008"]);
        assert_eq!(
            report.diagnostics[0].message,
            "this is an encrypted config (AES-256-GCM): decrypt it first"
        );
        assert!(report.has_errors());
        let range = report.diagnostics[0].range;
        assert_eq!(
            &file[range.start..range.end],
            "\"algorithm\": \"AES-256-GCM\","
        );
        let kms = validate(r#"{"data": "00ff"}"#, &ValidateOptions::default());
        assert_eq!(kms.diagnostics.len(), 1);
        assert!(
            kms.diagnostics[0].message.contains("KMS"),
            "{:?}",
            kms.diagnostics
        );
        // A plain config is not mistaken for one.
        assert!(encrypted_config(&text).is_none());
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
