//! `AC314` hipaa-retention: with HIPAA on, audit records are kept six years.
//!
//! **What.** When `compliance.hipaa.enabled` is true,
//! `compliance.defaultRetentionDays` must be at least 2190 (six years) and
//! `compliance.hipaa.retentionYears`, when present, at least 6. An error,
//! except in `test`, where it is a warning: test data holds no real health
//! information (upstream's test preset keeps records one day).
//!
//! **Why.** HIPAA (45 CFR §164.316(b)(2)) requires security documentation
//! to be retained for six years, and audit records are held to the same
//! period; records deleted earlier cannot be produced in an investigation.
//! Upstream bounds the retention to 1..3650 days only.
//!
//! **Example.** `"compliance": {"hipaa": {"enabled": true},
//! "defaultRetentionDays": 365}` is reported at
//! `/compliance/defaultRetentionDays`.
//!
//! **Fix.** Keep audit records for at least 2190 days (six years) while
//! HIPAA is on.

use super::{Code, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::HipaaRetention,
    check,
};

/// Six years, as upstream counts them (365 days a year).
const MIN_DAYS: f64 = 2190.0;
const MIN_YEARS: f64 = 6.0;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.bool("/compliance/hipaa/enabled") != Some(true) {
        return;
    }
    let mut found = Vec::new();
    if let Some(days) = cx
        .num("/compliance/defaultRetentionDays")
        .filter(|d| *d < MIN_DAYS)
    {
        found.push(
            RULE.diag(
                "/compliance/defaultRetentionDays",
                format!(
                    "defaultRetentionDays ({days}) is below HIPAA's six years ({MIN_DAYS} days)"
                ),
            )
            .with_help("keep audit records at least 2190 days, or disable compliance.hipaa"),
        );
    }
    if let Some(years) = cx
        .num("/compliance/hipaa/retentionYears")
        .filter(|y| *y < MIN_YEARS)
    {
        found.push(
            RULE.diag(
                "/compliance/hipaa/retentionYears",
                format!("retentionYears ({years}) is below HIPAA's six years"),
            )
            .with_help("set it to 6 or more"),
        );
    }
    for mut d in found {
        if cx.is(Environment::Test) {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn short_retention_fails_with_hipaa() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/compliance/defaultRetentionDays", json!(2189));
        set(&mut doc, "/compliance/hipaa/retentionYears", json!(5));
        let d = run_rule(&RULE, &doc);
        assert_eq!(
            d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
            [
                "/compliance/defaultRetentionDays",
                "/compliance/hipaa/retentionYears"
            ]
        );
        assert!(d.iter().all(|d| d.severity == Severity::Error));
        set(&mut doc, "/compliance/hipaa/enabled", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
    }

    #[test]
    fn test_environment_only_warns() {
        let d = run_rule(&RULE, &preset("test"));
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].path.as_str(), d[0].severity),
            ("/compliance/defaultRetentionDays", Severity::Warning)
        );
    }
}
