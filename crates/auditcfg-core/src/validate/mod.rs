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

/// One `AC008` finding when `text` is an encrypted config, else `None`.
/// The range is the line of its `"algorithm"` (a KMS file: the first
/// line), never the ciphertext. Detection is the base layer's
/// ([`sealed::encrypted_config_kind`]).
pub fn encrypted_config(text: &str) -> Option<Diagnostic> {
    let kind = sealed::encrypted_config_kind(text)?;
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
        Code::EncryptedConfig
            .diag("", sealed::encrypted_config_message(kind))
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

/// What [`validate_bytes`] returns: the text as read (lossily, for bytes
/// that are not UTF-8, so an edge can still show where) and its report.
#[derive(Debug, Clone)]
pub struct BytesReport {
    /// The text; U+FFFD replaces invalid sequences when the report is the
    /// `AC004` finding.
    pub text: String,
    /// The findings.
    pub report: Report,
}

/// Validates bytes as every edge receives them (a file, standard input, a
/// drop in the browser, a fuzzer): UTF-8 checked first (`AC004`, with the
/// range of the first invalid sequence), then [`validate`]. The one path
/// from bytes to a report.
pub fn validate_bytes(bytes: &[u8], options: &ValidateOptions) -> BytesReport {
    match crate::syntax::check_utf8(bytes) {
        Ok(text) => BytesReport {
            text: text.to_owned(),
            report: validate(text, options),
        },
        Err(d) => {
            let diagnostics = vec![*d];
            BytesReport {
                text: String::from_utf8_lossy(bytes).into_owned(),
                report: Report {
                    format: options.format.unwrap_or(Format::Json),
                    environment: options.environment,
                    counts: Counts::of(&diagnostics),
                    diagnostics,
                },
            }
        }
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

/// The schema's URL pattern for `redis.url` and `database.url` is the
/// protocol rule (`AC210`): say it with that rule's message, whatever rule
/// families run, rather than "does not match the expected shape".
fn protocol_rule_instead(d: Diagnostic, doc: &Value) -> Diagnostic {
    if d.code != Code::PatternMismatch {
        return d;
    }
    match doc.pointer(&d.path).and_then(Value::as_str) {
        Some(raw) => rules::protocol_finding(&d.path, raw).unwrap_or(d),
        None => d,
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
        out.push(
            Diagnostic::new(
                Code::WrongType,
                "",
                format!("a config is a JSON object; this document is {article} {found}"),
            )
            .with_help("the whole file is one object: {\"environment\": \"…\", \"redis\": {…}, …}"),
        );
        doc.place(&mut out);
        return (environment, out);
    }
    if options.groups.contains(&RuleGroup::Schema) {
        out.extend(
            crate::schema::check(value)
                .into_iter()
                .map(|d| protocol_rule_instead(d, value)),
        );
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
        !(matches!(
            d.code,
            Code::PatternMismatch | Code::InvalidFormat | Code::UrlProtocol
        ) && rule_errors.contains(d.path.as_str()))
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
    drop_conflicting_inserts(&mut out);
    doc.place(&mut out);
    (environment, out)
}

/// A misspelt required key is both unknown (rename it) and missing (add
/// it): the rename keeps the author's value, so it wins, and the insert
/// that would make the key twice is dropped.
fn drop_conflicting_inserts(found: &mut [Diagnostic]) {
    use crate::diagnostic::Action;
    let renamed: std::collections::HashSet<String> = found
        .iter()
        .flat_map(|d| &d.proposals)
        .filter_map(|p| match &p.action {
            Action::RenameKey { path, to } => {
                let parent = &path[..path.rfind('/')?];
                Some(crate::pointer::push(parent, to))
            }
            _ => None,
        })
        .collect();
    if renamed.is_empty() {
        return;
    }
    for d in found {
        d.proposals.retain(|p| match &p.action {
            Action::Insert { object, key, .. } => {
                !renamed.contains(&crate::pointer::push(object, key))
            }
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    assert_eq!(here[0].code, Code::UrlProtocol, "{path}: {here:?}");
                    assert!(here[0].message.contains("is not allowed"), "{:?}", here[0]);
                }
            }
        }
    }
}
