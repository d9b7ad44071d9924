//! The diff view's model: the current document against another, as rows
//! grouped by impact (live, restart, secret), filters, and the JSON Patch
//! export. Values of secrets are never shown: the core masks them and
//! gives fingerprints.

use auditcfg_core::diff::{self, ChangeKind, Impact};
use auditcfg_core::policy::Finding;
use auditcfg_core::{Document, Environment, Severity};
use serde_json::Value;

/// The three groups of the change list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Applied live (hot reload).
    Live,
    /// Needs a restart of a component.
    Restart,
    /// A secret changed.
    Secret,
}

impl Group {
    /// All groups, in display order.
    pub const ALL: [Group; 3] = [Group::Live, Group::Restart, Group::Secret];

    /// `live`, `restart`, `secret` (the `data-impact` attribute).
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Live => "live",
            Group::Restart => "restart",
            Group::Secret => "secret",
        }
    }

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Live => "Applied live",
            Group::Restart => "Needs a restart",
            Group::Secret => "Secrets",
        }
    }
}

/// One change, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// JSON Pointer.
    pub path: String,
    /// `added`, `removed`, `changed` or `moved`.
    pub kind: &'static str,
    /// Its group.
    pub group: Group,
    /// The component that restarts (empty for live changes).
    pub component: &'static str,
    /// The old value as shown (masked or a fingerprint for secrets; empty
    /// when absent).
    pub before: String,
    /// The new value as shown.
    pub after: String,
}

/// A comparison of the other document (before) with the current one
/// (after).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every change, in document order.
    pub rows: Vec<Row>,
    /// What the loaded policies' transition rules (`on = "change"`) say
    /// of the change.
    pub policy: Vec<Finding>,
    /// The JSON Patch from the other document to the current one.
    pub patch: Value,
}

/// Why two documents cannot be compared.
pub fn syntax_error(which: &str, diagnostics: &[auditcfg_core::Diagnostic]) -> String {
    let n = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
        .max(1);
    format!(
        "The {which} document does not parse ({}).",
        crate::findings::plural(n, "syntax error")
    )
}

fn show(v: Option<&Value>, fingerprint: Option<&String>) -> String {
    match (v, fingerprint) {
        (_, Some(f)) => format!("secret {f}"),
        (Some(Value::String(s)), None) => s.clone(),
        (Some(v), None) => v.to_string(),
        (None, None) => String::new(),
    }
}

/// An evaluation of the transition rules of policies on a change (the
/// earlier value, the current one, the environment): their findings.
pub type EvaluateChange<'a> = dyn Fn(&Value, &Value, Option<Environment>) -> Vec<Finding> + 'a;

/// Compares `other` (before) with `current` (after).
pub fn compare(other: &str, current: &str) -> Result<Comparison, String> {
    compare_with(other, current, None, None)
}

/// Compares `other` (before) with `current` (after), and with `policies`
/// checks the change against their transition rules as `environment`
/// (the current document's own when `None`).
pub fn compare_with(
    other: &str,
    current: &str,
    policies: Option<&EvaluateChange<'_>>,
    environment: Option<Environment>,
) -> Result<Comparison, String> {
    let a = Document::parse(other, None);
    let a = a
        .document
        .ok_or_else(|| syntax_error("other", &a.diagnostics))?;
    let b = Document::parse(current, None);
    let b = b
        .document
        .ok_or_else(|| syntax_error("current", &b.diagnostics))?;
    let d = diff::diff(&a, &b);
    let rows = d
        .changes
        .iter()
        .map(|c| {
            let (group, component) = match c.impact {
                Impact::HotReload => (Group::Live, ""),
                Impact::Restart { component } => (Group::Restart, component),
                Impact::SecretChanged { component } => (Group::Secret, component),
            };
            Row {
                path: c.path.clone(),
                kind: match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Removed => "removed",
                    ChangeKind::Changed => "changed",
                    ChangeKind::Moved { .. } => "moved",
                },
                group,
                component,
                before: show(c.before.as_ref(), c.fingerprint_before.as_ref()),
                after: show(c.after.as_ref(), c.fingerprint_after.as_ref()),
            }
        })
        .collect();
    let ops = diff::to_json_patch(a.value(), b.value());
    let patch = serde_json::to_value(&ops).unwrap_or(Value::Array(Vec::new()));
    let policy = match policies {
        Some(evaluate) if a.value().is_object() && b.value().is_object() => {
            let environment = environment.or_else(|| {
                b.value()
                    .get("environment")
                    .and_then(Value::as_str)
                    .and_then(Environment::from_name)
            });
            evaluate(a.value(), b.value(), environment)
        }
        _ => Vec::new(),
    };
    Ok(Comparison {
        rows,
        policy,
        patch,
    })
}

/// Where the current document came from: the exact text it was created or
/// opened with, and the preset it was made from (if it was).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The text as created or opened (before any edit).
    pub text: String,
    /// The environment of the preset it was created from.
    pub preset: Option<Environment>,
}

/// What to compare with when the user picks an environment's preset: the
/// document's own origin when it was created from that preset (its
/// secrets and `lastUpdated` as they were generated then, so only the
/// user's edits show), otherwise the reference preset.
pub fn preset_baseline(origin: &Origin, env: Environment) -> String {
    if origin.preset == Some(env) && !origin.text.is_empty() {
        origin.text.clone()
    } else {
        auditcfg_core::to_json(&auditcfg_core::preset::reference(env))
    }
}

