//! `AC301` placeholder-secret: no placeholder where a real value belongs.
//!
//! **What.** A string is reported when it is an obvious placeholder: it
//! starts with `your-` or `your_` (`your-event-key-here`), is four or more
//! `X`s only, is `changeme`, `change-me`, `REPLACE_ME`, `TODO` or `<...>`,
//! or contains an unexpanded `${...}` variable. In a secret field (see
//! `crate::secrets`) the words `example`, `secret` and `password` as the
//! whole value, a placeholder password inside a connection URL, and a
//! masked value from a sanitised export (`***MASKED***`, or `***` as the
//! URL's user or password) are reported too. Case is ignored. It is an error
//! in staging and production and a warning elsewhere.
//!
//! **Why.** Upstream's presets ship placeholders for the Inngest keys, the
//! KMS keys and token and the notification endpoint; the server starts with
//! them and fails later, when it signs, encrypts or alerts. The server does
//! not expand `${...}` either. The message names the path, never the value.
//!
//! **Example.** `"inngest": {"eventKey": "your-event-key-here"}` is reported
//! at `/server/inngest/eventKey` as a placeholder value in a secret field.
//!
//! **Fix.** Replace the placeholder with the real value from your secret
//! store; for a key or secret the server only needs to be random, the
//! (unsafe) quick fix writes 32 fresh random bytes as hex, generated locally
//! and shown nowhere but in the fixed file.

use super::{Code, Context, Rule};
use crate::diagnostic::{Action, Applicability, Diagnostic, Severity};
use crate::secrets::{self, SecretKind};

pub(super) const RULE: Rule = Rule {
    code: Code::PlaceholderSecret,
    check,
};

/// The environment variables upstream's factory reads for these fields.
const ENV_VARS: &[(&str, &str)] = &[
    ("/server/auth/sessionSecret", "BETTER_AUTH_SECRET"),
    ("/server/inngest/eventKey", "INNGEST_EVENT_KEY"),
    ("/server/inngest/signingKey", "INNGEST_SIGNING_KEY"),
    ("/security/kms/encryptionKey", "KMS_ENCRYPTION_KEY_ID"),
    ("/security/kms/signingKey", "KMS_SIGNING_KEY_ID"),
    ("/security/kms/accessToken", "INFISICAL_ACCESS_TOKEN"),
    ("/monitoring/notification/url", "NOTIFICATION_URL"),
    (
        "/monitoring/notification/credentials/secret",
        "NOTIFICATION_SECRET",
    ),
    ("/redis/url", "REDIS_URL"),
    ("/database/url", "AUDIT_DB_URL"),
    ("/server/auth/redisUrl", "BETTER_AUTH_REDIS_URL"),
    ("/server/auth/dbUrl", "BETTER_AUTH_DB_URL"),
];

/// What kind of stand-in a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finding {
    Placeholder,
    Unexpanded,
    Masked,
}

/// Placeholders recognised in any field.
/// Is this string an obvious placeholder (reported by this rule, so other
/// rules need not report it again)?
pub(super) fn is_placeholder(s: &str) -> bool {
    obvious(s).is_some()
}

fn obvious(s: &str) -> Option<Finding> {
    obvious_trimmed(super::trim(s))
}

/// [`obvious`] of a string already trimmed.
fn obvious_trimmed(t: &str) -> Option<Finding> {
    if t.len() < 4 {
        return None;
    }
    // The first `${` with a `}` after it (bytes: no substring searcher
    // per string).
    let b = t.as_bytes();
    let unexpanded = b.contains(&b'$')
        && (0..b.len().saturating_sub(1))
            .find(|&i| b[i] == b'$' && b[i + 1] == b'{')
            .is_some_and(|start| b[start..].contains(&b'}'));
    if unexpanded {
        return Some(Finding::Unexpanded);
    }
    let starts_ci = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    let placeholder = ((starts_ci("your-") || starts_ci("your_")) && t.len() > 5)
        || t.bytes().all(|b| b == b'X' || b == b'x')
        || [
            "changeme",
            "change-me",
            "change_me",
            "replace_me",
            "replace-me",
            "replaceme",
            "todo",
        ]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
        || (t.starts_with('<') && t.ends_with('>'));
    placeholder.then_some(Finding::Placeholder)
}

