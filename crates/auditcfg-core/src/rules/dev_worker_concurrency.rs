//! `AC208` dev-worker-concurrency: development keeps worker concurrency low.
//!
//! **What.** In development, `worker.concurrency` above 10 is a warning.
//!
//! **Why.** A laptop running ten-plus parallel workers against a local
//! database mostly measures contention; upstream's
//! `validateEnvironmentConfig` warns about it.
//!
//! **Example.** `"environment": "development", "worker": {"concurrency": 16}`.
//!
//! **Fix.** Lower `worker.concurrency` to 10 or less in development; measure
//! throughput in staging.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::DevWorkerConcurrency,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.is(Environment::Development) {
        return;
    }
    if let Some(n) = cx.num("/worker/concurrency").filter(|n| *n > 10.0) {
        out.push(RULE.diag(
            "/worker/concurrency",
            format!("worker concurrency {n} is high for development (more than 10)"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn warns_above_ten_in_development() {
        let mut doc = preset("development");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/worker/concurrency", json!(11));
        let d = run_rule(&RULE, &doc);
        assert_eq!(d[0].severity, Severity::Warning);
        set(&mut doc, "/environment", json!("production"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
