//! `AC307` invalid-email: e-mail addresses are well formed.
//!
//! **What.** Every e-mail address of the document must be well formed:
//! the items of `compliance.reportingSchedule.recipients`,
//! `server.externalServices.smtp.from` (`Name <address>` allowed) and
//! `smtp.user` when it contains an `@`, and any string, or list of strings,
//! under a key named `email`, `recipients` or `from` (or ending in `Email`
//! or `Emails`) anywhere; `from` elsewhere only when it contains an `@`.
//! Well formed means: no spaces, exactly one `@`, a local part of 1 to 64
//! characters without misplaced dots or special characters, and a domain
//! with at least one dot whose labels are letters (any script:
//! internationalised domains such as `bücher.de` are fine), digits and `-`
//! (not first or last), ending in a top-level domain of two or more
//! letters (or a `xn--` one). Each bad item is reported at its own pointer;
//! empty strings are skipped, except as list items.
//!
//! **Why.** Upstream's pattern (`^[^\s@]+@[^\s@]+\.[^\s@]+$`, checked
//! exactly by the schema, `AC105`) accepts `a@b.c`, `a@-x.com` and
//! `a..b@x.y!`; compliance reports sent to such an address are lost, and
//! nobody notices until an audit asks for them. A warning, not an error:
//! the server accepts these addresses and starts.
//!
//! **Example.** `"recipients": ["compliance@hospital"]` is reported at
//! `/compliance/reportingSchedule/recipients/0`: the domain has no dot.
//!
//! **Fix.** Write a complete address (`compliance@hospital.example`).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::InvalidEmail,
    check,
};

/// How strictly a field holds addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// Always an address.
    Address,
    /// An address, possibly as `Name <address>`.
    Sender,
    /// An address only when it contains an `@`.
    MaybeAddress,
}

/// How the member `key`, at pointer `at`, holds addresses, if it does.
pub(super) fn field(at: &str, key: &str) -> Option<Field> {
    let ends_ci = |suffix: &str| super::ends_with_ci(key, suffix);
    if at == "/server/externalServices/smtp/from" {
        Some(Field::Sender)
    } else if at == "/server/externalServices/smtp/user" {
        Some(Field::MaybeAddress)
    } else if key.eq_ignore_ascii_case("recipients") || ends_ci("email") || ends_ci("emails") {
        Some(Field::Address)
    } else if key.eq_ignore_ascii_case("from") {
        Some(Field::MaybeAddress)
    } else {
        None
    }
}

/// Why an address is malformed, if it is.
fn problem(address: &str) -> Option<&'static str> {
    if address.is_empty() {
        return Some("empty address");
    }
    if address.chars().any(char::is_whitespace) {
        return Some("contains a space");
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Some(if address.contains('@') {
            "more than one @"
        } else {
            "no @"
        });
    };
    if local.is_empty() {
        return Some("nothing before the @");
    }
    if local.chars().count() > 64 {
        return Some("more than 64 characters before the @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("misplaced dot before the @");
    }
    if local
        .chars()
        .any(|c| c.is_control() || "\"(),:;<>[\\]".contains(c))
    {
        return Some("invalid character before the @");
    }
    if domain.is_empty() {
        return Some("nothing after the @");
    }
    if domain.len() > 253 {
        return Some("the domain is longer than 253 characters");
    }
    if !domain.contains('.') {
        return Some("the domain has no dot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    for label in &labels {
        if label.is_empty() {
            return Some("empty label in the domain");
        }
        if label.len() > 63 {
            return Some("a domain label is longer than 63 characters");
        }
        // Internationalised labels (`bücher`) are letters and digits of
        // any script.
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Some("invalid character in the domain");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("a domain label starts or ends with -");
        }
    }
    let tld = labels.last().copied().unwrap_or_default();
    let letters = tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
    let punycode = tld.len() > 4 && tld.starts_with("xn--");
    if !letters && !punycode {
        return Some("the top-level domain is not two or more letters");
    }
    None
}

/// The address of a `Name <address>` sender, or the whole value.
fn sender_address(s: &str) -> &str {
    let t = s.trim_end();
    match (t.rfind('<'), t.ends_with('>')) {
        (Some(open), true) => &t[open + 1..t.len() - 1],
        _ => s,
    }
}