/// Placeholders recognised in a secret field.
fn in_secret(s: &str) -> Option<Finding> {
    let t = super::trim(s);
    if t == secrets::MASK {
        return Some(Finding::Masked);
    }
    obvious_trimmed(t).or_else(|| {
        matches!(
            t.to_ascii_lowercase().as_str(),
            "example" | "secret" | "password"
        )
        .then_some(Finding::Placeholder)
    })
}

/// Placeholders inside a secret connection URL: the whole string, or its
/// user name and password.
fn in_secret_url(s: &str) -> Option<Finding> {
    if let Some(f) = obvious(s) {
        return Some(f);
    }
    let u = crate::base::web_url::parse(s).ok()?;
    let masked = secrets::URL_CREDENTIAL_MASK;
    if u.username() == masked || u.password() == Some(masked) {
        return Some(Finding::Masked);
    }
    let password = u.password()?;
    let decoded = percent_decode(password);
    in_secret(&decoded)
}

/// Minimal percent-decoding for a URL's password (invalid UTF-8 is
/// replaced, which is enough to compare with placeholder words).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes.get(i),
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (Some(b), _, _) => {
                out.push(*b);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn report(cx: &Context<'_>, path: &str, finding: Finding, secret: bool) -> Diagnostic {
    let field = if secret {
        "a secret field"
    } else {
        "this field"
    };
    let message = match finding {
        Finding::Placeholder => format!("placeholder value in {field}"),
        Finding::Unexpanded => {
            format!("unexpanded `${{...}}` variable in {field}; the server does not expand it")
        }
        Finding::Masked => format!("masked value in {field}: this looks like a sanitised export"),
    };
    let source = match ENV_VARS.iter().find(|(p, _)| *p == path) {
        Some((_, var)) => format!("set the real value, e.g. from the {var} environment variable"),
        None => "set the real value".to_owned(),
    };
    let help = match finding {
        Finding::Masked => format!("{source}; a masked export cannot be deployed"),
        _ => source,
    };
    let mut d = RULE.diag(path, message).with_help(help);
    if !cx.is_production_like() {
        d.severity = Severity::Warning;
    }
    d
}

/// Can `s` be reported in some field? Most strings are no stand-in in any
/// field, and the shared walk keeps (and points at) only these. Beyond the
/// obvious placeholders, a secret field's finding is a mask or a
/// placeholder word, and a secret URL's is in its user name or password,
/// which need an `@`.
pub(super) fn may_report(s: &str) -> bool {
    let t = super::trim(s);
    s.as_bytes().contains(&b'@')
        || t == secrets::MASK
        || ["example", "secret", "password"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
        || obvious_trimmed(t).is_some()
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, s) in cx.placeholder_candidates() {
        let kind = secrets::secret_kind(path);
        let (found, secret) = match kind {
            Some(SecretKind::Url) => (in_secret_url(s), true),
            Some(SecretKind::Opaque) => (in_secret(s), true),
            None => (obvious(s), false),
        };
        if let Some(f) = found {
            let mut d = report(cx, path, f, secret);
            // An opaque secret (not a URL) can be a fresh random value.
            if kind == Some(SecretKind::Opaque) {
                d = d.with_proposal(
                    "generate a random secret (32 bytes, hex)",
                    Applicability::Unsafe,
                    Action::GenerateSecret {
                        path: path.to_owned(),
                    },
                );
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::{Value, json};

    const PRESET_PLACEHOLDERS: [&str; 7] = [
        "/monitoring/notification/credentials/secret",
        "/monitoring/notification/url",
        "/security/kms/accessToken",
        "/security/kms/encryptionKey",
        "/security/kms/signingKey",
        "/server/inngest/eventKey",
        "/server/inngest/signingKey",
    ];

    fn sorted_paths(doc: &Value) -> Vec<String> {
        let mut p = paths(&RULE, doc);
        p.sort();
        p
    }

    #[test]
    fn preset_placeholders_are_found() {
        for env in ["production", "staging"] {
            let d = run_rule(&RULE, &preset(env));
            assert!(d.iter().all(|d| d.severity == Severity::Error));
            assert_eq!(sorted_paths(&preset(env)), PRESET_PLACEHOLDERS, "{env}");
        }
        let dev = preset("development");
        let d = run_rule(&RULE, &dev);
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        let mut expected: Vec<&str> = PRESET_PLACEHOLDERS.to_vec();
        expected.push("/server/auth/sessionSecret");
        expected.sort_unstable();
        assert_eq!(sorted_paths(&dev), expected);
    }

    #[test]
    fn real_values_pass() {
        let mut doc = preset("production");
        set(
            &mut doc,
            "/server/inngest/eventKey",
            json!("evt_8f2a61c0d9"),
        );
        set(
            &mut doc,
            "/server/inngest/signingKey",
            json!("signkey-prod-3c1e9b"),
        );
        set(
            &mut doc,
            "/security/kms/encryptionKey",
            json!("kms-key-audit-enc"),
        );
        set(
            &mut doc,
            "/security/kms/signingKey",
            json!("kms-key-audit-sign"),
        );
        set(
            &mut doc,
            "/security/kms/accessToken",
            json!("st.4b7e1f.0c9d"),
        );
        set(
            &mut doc,
            "/monitoring/notification/url",
            json!("https://push.example.com/hook"),
        );
        set(
            &mut doc,
            "/monitoring/notification/credentials/secret",
            json!("9a8b7c6d5e4f"),
        );
        // Ordinary words outside secret fields are fine.
        set(&mut doc, "/logging/service", json!("secret"));
        set(&mut doc, "/version", json!("example"));
        assert!(
            run_rule(&RULE, &doc).is_empty(),
            "{:?}",
            run_rule(&RULE, &doc)
        );
    }

    #[test]
    fn other_placeholders_are_found_without_showing_values() {
        let mut doc = preset("production");
        for p in PRESET_PLACEHOLDERS {
            set(&mut doc, p, json!("s3cret-MARKER-value"));
        }
        set(&mut doc, "/server/auth/sessionSecret", json!("Password"));
        set(
            &mut doc,
            "/security/encryptionKey",
            json!("${AUDIT_CRYPTO_SECRET}"),
        );
        set(
            &mut doc,
            "/database/url",
            json!("postgresql://audit:changeme@db:5432/audit"),
        );
        set(
            &mut doc,
            "/redis/url",
            json!("rediss://***:***@redis-prod:6380"),
        );
        set(
            &mut doc,
            "/server/externalServices",
            json!({"smtp": {"pass": "***MASKED***", "host": "<smtp-host>"}}),
        );
        set(&mut doc, "/logging/service", json!("TODO"));
        assert_eq!(
            sorted_paths(&doc),
            [
                "/database/url",
                "/logging/service",
                "/redis/url",
                "/security/encryptionKey",
                "/server/auth/sessionSecret",
                "/server/externalServices/smtp/host",
                "/server/externalServices/smtp/pass",
            ]
        );
        let d = run_rule(&RULE, &doc);
        for d in &d {
            assert!(
                !d.message.contains("changeme") && !d.message.contains("AUDIT_CRYPTO"),
                "{}",
                d.message
            );
        }
        let msg = |p: &str| {
            d.iter()
                .find(|d| d.path == p)
                .map(|d| d.message.clone())
                .unwrap_or_default()
        };
        assert!(msg("/security/encryptionKey").contains("unexpanded"));
        assert!(msg("/redis/url").contains("masked"));
        assert!(msg("/server/externalServices/smtp/pass").contains("masked"));
        assert!(msg("/server/externalServices/smtp/host").contains("this field"));
    }

    #[test]
    fn mistyped_values_are_skipped() {
        let mut doc = preset("test");
        for p in PRESET_PLACEHOLDERS {
            set(&mut doc, p, json!(7));
        }
        assert!(run_rule(&RULE, &doc).is_empty());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("chan%67eme"), "changeme");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%"), "%zz%");
    }
}
