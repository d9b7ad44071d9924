//! `AC317` archive-unencrypted: production archives of health data are
//! encrypted.
//!
//! **What.** In production, with `compliance.hipaa.enabled`,
//! `archive.encryptArchive` should be true.
//!
//! **Why.** Archives hold the audit trail of protected health information
//! and leave the database for cheaper, more widely readable storage; HIPAA
//! treats encryption at rest as the safe harbour against breach
//! notification. Upstream does not require it.
//!
//! **Example.** `"environment": "production", "archive": {"encryptArchive":
//! false}` is reported at `/archive/encryptArchive`.
//!
//! **Fix.** Set `archive.encryptArchive` to `true` in production (and keep
//! the archive key outside the file).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::ArchiveUnencrypted,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Production)
        && cx.bool("/compliance/hipaa/enabled") == Some(true)
        && cx.bool("/archive/encryptArchive") == Some(false)
    {
        out.push(
            RULE.diag(
                "/archive/encryptArchive",
                "archives of HIPAA audit records are not encrypted",
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
    fn unencrypted_archive_warns_in_production() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/archive/encryptArchive", json!(false));
        assert_eq!(paths(&RULE, &doc), ["/archive/encryptArchive"]);
        set(&mut doc, "/compliance/hipaa/enabled", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
        // Development's preset does not encrypt archives; that is fine there.
        assert!(run_rule(&RULE, &preset("development")).is_empty());
    }
}
