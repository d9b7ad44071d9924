//! `AC201` retry-delay-order: `maxDelay` must not be below `baseDelay`.
//!
//! **What.** `retry.maxDelay` must be greater than or equal to
//! `retry.baseDelay`. We apply the same check to
//! `reliableProcessor.retryConfig`, which upstream forgets.
//!
//! **Why.** The backoff starts at `baseDelay` and is capped at `maxDelay`; a
//! cap below the start makes every retry wait `maxDelay`, silently ignoring
//! the configured backoff. Upstream's `validateConfiguration` rejects it.
//!
//! **Example.** `"retry": {"baseDelay": 5000, "maxDelay": 1000}` is reported
//! at `/retry/maxDelay`.
//!
//! **Fix.** Raise `retry.maxDelay` to at least `retry.baseDelay` (or lower
//! the base delay).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::RetryDelayOrder,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for base in ["/retry", "/reliableProcessor/retryConfig"] {
        let (Some(min), Some(max)) = (
            cx.num(&format!("{base}/baseDelay")),
            cx.num(&format!("{base}/maxDelay")),
        ) else {
            continue;
        };
        if max < min {
            out.push(
                RULE.diag(
                    format!("{base}/maxDelay"),
                    format!("maxDelay ({max}) is below baseDelay ({min})"),
                )
                .with_help("raise maxDelay or lower baseDelay"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn passes_on_presets_and_fails_when_inverted() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/retry/maxDelay", json!(1000));
        set(
            &mut doc,
            "/reliableProcessor/retryConfig/maxDelay",
            json!(1000),
        );
        assert_eq!(
            paths(&RULE, &doc),
            ["/retry/maxDelay", "/reliableProcessor/retryConfig/maxDelay"]
        );
    }
}
