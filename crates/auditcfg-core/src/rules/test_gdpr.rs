//! `AC209` test-gdpr: GDPR processing is usually off in test.
//!
//! **What.** In the test environment, `compliance.gdpr.enabled` true is a
//! warning.
//!
//! **Why.** Test data should be synthetic; GDPR processing in tests slows
//! them and hints that real personal data is present. Upstream's
//! `validateEnvironmentConfig` warns about it.
//!
//! **Example.** `"environment": "test", "compliance": {"gdpr": {"enabled": true}}`.
//!
//! **Fix.** Turn `compliance.gdpr.enabled` off in test, or make sure the
//! test data is synthetic.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::TestGdpr,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Test) && cx.bool("/compliance/gdpr/enabled") == Some(true) {
        out.push(RULE.diag(
            "/compliance/gdpr/enabled",
            "GDPR processing is enabled in the test environment",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn warns_in_test_only() {
        // Upstream's own test preset enables GDPR: the warning applies to it.
        let mut doc = preset("test");
        assert_eq!(paths(&RULE, &doc), ["/compliance/gdpr/enabled"]);
        set(&mut doc, "/compliance/gdpr/enabled", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/compliance/gdpr/enabled", json!(true));
        set(&mut doc, "/environment", json!("staging"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
