//! `AC313` session-secret-length: the session secret has at least 32
//! characters.
//!
//! **What.** `server.auth.sessionSecret`, when not empty, must be at least
//! 32 characters long. An error in staging and production, a warning
//! elsewhere.
//!
//! **Why.** Better Auth signs and encrypts sessions with it and requires 32
//! characters or more; a short secret can be brute-forced, letting anyone
//! forge a session to an API holding health records. Upstream does not
//! check it. The message shows the length only, never the secret.
//!
//! **Example.** `"auth": {"sessionSecret": "hunter2"}` is reported at
//! `/server/auth/sessionSecret` with its length (7).
//!
//! **Fix.** Use 32 random bytes as hex (64 characters), e.g. from
//! `BETTER_AUTH_SECRET`.

use super::{Code, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) const RULE: Rule = Rule {
    code: Code::SessionSecretLength,
    check,
};

const PATH: &str = "/server/auth/sessionSecret";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(secret) = cx.str(PATH) else { return };
    let len = secret.chars().count();
    if len == 0 || len >= 32 {
        return;
    }
    let mut d = RULE
        .diag(
            PATH,
            format!("session secret has {len} characters; Better Auth requires at least 32"),
        )
        .with_help("use 32 random bytes as hex (64 characters), e.g. from BETTER_AUTH_SECRET");
    if !cx.is_production_like() {
        d.severity = Severity::Warning;
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn short_secrets_fail_without_showing_them() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
        let mut doc = preset("production");
        set(&mut doc, PATH, json!("MARKER-short"));
        let d = run_rule(&RULE, &doc);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(!d[0].message.contains("MARKER") && d[0].message.contains("12"));

        let mut dev = preset("development");
        set(&mut dev, PATH, json!("short"));
        assert_eq!(run_rule(&RULE, &dev)[0].severity, Severity::Warning);
        set(&mut dev, PATH, json!(""));
        assert!(run_rule(&RULE, &dev).is_empty());
        set(&mut dev, PATH, json!(12345));
        assert!(run_rule(&RULE, &dev).is_empty());
    }
}
