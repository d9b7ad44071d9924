//! `AC204` recipients-required: scheduled compliance reports need recipients.
//!
//! **What.** When `compliance.reportingSchedule.enabled` is true,
//! `compliance.reportingSchedule.recipients` must not be empty.
//!
//! **Why.** Reports with nobody to receive them are compliance evidence that
//! never arrives. Upstream's `validateConfiguration` rejects it, and
//! upstream's own staging and production presets trip it.
//!
//! **Example.** `"reportingSchedule": {"enabled": true, "recipients": []}`.
//!
//! **Fix.** Add at least one recipient address, or disable the scheduled
//! report.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::RecipientsRequired,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.bool("/compliance/reportingSchedule/enabled") != Some(true) {
        return;
    }
    let path = "/compliance/reportingSchedule/recipients";
    let empty = match cx.get(path) {
        None | Some(serde_json::Value::Null) => true,
        Some(v) => v.as_array().is_some_and(Vec::is_empty),
    };
    if empty {
        out.push(
            RULE.diag(path, "reporting is enabled but there are no recipients")
                .with_help(
                    "add e-mail addresses (or set COMPLIANCE_RECIPIENTS), or disable the schedule",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn upstream_presets_trip_it() {
        assert_eq!(paths(&RULE, &preset("production")).len(), 1);
        assert_eq!(paths(&RULE, &preset("staging")).len(), 1);
        assert!(run_rule(&RULE, &preset("development")).is_empty());
        let mut doc = preset("production");
        set(
            &mut doc,
            "/compliance/reportingSchedule/recipients",
            json!(["a@b.org"]),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
