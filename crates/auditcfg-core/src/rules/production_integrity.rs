//! `AC205` production-integrity: production verifies audit log integrity.
//!
//! **What.** In production, `security.enableIntegrityVerification` must be
//! true.
//!
//! **Why.** Tamper-evidence of audit logs is the point of a healthcare
//! audit trail (HIPAA §164.312(c)). Upstream rejects production configs
//! without it.
//!
//! **Example.** `"environment": "production", "security":
//! {"enableIntegrityVerification": false}`.
//!
//! **Fix.** Set `security.enableIntegrityVerification` to `true` in
//! production.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::ProductionIntegrity,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Production)
        && cx.bool("/security/enableIntegrityVerification") == Some(false)
    {
        out.push(
            RULE.diag(
                "/security/enableIntegrityVerification",
                "integrity verification must be enabled in production",
            )
            .with_help("set it to true"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn only_production_requires_it() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(
            &mut doc,
            "/security/enableIntegrityVerification",
            json!(false),
        );
        assert_eq!(run_rule(&RULE, &doc).len(), 1);
        set(&mut doc, "/environment", json!("staging"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