/// The rows a filter keeps: groups switched on, and the text (if any)
/// found in the path (case-insensitive).
pub fn filter<'a>(rows: &'a [Row], groups: &[Group], text: &str) -> Vec<&'a Row> {
    let needle = text.trim().to_lowercase();
    rows.iter()
        .filter(|r| groups.contains(&r.group))
        .filter(|r| needle.is_empty() || r.path.to_lowercase().contains(&needle))
        .collect()
}

/// How many rows each group has.
pub fn counts(rows: &[Row]) -> [usize; 3] {
    let mut out = [0; 3];
    for r in rows {
        out[Group::ALL.iter().position(|g| *g == r.group).unwrap_or(0)] += 1;
    }
    out
}

/// The JSON Patch as the downloaded file holds it.
pub fn patch_text(c: &Comparison) -> String {
    auditcfg_core::to_json(&c.patch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_rules_see_both_documents_and_the_environment() {
        let before = r#"{"environment": "production", "database": {"ssl": true}}"#;
        let after = r#"{"environment": "production", "database": {"ssl": false}}"#;
        let seen = std::cell::RefCell::new(Vec::new());
        let evaluate = |old: &Value, new: &Value, env: Option<Environment>| {
            seen.borrow_mut().push((
                old["database"]["ssl"].clone(),
                new["database"]["ssl"].clone(),
                env,
            ));
            vec![Finding {
                code: "ORG004".into(),
                severity: Severity::Error,
                path: "/database/ssl".into(),
                message: "TLS may not be switched off".into(),
                help: None,
            }]
        };
        let c = compare_with(before, after, Some(&evaluate), None).expect("compares");
        assert_eq!(c.policy.len(), 1);
        assert_eq!(
            seen.borrow().as_slice(),
            [(
                Value::Bool(true),
                Value::Bool(false),
                Some(Environment::Production)
            )]
        );
        // The environment chosen wins over the document's.
        compare_with(before, after, Some(&evaluate), Some(Environment::Staging)).expect("compares");
        assert_eq!(seen.borrow()[1].2, Some(Environment::Staging));
        // Without policies, none; a document that is not an object is not evaluated.
        assert!(compare(before, after).expect("compares").policy.is_empty());
        assert!(
            compare_with("[]", after, Some(&evaluate), None)
                .expect("compares")
                .policy
                .is_empty()
        );
        assert_eq!(seen.borrow().len(), 2);
    }

    #[test]
    fn impacts_and_patch() {
        let before = r#"{"worker": {"concurrency": 2}, "server": {"port": 3000}, "security": {"encryptionKey": "OLD-KEY-VALUE-123"}}"#;
        let after = r#"{"worker": {"concurrency": 4}, "server": {"port": 3001}, "security": {"encryptionKey": "NEW-KEY-VALUE-456"}, "x": 1}"#;
        let c = compare(before, after).unwrap();
        let by_path = |p: &str| c.rows.iter().find(|r| r.path == p).unwrap();
        assert_eq!(by_path("/worker/concurrency").group, Group::Live);
        assert_eq!(by_path("/server/port").group, Group::Restart);
        assert_eq!(by_path("/server/port").component, "server");
        let key = by_path("/security/encryptionKey");
        assert_eq!(key.group, Group::Secret);
        assert!(!key.before.contains("OLD-KEY") && !key.after.contains("NEW-KEY"));
        assert!(key.after.starts_with("secret "), "{}", key.after);
        assert_eq!(by_path("/x").kind, "added");
        assert_eq!(counts(&c.rows), [1, 2, 1]);
        assert_eq!(filter(&c.rows, &[Group::Restart], "").len(), 2);
        assert_eq!(filter(&c.rows, &Group::ALL, "PORT").len(), 1);
        // The patch takes the other document to the current one.
        let a: Value = serde_json::from_str(before).unwrap();
        let b: Value = serde_json::from_str(after).unwrap();
        let text = patch_text(&c);
        let patch: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(diff::apply_json_patch(&a, &patch).unwrap(), b);
    }

    #[test]
    fn a_document_compared_with_its_own_preset_shows_only_edits() {
        // Issue #16 item 19: the regenerated secrets and `lastUpdated` of
        // a new preset showed as changes against the preset.
        let created = crate::session::preset_text(
            Environment::Staging,
            1_767_225_600_000,
            auditcfg_core::Format::Json,
        )
        .unwrap();
        let origin = Origin {
            text: created.clone(),
            preset: Some(Environment::Staging),
        };
        let base = preset_baseline(&origin, Environment::Staging);
        assert!(compare(&base, &created).unwrap().rows.is_empty());
        let edited = created.replace("\"port\": 3000", "\"port\": 3001");
        assert_ne!(edited, created);
        let rows = compare(&base, &edited).unwrap().rows;
        assert_eq!(
            rows.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
            ["/server/port"]
        );
        // Another environment: its reference preset.
        let other = preset_baseline(&origin, Environment::Production);
        assert!(other.contains("\"environment\": \"production\""));
        // A document opened from a file has no preset: the reference.
        let opened = Origin {
            text: created.clone(),
            preset: None,
        };
        assert_ne!(preset_baseline(&opened, Environment::Staging), created);
    }

    #[test]
    fn syntax_errors_are_reported() {
        let e = compare("{", "{}").unwrap_err();
        assert!(e.contains("other"), "{e}");
        let e = compare("{}", "{").unwrap_err();
        assert!(e.contains("current"), "{e}");
        assert!(compare("{}", "{}").unwrap().rows.is_empty());
    }
}
