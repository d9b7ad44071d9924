//! `AC316` full-trace-sampling: production traces every request.
//!
//! **What.** In production, with `observability.tracing.enabled`, a
//! `observability.tracing.sampleRate` of 1 (every request) is reported as
//! information.
//!
//! **Why.** Full sampling multiplies the tracing backend's storage and cost
//! with the traffic and adds latency to every request; a fraction (0.1 or
//! less) usually shows the same problems. Upstream's production preset
//! samples everything.
//!
//! **Example.** `"environment": "production", "observability": {"tracing":
//! {"enabled": true, "sampleRate": 1}}` is reported at
//! `/observability/tracing/sampleRate`.
//!
//! **Fix.** Lower `observability.tracing.sampleRate` (e.g. `0.1`) unless
//! every request must be traced.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::FullTraceSampling,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.is(Environment::Production) || cx.bool("/observability/tracing/enabled") != Some(true) {
        return;
    }
    if cx
        .num("/observability/tracing/sampleRate")
        .is_some_and(|r| r >= 1.0)
    {
        out.push(
            RULE.diag(
                "/observability/tracing/sampleRate",
                "every production request is traced",
            )
            .with_help("consider a sample rate of 0.1 or less"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn full_sampling_is_noted_in_production() {
        let mut doc = preset("production");
        assert_eq!(paths(&RULE, &doc), ["/observability/tracing/sampleRate"]);
        set(&mut doc, "/observability/tracing/sampleRate", json!(0.1));
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/observability/tracing/sampleRate", json!(1));
        set(&mut doc, "/observability/tracing/enabled", json!(false));
        assert!(run_rule(&RULE, &doc).is_empty());
        assert!(run_rule(&RULE, &preset("staging")).is_empty());
    }
}