/// Checks one address of a field of this kind (`in_list`: an item of a
/// list, where an empty string is a finding too).
pub(super) fn check_one(at: &str, s: &str, kind: Field, in_list: bool, out: &mut Vec<Diagnostic>) {
    if s.is_empty() && !in_list {
        return;
    }
    let address = match kind {
        Field::MaybeAddress if !s.contains('@') => return,
        Field::Sender => sender_address(s),
        _ => s,
    };
    if let Some(why) = problem(address) {
        out.push(
            RULE.diag(at, format!("not a valid e-mail address: {why}"))
                .with_help("write it as name@example.org"),
        );
    }
}

/// The walk is shared with the other rules (`Context::walked`): a member
/// is checked when [`field`] says it holds addresses (a string, or each
/// string item of a list; other items are walked), and objects and arrays
/// are walked to 64 levels, as upstream's documents are 5 deep.
fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    out.extend(cx.walked().emails.iter().cloned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    const RECIPIENTS: &str = "/compliance/reportingSchedule/recipients";

    #[test]
    fn good_addresses_pass() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
        let mut doc = preset("production");
        set(
            &mut doc,
            RECIPIENTS,
            json!([
                "compliance@hospital.org",
                "a.b+audit@mail.example-health.co.uk"
            ]),
        );
        set(
            &mut doc,
            "/server/externalServices",
            json!({"smtp": {"from": "Audit <audit@hospital.org>", "user": "apikey"}}),
        );
        assert!(
            run_rule(&RULE, &doc).is_empty(),
            "{:?}",
            run_rule(&RULE, &doc)
        );
    }

    #[test]
    fn bad_addresses_fail_each_at_its_pointer() {
        let mut doc = preset("production");
        set(
            &mut doc,
            RECIPIENTS,
            json!([
                "ok@hospital.org",
                "compliance@hospital",
                "a@b.c",
                "a@-x.com",
                "a..b@x.org",
                "",
                "two@@x.org",
                5
            ]),
        );
        set(
            &mut doc,
            "/server/externalServices",
            json!({"smtp": {"from": "Audit <audit@hospital>", "user": "me @x.org"},
                   "alerts": {"contactEmail": "x.org", "from": "2024-01-01"}}),
        );
        let d = run_rule(&RULE, &doc);
        let got: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "/server/externalServices/smtp/from",
                "/server/externalServices/smtp/user",
                "/server/externalServices/alerts/contactEmail",
                "/compliance/reportingSchedule/recipients/1",
                "/compliance/reportingSchedule/recipients/2",
                "/compliance/reportingSchedule/recipients/3",
                "/compliance/reportingSchedule/recipients/4",
                "/compliance/reportingSchedule/recipients/5",
                "/compliance/reportingSchedule/recipients/6",
            ]
        );
        assert!(
            d[3].message.ends_with("the domain has no dot"),
            "{}",
            d[3].message
        );
        assert!(d.iter().all(|d| !d.message.contains("hospital")));
        // Stricter than upstream, so a warning: the server starts.
        assert!(d.iter().all(|d| d.severity == crate::Severity::Warning));
    }

    #[test]
    fn problems() {
        assert_eq!(problem("a@b.co"), None);
        assert_eq!(
            problem(&format!("{}@x.org", "a".repeat(65))),
            Some("more than 64 characters before the @")
        );
        assert_eq!(
            problem("a@x.org1"),
            Some("the top-level domain is not two or more letters")
        );
        assert_eq!(
            problem("a@x_y.org"),
            Some("invalid character in the domain")
        );
        assert_eq!(problem("@x.org"), Some("nothing before the @"));
        assert_eq!(problem("a@"), Some("nothing after the @"));
        assert_eq!(problem("a@x..org"), Some("empty label in the domain"));
        // Internationalised domains (upstream's pattern accepts them too).
        assert_eq!(problem("ops@bücher.de"), None);
        assert_eq!(problem("ops@例え.テスト"), None);
        assert_eq!(problem("ops@xn--bcher-kva.xn--p1ai"), None);
        assert_eq!(sender_address("Audit <a@b.co>"), "a@b.co");
        assert_eq!(sender_address("a@b.co"), "a@b.co");
    }
}
